"""Project-team pages shared by the panel (any organisation of the office) and the kurum
area (a member's own organisation): the team's status and its members. The views of
each area fetch the organisation or member through their access helper and call these."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.errors import ApplicationError
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import TeamMemberForm, TeamStatusForm
from ..models import Organisation, TeamMember


def team_urls(request: OfficeRequest, organisation: Organisation) -> dict[str, str]:
    """Where the team pages of ``organisation`` live in the current area."""
    slug = request.office.slug
    if request.resolver_match and request.resolver_match.namespaces[0] == "kurum":
        return {
            "base": "member_base.html",
            "back": reverse("kurum:organisations:team", kwargs={"office_slug": slug}),
            "status": reverse("kurum:organisations:team_status", kwargs={"office_slug": slug}),
            "add": reverse("kurum:organisations:member_create", kwargs={"office_slug": slug}),
            "edit": "kurum:organisations:member_edit",
            "delete": "kurum:organisations:member_delete",
        }
    kw = {"office_slug": slug, "pk": organisation.pk}
    return {
        "base": "panel_base.html",
        "back": reverse("panel:organisations:detail", kwargs=kw) + "#ekip",
        "status": reverse("panel:organisations:team_status", kwargs=kw),
        "add": reverse("panel:organisations:member_create", kwargs=kw),
        "edit": "panel:organisations:member_edit",
        "delete": "panel:organisations:member_delete",
    }


def team_context(request: OfficeRequest, organisation: Organisation) -> dict[str, Any]:
    """What ``organisations/_team.html`` shows: the team, its status form, its links."""
    return {
        "organisation": organisation,
        "members": list(selectors.team_members(organisation)),
        "status_form": TeamStatusForm(instance=organisation),
        "team_urls": team_urls(request, organisation),
    }


def team_status(request: OfficeRequest, organisation: Organisation) -> HttpResponse:
    """``organisation`` comes from ``access_organisation(..., for_="edit_team")``."""
    urls = team_urls(request, organisation)
    form = TeamStatusForm(request.POST or None, instance=organisation)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.team_status_set(
            organisation=fresh_copy(organisation),
            status=data["team_status"],
            formed_on=data.get("team_formed_on"),
            actor=request.user,
            expected_version=version,
        ),
        template="organisations/team_form.html",
        context={"organisation": organisation, "urls": urls, "kind": "status"},
        success_url=urls["back"],
        success_message=_("Proje ekibinin durumu kaydedildi."),
    )


def member_create(request: OfficeRequest, organisation: Organisation) -> HttpResponse:
    """``organisation`` comes from ``access_organisation(..., for_="edit_team")``."""
    urls = team_urls(request, organisation)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_create(
                organisation=organisation, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Ekip üyesi eklendi."))
            return redirect(urls["back"])
    return render(
        request,
        "organisations/team_form.html",
        {
            "form": form,
            "organisation": organisation,
            "member": None,
            "urls": urls,
            "kind": "member",
        },
    )


def member_edit(request: OfficeRequest, member: TeamMember) -> HttpResponse:
    """``member`` comes from ``access_team_member(..., for_="edit")``."""
    organisation = member.organisation
    urls = team_urls(request, organisation)
    form = TeamMemberForm(request.POST or None, instance=member)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.team_member_update(
            member=fresh_copy(member), data=data, actor=request.user, expected_version=version
        ),
        template="organisations/team_form.html",
        context={"organisation": organisation, "member": member, "urls": urls, "kind": "member"},
        success_url=urls["back"],
        success_message=_("Ekip üyesi kaydedildi."),
    )


def member_delete(request: OfficeRequest, member: TeamMember) -> HttpResponse:
    """``member`` comes from ``access_team_member(..., for_="remove")``."""
    services.team_member_delete(member=member, actor=request.user)
    messages.success(request, _("Ekip üyesi çıkarıldı."))
    return redirect(team_urls(request, member.organisation)["back"])
