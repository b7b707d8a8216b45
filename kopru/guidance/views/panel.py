"""The staff's guidance desk: the overview, the case list and its export, the quick log
of a call or visit, a case's page with one POST per action, the edit form and the
search boxes of the case forms."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.spreadsheets import workbook_bytes
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.core.views import lookup_options

from .. import selectors, services
from ..forms import (
    AssignForm,
    CaseEditForm,
    CaseLogForm,
    CloseForm,
    FollowUpForm,
    NoteForm,
    ReplyForm,
)
from ..models import Case, Channel, Status, Topic
from ..permissions import access_case, can_assign

# --- panel: the desk ---------------------------------------------------------------


def panel_desk(request: OfficeRequest, office_slug: str) -> HttpResponse:
    overview = selectors.desk_overview()
    chart = {
        "labels": [m.month.strftime("%Y-%m") for m in overview.months],
        "opened": [m.opened for m in overview.months],
        "answer_median": [m.first_answer.median for m in overview.months],
        "closing_median": [m.closing.median for m in overview.months],
    }
    return render(request, "guidance/panel_desk.html", {"o": overview, "chart": chart})


def _list_filters(request: OfficeRequest) -> dict[str, Any]:
    g = request.GET
    assigned: Any = g.get("uzman", "")
    if assigned == "ben":
        assigned = request.user.pk
    elif assigned != "none":
        assigned = int(assigned) if assigned.isdigit() else None
    return {
        "q": g.get("q", "").strip()[:200],
        "status": g.get("durum", "open"),
        "assigned_to": assigned,
        "channel": g.get("kanal", ""),
        "topic": g.get("konu", ""),
        "overdue": g.get("geciken") == "1",
    }


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    filters = _list_filters(request)
    listing = paged_list(
        request, selectors.case_list(**filters), sorts=selectors.CASE_SORTS, default="-opened"
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "guidance/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "f": filters,
            "raw": request.GET,
            "query": query.urlencode(),
            "staff": selectors.assignable_staff(office),
            "statuses": Status.choices,
            "channels": Channel.choices,
            "topics": Topic.choices,
            "today": timezone.localdate(),
        },
    )


def panel_export(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """The filtered list as a spreadsheet (formula cells neutralised)."""
    filters = _list_filters(request)
    rows = selectors.case_list(**filters)[:20000]
    headers = [
        _("Başvuru numarası"),
        _("Açılış"),
        _("Kanal"),
        _("Konu"),
        _("Başlık"),
        _("Talep sahibi"),
        _("Durum"),
        _("Sorumlu uzman"),
        _("İlk yanıt"),
        _("Takip tarihi"),
    ]
    body = workbook_bytes(
        [
            (
                _("talepler"),
                headers,
                (
                    [
                        c.reference,
                        c.opened_at,
                        c.get_channel_display(),
                        c.get_topic_display(),
                        c.subject,
                        c.requester_display,
                        c.get_status_display(),
                        (c.assigned_to.get_full_name() or c.assigned_to.username)
                        if c.assigned_to
                        else "",
                        c.first_response_at,
                        c.follow_up_on,
                    ]
                    for c in rows
                ),
            )
        ]
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="danisma-talepleri.xlsx"'
    return response


def panel_log(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = CaseLogForm(request.POST or None, office=office, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_log(office=office, data=form.cleaned_data, actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Talep {ref} kaydedildi.").format(ref=case.reference))
            if request.POST.get("again"):
                return redirect("panel:guidance:log", office_slug=office.slug)
            return redirect("panel:guidance:detail", office_slug=office.slug, pk=case.pk)
    return render(
        request, "guidance/panel_log.html", {"form": form}, status=400 if form.errors else 200
    )


def _case(request: OfficeRequest, pk: int) -> Case:
    return access_case(request.user, pk, queryset=selectors.cases_for_detail())


def _action_forms(case: Case, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    office = case.office
    forms: dict[str, Any] = {
        "reply": ReplyForm(),
        "note": NoteForm(),
        "assign": AssignForm(
            office=office,
            user_model=get_user_model(),
            initial={"assignee": case.assigned_to_id},
        ),
        "follow_up": FollowUpForm(initial={"follow_up_on": case.follow_up_on}),
        "close": CloseForm(office=office, initial={"project": case.project_id}),
    }
    forms.update(bound or {})
    return forms


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    return _render_detail(request, _case(request, pk))


def _render_detail(
    request: OfficeRequest, case: Case, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "guidance/panel_detail.html",
        {
            "case": case,
            "timeline": selectors.case_timeline(case),
            "forms": _action_forms(case, bound),
            "may_assign": can_assign(request.user, case),
        },
        status=status,
    )


CaseAction = Callable[[OfficeRequest, Case], "forms.Form | None"]
CaseView = Callable[[OfficeRequest, str, int], HttpResponse]


def case_action(form_name: str) -> Callable[[CaseAction], CaseView]:
    """Makes one action on a case a POST view of its own (its URL name is the action's).

    The view fetches the case through the scope (404), answers 405 to anything but POST,
    shows an ``ApplicationError`` or the invalid form (named ``form_name`` on the case
    page) with 400, and after success goes back to ``next`` within the office's panel or
    to the case page. Each write is a service, audited there.
    """

    def wrap(do: CaseAction) -> CaseView:
        @functools.wraps(do)
        def view(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
            case = _case(request, pk)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            try:
                form = do(request, case)
            except ApplicationError as exc:
                messages.error(request, exc.message)
                return _render_detail(request, _case(request, pk), status=400)
            if form is not None and form.errors:
                return _render_detail(request, _case(request, pk), {form_name: form}, status=400)
            office = case.office
            back = request.POST.get("next", "")
            if back.startswith((f"/{office.slug}/panel/", f"/en/{office.slug}/panel/")):
                return redirect(back)
            return redirect("panel:guidance:detail", office_slug=office.slug, pk=case.pk)

        return view

    return wrap


@case_action("reply")
def panel_reply(request: OfficeRequest, case: Case) -> forms.Form | None:
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.case_reply(
            case=case,
            body=form.cleaned_data["body"],
            actor=request.user,
            wait_for_requester=form.cleaned_data["wait_for_requester"],
        )
        if case.requester_email and not case.erased_at:
            messages.success(
                request, _("Yanıt kaydedildi; talep sahibine e-postayla gönderilecek.")
            )
        else:
            messages.warning(
                request,
                _(
                    "Yanıt kaydedildi, ama talep sahibinin e-posta adresi olmadığı için "
                    "gönderilmedi: yanıtı telefonla ya da yüz yüze iletin."
                ),
            )
    return form


@case_action("note")
def panel_note(request: OfficeRequest, case: Case) -> forms.Form | None:
    form = NoteForm(request.POST)
    if form.is_valid():
        services.case_note(case=case, body=form.cleaned_data["body"], actor=request.user)
        messages.success(request, _("Not eklendi."))
    return form


@case_action("assign")
def panel_assign(request: OfficeRequest, case: Case) -> forms.Form | None:
    form = AssignForm(request.POST, office=case.office, user_model=get_user_model())
    if form.is_valid():
        services.case_assign(case=case, assignee=form.cleaned_data["assignee"], actor=request.user)
        messages.success(request, _("Talep atandı."))
    return form


@case_action("")
def panel_status(request: OfficeRequest, case: Case) -> forms.Form | None:
    services.case_set_status(case=case, status=request.POST.get("status", ""), actor=request.user)
    messages.success(request, _("Durum değiştirildi."))
    return None


@case_action("follow_up")
def panel_follow_up(request: OfficeRequest, case: Case) -> forms.Form | None:
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.case_set_follow_up(
            case=case,
            follow_up_on=form.cleaned_data["follow_up_on"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("Takip tarihi kaydedildi."))
    return form


@case_action("close")
def panel_close(request: OfficeRequest, case: Case) -> forms.Form | None:
    form = CloseForm(request.POST, office=case.office)
    if form.is_valid():
        services.case_close(
            case=case,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            project=form.cleaned_data["project"],
            actor=request.user,
        )
        messages.success(request, _("Talep kapatıldı."))
    return form


@case_action("")
def panel_reopen(request: OfficeRequest, case: Case) -> forms.Form | None:
    services.case_reopen(case=case, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Talep yeniden açıldı."))
    return None


@case_action("")
def panel_link(request: OfficeRequest, case: Case) -> forms.Form | None:
    services.case_new_link(case=case, actor=request.user)
    messages.success(request, _("Yeni izleme bağlantısı talep sahibine gönderildi."))
    return None


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    case = _case(request, pk)
    office = case.office
    form = CaseEditForm(request.POST or None, instance=case, office=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.case_update(
            case=fresh_copy(case), data=data, actor=request.user, expected_version=version
        ),
        template="guidance/panel_edit.html",
        context={"case": case},
        success_url=reverse(
            "panel:guidance:detail", kwargs={"office_slug": office.slug, "pk": case.pk}
        ),
        success_message=_("Talep bilgileri kaydedildi."),
    )


LOOKUPS = ("kurum", "cagri", "proje")


def panel_lookup(request: OfficeRequest, office_slug: str, kind: str) -> HttpResponse:
    """``<option>`` elements matching ``?_lookup=`` for a LookupSelect (htmx)."""
    if kind not in LOOKUPS:
        raise Http404("lookup")
    q = request.GET.get("_lookup", "").strip()[:100]
    return lookup_options(selectors.lookup(kind, q), q)
