"""Pages of the guidance desk: the public request form and private follow-up page, the
staff's desk (overview, lists, quick log, case page and its actions) and members' list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import client_ip, rate_limit_hit
from kopru.core.spreadsheets import workbook_bytes
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.core.views import lookup_options

from . import selectors, services
from .forms import (
    KVKK_TEXT,
    AssignForm,
    CaseEditForm,
    CaseLogForm,
    CloseForm,
    FollowUpForm,
    NoteForm,
    PublicRequestForm,
    ReplyForm,
    RequesterMessageForm,
)
from .models import Case, Channel, Status, Topic
from .permissions import can_assign, can_file_as_member

# A burst from one address is slowed: at most this many requests per hour.
REQUESTS_PER_HOUR = 5
MESSAGES_PER_HOUR = 20


def _lang() -> str:
    return (get_language() or "tr")[:2]


def _too_many(request: HttpRequest, scope: str, limit: int) -> int:
    """Seconds to wait when this address went over ``limit`` per hour, else 0."""
    result = rate_limit_hit(scope, client_ip(request), limit=limit, period=3600)
    return 0 if result.allowed else result.retry_after


def _slowed_message(retry_after: int) -> str:
    minutes = max(1, (retry_after + 59) // 60)
    return _(
        "Bu adresten kısa sürede çok sayıda gönderim yapıldı. Lütfen {n} dakika sonra "
        "yeniden deneyin; acil durumlarda ofisi telefonla arayabilirsiniz."
    ).format(n=minutes)


# --- public ------------------------------------------------------------------------


def public_request(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    user = request.user
    member = user if can_file_as_member(user, office) else None
    form = PublicRequestForm(request.POST or None, member=member)
    call = _call_from_query(request)
    status = 200
    if request.method == "POST":
        wait = _too_many(request, "guidance.request", REQUESTS_PER_HOUR)
        if wait:
            form.is_valid()
            form.add_error(None, _slowed_message(wait))
            response = render(
                request, "guidance/public_request.html", {"form": form, "call": call}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                case = services.case_submit(
                    office=office,
                    data={**form.case_data(), "call": call},
                    consent_text=str(KVKK_TEXT),
                    language=_lang(),
                    requester_user=member,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "Talebiniz alındı. Başvuru numaranız {ref}. Bu sayfanın adresini "
                        "saklayın: talebinizi buradan izleyebilirsiniz; bağlantıyı e-postayla da "
                        "gönderdik."
                    ).format(ref=case.reference),
                )
                return redirect(
                    "public:guidance:follow", office_slug=office.slug, token=case.private_token
                )
        else:
            status = 400
    return render(
        request, "guidance/public_request.html", {"form": form, "call": call}, status=status
    )


def _call_from_query(request: HttpRequest) -> Any:
    """The call a visitor asks about (``?cagri=<id>``), when the office's catalogue has it."""
    from kopru.calls.models import Call

    raw = request.POST.get("cagri") or request.GET.get("cagri") or ""
    if not raw.isdigit():
        return None
    return Call.objects.filter(pk=int(raw)).first()


def public_follow(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    """The requester's private page: status, the public timeline, and a reply box."""
    office = request.office  # type: ignore[attr-defined]
    case = selectors.case_for_token(office, token)
    if case is None:
        raise Http404("case link")
    form = RequesterMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = _too_many(request, "guidance.message", MESSAGES_PER_HOUR)
        if wait:
            form.is_valid()
            form.add_error(None, _slowed_message(wait))
            status = 429
        elif form.is_valid():
            try:
                services.case_requester_message(case=case, body=form.cleaned_data["body"])
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(request, _("Mesajınız uzmanımıza iletildi."))
                return redirect(request.path)
        else:
            status = 400
    response = render(
        request,
        "guidance/public_follow.html",
        {"case": case, "timeline": selectors.case_timeline(case, public_only=True), "form": form},
        status=status,
    )
    # The address is the key to the page: keep it out of caches and search engines
    # (the site-wide Referrer-Policy "same-origin" keeps it from other sites' logs).
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- panel: the desk ---------------------------------------------------------------


def panel_desk(request: HttpRequest, office_slug: str) -> HttpResponse:
    overview = selectors.desk_overview()
    chart = {
        "labels": [m.month.strftime("%Y-%m") for m in overview.months],
        "opened": [m.opened for m in overview.months],
        "answer_median": [m.first_answer.median for m in overview.months],
        "closing_median": [m.closing.median for m in overview.months],
    }
    return render(request, "guidance/panel_desk.html", {"o": overview, "chart": chart})


def _list_filters(request: HttpRequest) -> dict[str, Any]:
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


def panel_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    filters = _list_filters(request)
    page = Paginator(selectors.case_list(**filters), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "guidance/panel_list.html",
        {
            "page": page,
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


def panel_export(request: HttpRequest, office_slug: str) -> HttpResponse:
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


def panel_log(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
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


def _case_or_404(pk: int) -> Case:
    case = selectors.case_detail(pk)
    if case is None:
        raise Http404("case")
    return case


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


def panel_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    case = _case_or_404(pk)
    return _render_detail(request, case)


def _render_detail(
    request: HttpRequest, case: Case, bound: dict[str, Any] | None = None, status: int = 200
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


def _do_reply(request: HttpRequest, case: Case) -> forms.Form | None:
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.case_reply(
            case=case,
            body=form.cleaned_data["body"],
            actor=request.user,
            wait_for_requester=form.cleaned_data["wait_for_requester"],
        )
        messages.success(request, _("Yanıt kaydedildi ve talep sahibine iletildi."))
    return form


def _do_note(request: HttpRequest, case: Case) -> forms.Form | None:
    form = NoteForm(request.POST)
    if form.is_valid():
        services.case_note(case=case, body=form.cleaned_data["body"], actor=request.user)
        messages.success(request, _("Not eklendi."))
    return form


def _do_assign(request: HttpRequest, case: Case) -> forms.Form | None:
    form = AssignForm(request.POST, office=case.office, user_model=get_user_model())
    if form.is_valid():
        services.case_assign(case=case, assignee=form.cleaned_data["assignee"], actor=request.user)
        messages.success(request, _("Talep atandı."))
    return form


def _do_status(request: HttpRequest, case: Case) -> forms.Form | None:
    services.case_set_status(case=case, status=request.POST.get("status", ""), actor=request.user)
    messages.success(request, _("Durum değiştirildi."))
    return None


def _do_follow_up(request: HttpRequest, case: Case) -> forms.Form | None:
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


def _do_close(request: HttpRequest, case: Case) -> forms.Form | None:
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


def _do_reopen(request: HttpRequest, case: Case) -> forms.Form | None:
    services.case_reopen(case=case, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Talep yeniden açıldı."))
    return None


def _do_link(request: HttpRequest, case: Case) -> forms.Form | None:
    services.case_new_link(case=case, actor=request.user)
    messages.success(request, _("Yeni izleme bağlantısı talep sahibine gönderildi."))
    return None


# action name in the URL -> (handler, name of its form on the case page)
ACTIONS: dict[str, tuple[Callable[[HttpRequest, Case], forms.Form | None], str]] = {
    "reply": (_do_reply, "reply"),
    "note": (_do_note, "note"),
    "assign": (_do_assign, "assign"),
    "status": (_do_status, ""),
    "follow_up": (_do_follow_up, "follow_up"),
    "close": (_do_close, "close"),
    "reopen": (_do_reopen, ""),
    "link": (_do_link, ""),
}


def panel_action(request: HttpRequest, office_slug: str, pk: int, action: str) -> HttpResponse:
    """Every change to a case from its page: one POST per action, each audited."""
    case = _case_or_404(pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in ACTIONS:
        raise Http404("action")
    handler, form_name = ACTIONS[action]
    try:
        form = handler(request, case)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _render_detail(request, _case_or_404(pk), status=400)
    if form is not None and form.errors:
        return _render_detail(request, _case_or_404(pk), {form_name: form}, status=400)
    office = case.office
    back = request.POST.get("next", "")
    if back.startswith((f"/{office.slug}/panel/", f"/en/{office.slug}/panel/")):
        return redirect(back)
    return redirect("panel:guidance:detail", office_slug=office.slug, pk=case.pk)


def panel_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    case = _case_or_404(pk)
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


def panel_lookup(request: HttpRequest, office_slug: str, kind: str) -> HttpResponse:
    """``<option>`` elements matching ``?_lookup=`` for a LookupSelect (htmx)."""
    from kopru.core.search import fulltext_filter

    if kind not in LOOKUPS:
        raise Http404("lookup")
    q = request.GET.get("_lookup", "").strip()[:100]
    found: list[Any] = []
    if q:
        if kind == "kurum":
            from kopru.organisations.selectors import organisation_list

            found = list(organisation_list(q=q)[:20])
        elif kind == "cagri":
            from kopru.calls.models import Call

            found = list(fulltext_filter(Call.objects.all(), q).order_by("-id")[:20])
        else:
            from kopru.projects.models import Project

            found = list(fulltext_filter(Project.objects.all(), q).order_by("-id")[:20])
    return lookup_options(found, q)


# --- kurum: an institution member's own requests ------------------------------------


def member_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    page = Paginator(selectors.member_cases(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "guidance/member_list.html", {"page": page})
