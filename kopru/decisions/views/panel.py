"""The office's register: list, create, edit, a decision's page and its actions
(cancel, reopen, milestones, links, the owner's link). One POST view per action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import emails, selectors, services
from ..forms import CancelForm, DecisionForm, LinkForm, MilestoneForm, ProgressForm
from ..models import Decision, DecisionLink, Milestone
from ..permissions import access_decision, access_link, access_milestone
from .public import _form_status


def _detail_url(office_slug: str, pk: int) -> str:
    return reverse("panel:decisions:detail", kwargs={"office_slug": office_slug, "pk": pk})


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    filters = selectors.DecisionFilters.from_params(request.GET)
    base = Decision.objects.all()
    listing = paged_list(
        request, selectors.managed_decisions(filters), sorts=selectors.PANEL_SORTS, default="due"
    )
    return render(
        request,
        "decisions/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "filters": filters,
            "options": selectors.filter_options(base),
            "counts": selectors.state_counts(filters.apply(base)),
            "state_choices": selectors.State.choices,
        },
    )


def panel_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = DecisionForm(request.POST or None, office=request.office)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                office=request.office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Karar kaydedildi."))
            return redirect(_detail_url(office_slug, decision.pk))
    status = 400 if request.method == "POST" else 200
    return render(request, "decisions/panel_form.html", {"form": form}, status=status)


def _add_errors(form: Any, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    form = DecisionForm(request.POST or None, instance=fresh_copy(decision), office=request.office)

    def save(data: dict[str, Any], version: int | None) -> None:
        services.decision_update(
            decision=decision, data=data, actor=request.user, expected_version=version
        )

    return handle_versioned_form(
        request,
        form=form,
        save=save,
        template="decisions/panel_form.html",
        context={"decision": decision},
        success_url=_detail_url(office_slug, decision.pk),
        success_message=_("Karar güncellendi."),
    )


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    return render(
        request,
        "decisions/panel_detail.html",
        {
            "decision": decision,
            "milestones": selectors.milestones_of(decision),
            "links": selectors.links_of(decision, public=False),
            "history": selectors.history_of(decision),
            "progress_form": ProgressForm(
                initial={
                    "progress": decision.progress,
                    "status": _form_status(decision),
                    "version": decision.version,
                }
            ),
            "cancel_form": CancelForm(),
            "milestone_form": MilestoneForm(),
            "link_form": LinkForm(),
            "owner_link": emails.progress_url(decision),
        },
    )


def _action(
    request: OfficeRequest, office_slug: str, pk: int, run: Callable[[], Any], done: str
) -> HttpResponse:
    try:
        run()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(office_slug, pk))


@post_only(Decision)
def panel_cancel(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    reason = request.POST.get("reason", "")
    return _action(
        request,
        office_slug,
        pk,
        lambda: services.decision_cancel(decision=decision, reason=reason, actor=request.user),
        _("Karar iptal edildi."),
    )


@post_only(Decision)
def panel_reopen(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    return _action(
        request,
        office_slug,
        pk,
        lambda: services.decision_reopen(decision=decision, actor=request.user),
        _("Karar yeniden açıldı."),
    )


@post_only(Decision)
def panel_link_renew(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    return _action(
        request,
        office_slug,
        pk,
        lambda: services.decision_link_renew(decision=decision, actor=request.user),
        _("Sorumlunun bağlantısı yenilendi; eski bağlantı artık açılmıyor."),
    )


@post_only(Decision)
def panel_milestone_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    form = MilestoneForm(request.POST)

    def run() -> None:
        if not form.is_valid():
            raise ApplicationError(_("Ara adımın başlığını ve tarihini girin."))
        services.milestone_add(decision=decision, data=form.cleaned_data, actor=request.user)

    return _action(request, office_slug, pk, run, _("Ara adım eklendi."))


@post_only(Milestone)
def panel_milestone_done(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    milestone = access_milestone(request.user, pk)
    done = None if milestone.done_on else timezone.localdate()
    return _action(
        request,
        office_slug,
        milestone.decision_id,
        lambda: services.milestone_done(milestone=milestone, done_on=done, actor=request.user),
        _("Ara adım güncellendi."),
    )


@post_only(Milestone)
def panel_milestone_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    milestone = access_milestone(request.user, pk)
    return _action(
        request,
        office_slug,
        milestone.decision_id,
        lambda: services.milestone_delete(milestone=milestone, actor=request.user),
        _("Ara adım silindi."),
    )


@post_only(Decision)
def panel_link_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk, for_="manage")
    form = LinkForm(request.POST)

    def run() -> None:
        if not form.is_valid():
            raise ApplicationError(_("Bağlantının türünü ve kaydını girin."))
        data = form.cleaned_data
        services.link_add(
            decision=decision,
            kind=data["kind"],
            target_id=data.get("target"),
            url=data.get("url") or "",
            label=data.get("label") or "",
            actor=request.user,
        )

    return _action(request, office_slug, pk, run, _("Bağlantı eklendi."))


@post_only(DecisionLink)
def panel_link_remove(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    link = access_link(request.user, pk)
    return _action(
        request,
        office_slug,
        link.decision_id,
        lambda: services.link_remove(link=link, actor=request.user),
        _("Bağlantı kaldırıldı."),
    )
