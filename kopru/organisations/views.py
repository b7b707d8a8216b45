from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.core.errors import ApplicationError
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from . import selectors, services
from .forms import MemberOrganisationForm, OrganisationForm
from .models import Organisation, OrganisationType
from .permissions import can_edit_organisation


def panel_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    org_type = request.GET.get("type", "")
    qs = selectors.organisation_list(q=q, type=org_type)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/panel_list.html",
        {"page": page, "q": q, "type": org_type, "types": OrganisationType.choices},
    )


def panel_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("district", "district__province"), pk=pk
    )
    return render(request, "organisations/panel_detail.html", {"organisation": organisation})


def panel_create(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    form = OrganisationForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                office=office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Kurum kaydedildi."))
            return redirect(
                "panel:organisations:detail", office_slug=office.slug, pk=organisation.pk
            )
    return render(request, "organisations/panel_form.html", {"form": form, "organisation": None})


def panel_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation, office=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.organisation_update(
            organisation=fresh_copy(organisation),
            data=data,
            actor=request.user,
            expected_version=version,
        ),
        template="organisations/panel_form.html",
        context={"organisation": organisation},
        success_url=reverse(
            "panel:organisations:detail", kwargs={"office_slug": office.slug, "pk": organisation.pk}
        ),
        success_message=_("Kurum bilgileri kaydedildi."),
    )


def member_home(request: HttpRequest, office_slug: str) -> HttpResponse:
    """An institution member's own organisation (staff land on their panel instead)."""
    user = request.user
    office = request.office  # type: ignore[attr-defined]
    if not getattr(user, "organisation_id", None):
        return redirect("panel:offices:home", office_slug=office.slug)
    organisation = get_object_or_404(Organisation, pk=user.organisation_id)  # type: ignore[union-attr]
    return render(request, "organisations/member_home.html", {"organisation": organisation})


def member_edit(request: HttpRequest, office_slug: str) -> HttpResponse:
    user = request.user
    office = request.office  # type: ignore[attr-defined]
    organisation = get_object_or_404(Organisation, pk=getattr(user, "organisation_id", None))
    if not can_edit_organisation(user, organisation):
        raise Http404("organisation")
    form = MemberOrganisationForm(request.POST or None, instance=organisation, office=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.organisation_update(
            organisation=fresh_copy(organisation), data=data, actor=user, expected_version=version
        ),
        template="organisations/member_form.html",
        context={"organisation": organisation},
        success_url=reverse("kurum:organisations:home", kwargs={"office_slug": office.slug}),
        success_message=_("Kurum bilgileri kaydedildi."),
    )
