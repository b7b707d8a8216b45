"""The kurum area: an institution member's own organisation and its project team."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import OfficeRequest
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import MemberOrganisationForm
from ..permissions import access_own_organisation, access_team_member
from . import teams


def member_home(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """An institution member's own organisation (staff land on their panel instead)."""
    if not request.user.organisation_id:
        return redirect("panel:offices:home", office_slug=request.office.slug)
    organisation = access_own_organisation(request.user, for_="view")
    return render(
        request,
        "organisations/member_home.html",
        {
            "organisation": organisation,
            "member_count": selectors.team_members(organisation).count(),
        },
    )


def member_edit(request: OfficeRequest, office_slug: str) -> HttpResponse:
    user = request.user
    office = request.office
    organisation = access_own_organisation(user, for_="edit")
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


def member_team(request: OfficeRequest, office_slug: str) -> HttpResponse:
    organisation = access_own_organisation(request.user, for_="edit_team")
    return render(
        request, "organisations/member_team.html", teams.team_context(request, organisation)
    )


def member_team_status(request: OfficeRequest, office_slug: str) -> HttpResponse:
    return teams.team_status(request, access_own_organisation(request.user, for_="edit_team"))


def member_member_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    return teams.member_create(request, access_own_organisation(request.user, for_="edit_team"))


def member_member_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    own = access_own_organisation(request.user, for_="edit_team")
    return teams.member_edit(
        request, access_team_member(request.user, pk, for_="edit", organisation=own)
    )


@require_POST
def member_member_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    own = access_own_organisation(request.user, for_="edit_team")
    return teams.member_delete(
        request, access_team_member(request.user, pk, for_="remove", organisation=own)
    )
