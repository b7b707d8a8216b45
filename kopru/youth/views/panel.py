"""The Eurodesk point's pages: the office's opportunities, their form, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only, requires
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import selectors, services
from ..forms import OpportunityForm
from ..models import Opportunity, PublicationState
from ..permissions import access_opportunity, can_manage_opportunities


def _add_errors(form: OpportunityForm, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for name, message in fields.items():
        form.add_error(name if name in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


@requires(can_manage_opportunities)
def opportunity_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    state = request.GET.get("durum", "")
    state = state if state in PublicationState.values else ""
    listing = paged_list(
        request,
        selectors.staff_opportunities(state=state),
        sorts=selectors.PANEL_SORTS,
        default="-deadline",
    )
    return render(
        request,
        "youth/panel_list.html",
        {
            "opportunities": listing.page.object_list,
            "page": listing.page,
            "listing": listing,
            "state": state,
            "states": PublicationState.choices,
            "reached": selectors.young_people_reached(),
        },
    )


@requires(can_manage_opportunities)
def opportunity_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                office=request.office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Fırsat kaydedildi (taslak)."))
            return redirect("panel:youth:detail", office_slug=office_slug, pk=opportunity.pk)
    return render(
        request,
        "youth/panel_form.html",
        {"form": form, "opportunity": None},
        status=400 if request.method == "POST" else 200,
    )


def opportunity_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    opportunity = access_opportunity(request.user, pk)
    return render(request, "youth/panel_detail.html", {"o": opportunity})


def opportunity_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    opportunity = access_opportunity(request.user, pk, for_="edit")
    form = OpportunityForm(request.POST or None, instance=opportunity)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.opportunity_update(
            opportunity=fresh_copy(opportunity),
            data=data,
            actor=request.user,
            expected_version=version,
        ),
        template="youth/panel_form.html",
        context={"opportunity": opportunity},
        success_url=reverse(
            "panel:youth:detail", kwargs={"office_slug": office_slug, "pk": opportunity.pk}
        ),
        success_message=_("Fırsat kaydedildi."),
    )


def _action(request: OfficeRequest, pk: int, run: object, done: str) -> HttpResponse:
    opportunity = access_opportunity(request.user, pk, for_="edit")
    run(opportunity=opportunity, actor=request.user)  # type: ignore[operator]
    messages.success(request, done)
    return redirect("panel:youth:detail", office_slug=request.office.slug, pk=opportunity.pk)


@post_only(Opportunity)
def opportunity_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.opportunity_publish, _("Fırsat yayımlandı."))


@post_only(Opportunity)
def opportunity_unpublish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.opportunity_unpublish, _("Fırsat taslağa alındı."))


@post_only(Opportunity)
def opportunity_archive(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _action(request, pk, services.opportunity_archive, _("Fırsat arşivlendi."))
