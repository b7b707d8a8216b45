from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kopru.core.tenancy import OFFICE_MODEL


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a signed-in user works: their panel, their institution, or the national view."""
    user = request.user
    if user.is_national_admin:  # type: ignore[union-attr]
        return redirect("national:national:overview")
    office = user.office  # type: ignore[union-attr]
    assert office is not None  # guaranteed by the role constraint on User
    if user.is_institution_member:  # type: ignore[union-attr]
        return redirect("kurum:organisations:home", office_slug=office.slug)
    return redirect("panel:offices:home", office_slug=office.slug)


@login_required
def switch_office(request: HttpRequest) -> HttpResponse:
    """The national administrator's office switcher."""
    slug = request.GET.get("office", "")
    # The Office model is named, not imported: offices is the layer above accounts.
    offices = apps.get_model(OFFICE_MODEL)._default_manager
    if request.user.is_national_admin and offices.filter(slug=slug).exists():  # type: ignore[union-attr]
        return redirect(reverse("panel:offices:home", kwargs={"office_slug": slug}))
    return redirect("accounts:home")
