"""Staff pages of boards: bodies and seats, meetings (agenda, documents, invitations,
check-in), minutes in phases and their PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.checkin import checkin_post
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form
from kopru.core.views import lookup_options

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    AnswerForm,
    BodyForm,
    CirculateForm,
    CorrectionForm,
    DocumentForm,
    GuestForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    WalkInForm,
)
from ..models import (
    AgendaItem,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
)
from ..pdf import minutes_pdf
from ..permissions import (
    access_agenda_item,
    access_body,
    access_document,
    access_invitation,
    access_meeting,
    access_membership,
    access_minutes,
    access_minutes_comment,
    can_approve_minutes,
)


def _body_url(office_slug: str, pk: int) -> str:
    return reverse("panel:boards:body", kwargs={"office_slug": office_slug, "pk": pk})


def _meeting_url(office_slug: str, pk: int) -> str:
    return reverse("panel:boards:meeting", kwargs={"office_slug": office_slug, "pk": pk})


def _minutes_url(office_slug: str, pk: int) -> str:
    return reverse("panel:boards:minutes", kwargs={"office_slug": office_slug, "pk": pk})


def _post_action(
    request: OfficeRequest,
    back: str | Callable[[Any], str],
    run: Callable[[], Any],
    done: str | Callable[[Any], str] = "",
    *,
    form: forms.BaseForm | None = None,
    invalid: str = "",
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """What every POST action of these pages does around its one service call: a
    ``form`` that does not validate is answered with ``invalid``; otherwise ``run()``
    calls the service, a refusal (``ApplicationError``) becomes an error message and a
    success the message ``done`` (a text, or made from the service's result); then back
    to ``back`` (a URL, or made from the result: ``None`` when nothing was done)."""
    result = None
    if form is not None and not form.is_valid():
        messages.error(request, invalid)
    else:
        try:
            result = run()
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            text = done(result) if callable(done) else done
            if text:
                messages.add_message(request, level, text)
    return redirect(back(result) if callable(back) else back)


# --- bodies --------------------------------------------------------------------


def body_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    listing = paged_list(request, selectors.bodies(), sorts=selectors.BODY_SORTS, default="name")
    return render(
        request,
        "boards/panel_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "upcoming": selectors.upcoming_meetings(8),
        },
    )


def body_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(
                actor=request.user, office=request.office, data=form.changed_data_dict()
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Kurul kaydedildi."))
            return redirect(_body_url(office_slug, body.pk))
    return render(request, "boards/panel_form.html", {"form": form, "title": _("Yeni kurul")})


def body_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    body = access_body(request.user, pk)
    form = BodyForm(request.POST or None, instance=body)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.body_update(
            actor=request.user, body=fresh_copy(body), data=data, expected_version=version
        ),
        template="boards/panel_form.html",
        context={"title": body.name_tr, "back": _body_url(office_slug, body.pk)},
        success_url=_body_url(office_slug, body.pk),
        success_message=_("Kurul kaydedildi."),
    )


def body_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    body = access_body(request.user, pk)
    return render(
        request,
        "boards/panel_body.html",
        {
            "body": body,
            "members": selectors.current_members(body),
            "former": selectors.past_members(body),
            "meetings": list(selectors.meetings_of(body)),
        },
    )


def membership_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    body = access_body(request.user, pk)
    form = MembershipForm(request.POST or None, office=request.office)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(actor=request.user, body=body, data=form.changed_data_dict())
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Üye eklendi."))
            return redirect(_body_url(office_slug, body.pk))
    return render(
        request,
        "boards/panel_form.html",
        {"form": form, "title": _("Üye ekle"), "body": body, "back": _body_url(office_slug, pk)},
    )


def membership_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    seat = access_membership(request.user, pk)
    form = MembershipForm(request.POST or None, instance=seat, office=request.office)
    url = _body_url(office_slug, seat.body_id)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.membership_update(
            actor=request.user, membership=fresh_copy(seat), data=data, expected_version=version
        ),
        template="boards/panel_form.html",
        context={"title": str(seat), "body": seat.body, "back": url},
        success_url=url,
        success_message=_("Üyelik kaydedildi."),
    )


def lookup(request: OfficeRequest, office_slug: str, kind: str) -> HttpResponse:
    """``<option>`` elements matching ``?_lookup=`` for the seat form's search boxes."""
    if kind not in ("kurum", "kisi"):
        raise Http404("lookup")
    q = request.GET.get("_lookup", "").strip()[:100]
    return lookup_options(selectors.lookup(kind, q), q)


# --- meetings --------------------------------------------------------------------


def meeting_create(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    body = access_body(request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, body=body, data=form.changed_data_dict()
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Toplantı kaydedildi."))
            return redirect(_meeting_url(office_slug, meeting.pk))
    return render(
        request,
        "boards/panel_form.html",
        {
            "form": form,
            "title": _("Yeni toplantı"),
            "body": body,
            "back": _body_url(office_slug, pk),
        },
    )


def meeting_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    url = _meeting_url(office_slug, meeting.pk)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.meeting_update(
            actor=request.user, meeting=fresh_copy(meeting), data=data, expected_version=version
        ),
        template="boards/panel_form.html",
        context={"title": meeting.title_tr, "body": meeting.body, "back": url},
        success_url=url,
        success_message=_("Toplantı kaydedildi."),
    )


def meeting_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    invites = selectors.invitations(meeting)
    return render(
        request,
        "boards/panel_meeting.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "agenda": selectors.agenda(meeting),
            "agenda_form": AgendaItemForm(),
            "documents": list(meeting.documents.all()),
            "document_form": DocumentForm(),
            "invitations": invites,
            "counts": selectors.rsvp_counts(invites),
            "guest_form": GuestForm(prefix="g"),
            "versions": selectors.minutes_versions(meeting),
            "is_past": meeting.starts_at <= timezone.now(),
        },
    )


@post_only(Meeting)
def meeting_status(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    status = request.POST.get("status", "")
    if status not in MeetingStatus.values:
        raise Http404("status")
    return _post_action(
        request,
        _meeting_url(office_slug, pk),
        lambda: services.meeting_set_status(
            actor=request.user,
            meeting=meeting,
            status=status,
            reason=request.POST.get("reason", ""),
        ),
        _("Toplantının durumu güncellendi."),
    )


@post_only(Meeting)
def agenda_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    form = AgendaItemForm(request.POST)
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#gundem",
        lambda: services.agenda_item_add(
            actor=request.user, meeting=meeting, data=form.changed_data_dict()
        ),
        _("Gündem maddesi eklendi."),
        form=form,
        invalid=_("Gündem maddesinin başlığını yazın."),
    )


@post_only(Meeting)
def agenda_pull(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#gundem",
        lambda: services.agenda_pull_open_items(actor=request.user, meeting=meeting),
        lambda added: _("Gündeme eklenen açık madde: {n}.").format(n=added),
        level=messages.INFO,
    )


def agenda_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    url = _meeting_url(office_slug, item.meeting_id) + "#gundem"
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.agenda_item_update(
            actor=request.user, item=fresh_copy(item), data=data, expected_version=version
        ),
        template="boards/panel_form.html",
        context={"title": item.title_tr, "body": item.meeting.body, "back": url},
        success_url=url,
        success_message=_("Gündem maddesi kaydedildi."),
    )


@post_only(AgendaItem)
def agenda_move(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, item.meeting_id) + "#gundem",
        lambda: services.agenda_item_move(
            actor=request.user, item=item, up=request.POST.get("up") == "1"
        ),
    )


@post_only(AgendaItem)
def agenda_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    item = access_agenda_item(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, item.meeting_id) + "#gundem",
        lambda: services.agenda_item_delete(actor=request.user, item=item),
        _("Gündem maddesi silindi."),
        level=messages.INFO,
    )


# --- documents -------------------------------------------------------------------


@post_only(Meeting)
def document_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#belgeler",
        lambda: services.document_add(
            actor=request.user,
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
        ),
        _("Belge yüklendi."),
        form=form,
        invalid=_("Belgenin başlığını yazıp dosyasını seçin."),
    )


def document_download(request: OfficeRequest, office_slug: str, pk: int) -> FileResponse:
    document = access_document(request.user, pk)
    return _file_response(document)


def _file_response(document: Any) -> FileResponse:
    name = document.file.name.rsplit("/", 1)[-1]
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("document") from exc
    return FileResponse(handle, as_attachment=True, filename=name)


@post_only(MeetingDocument)
def document_delete(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    document = access_document(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, document.meeting_id) + "#belgeler",
        lambda: services.document_delete(actor=request.user, document=document),
        _("Belge silindi."),
        level=messages.INFO,
    )


# --- invitations and attendance ---------------------------------------------------


@post_only(Meeting)
def invite_members(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#davetliler",
        lambda: services.invitations_for_members(actor=request.user, meeting=meeting),
        lambda added: _("Davet listesine eklenen üye: {n}.").format(n=added),
        level=messages.INFO,
    )


@post_only(Meeting)
def invite_guest(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    form = GuestForm(request.POST, prefix="g")
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#davetliler",
        lambda: services.invitation_add(
            actor=request.user, meeting=meeting, data=form.cleaned_data
        ),
        _("Konuk davet listesine eklendi."),
        form=form,
        invalid=_("Konuğun adını ve geçerli bir e-posta adresini yazın."),
    )


@post_only(Meeting)
def invitations_send(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, pk) + "#davetliler",
        lambda: services.invitations_send(
            actor=request.user, meeting=meeting, resend=request.POST.get("resend") == "1"
        ),
        lambda sent: _("Gönderilen davet: {n}.").format(n=sent),
    )


@post_only(Invitation)
def invitation_revoke(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, invitation.meeting_id) + "#davetliler",
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        _("{name}: kişisel bağlantı iptal edildi.").format(name=invitation),
        level=messages.INFO,
    )


@post_only(Invitation)
def invitation_reissue(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    return _post_action(
        request,
        _meeting_url(office_slug, invitation.meeting_id) + "#davetliler",
        lambda: services.invitation_reissue(actor=request.user, invitation=invitation),
        _("{name}: yeni bağlantı gönderildi.").format(name=invitation),
    )


def checkin(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    """Attendance at the door, on the shared check-in page (:mod:`kopru.core.checkin`)."""
    meeting = access_meeting(request.user, pk)
    q = request.GET.get("q", "").strip()[:100]
    walk_in = WalkInForm(request.POST or None, prefix="w")
    if request.method == "POST":
        done = checkin_post(
            request,
            person_field="invitation",
            find=lambda pk: access_invitation(request.user, pk, meeting=meeting),
            record=lambda inv: services.attendance_record(actor=request.user, invitation=inv),
            undo=lambda inv: services.attendance_remove(actor=request.user, invitation=inv),
            walk_in=walk_in,
            register_walk_in=lambda form: services.walk_in_register(
                actor=request.user, meeting=meeting, data=form.cleaned_data
            ),
        )
        if done:
            url = reverse("panel:boards:checkin", kwargs={"office_slug": office_slug, "pk": pk})
            return redirect(f"{url}?q={q}" if q else url)
    return render(
        request,
        "boards/panel_checkin.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "people": list(selectors.checkin_candidates(meeting=meeting, q=q)[:200]),
            "present": selectors.present_ids(meeting),
            "q": q,
            "walk_in": walk_in,
        },
    )


# --- minutes -------------------------------------------------------------------------


@post_only(Meeting)
def minutes_start(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    return _post_action(
        request,
        lambda minutes: (
            _minutes_url(office_slug, minutes.pk) if minutes else _meeting_url(office_slug, pk)
        ),
        lambda: services.minutes_start(actor=request.user, meeting=meeting),
        _("Tutanak taslağı açıldı."),
    )


def minutes_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    """The minutes' page: the text (an edit form while not approved), the attendees'
    comments with the secretariat's answers, and the next step of its phases."""
    minutes = access_minutes(request.user, pk)
    meeting = minutes.meeting
    form = MinutesForm(request.POST or None, instance=minutes)
    context: dict[str, Any] = {
        "minutes": minutes,
        "meeting": meeting,
        "body": meeting.body,
        "agenda": selectors.agenda(meeting),
        "attendees": selectors.attendees(meeting),
        "decisions": selectors.decisions(meeting),
        "comments": selectors.comments(minutes),
        "versions": selectors.minutes_versions(meeting),
        "circulate_form": CirculateForm(),
        "correction_form": CorrectionForm(),
        "answer_form": AnswerForm(),
        "can_approve": can_approve_minutes(request.user, minutes),
        "paragraphs": selectors.paragraphs(minutes.discussion),
        "phases": MinutesStatus.choices,
    }
    if request.method == "POST" and minutes.is_locked:
        messages.error(
            request,
            _(
                "Onaylanmış tutanak değiştirilemez. Bir düzeltme gerekiyorsa nedenini yazarak "
                "tutanağın yeni sürümünü açın."
            ),
        )
        return redirect(_minutes_url(office_slug, pk))
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.minutes_update(
            actor=request.user, minutes=fresh_copy(minutes), data=data, expected_version=version
        ),
        template="boards/panel_minutes.html",
        context=context,
        success_url=_minutes_url(office_slug, pk),
        success_message=_("Tutanak kaydedildi."),
        invalid_status=400,
    )


@post_only(Minutes)
def minutes_circulate(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = access_minutes(request.user, pk)
    form = CirculateForm(request.POST)
    return _post_action(
        request,
        _minutes_url(office_slug, pk),
        lambda: services.minutes_circulate(
            actor=request.user,
            minutes=minutes,
            comments_close_on=form.cleaned_data["comments_close_on"],
        ),
        _("Tutanak katılımcıların görüşüne açıldı ve e-postayla gönderildi."),
        form=form,
        invalid=_("Görüş son gününü tarih olarak girin."),
    )


@post_only(Minutes)
def minutes_approve(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = access_minutes(request.user, pk, for_="approve")
    return _post_action(
        request,
        _minutes_url(office_slug, pk),
        lambda: services.minutes_approve(actor=request.user, minutes=minutes),
        _("Tutanak onaylandı; artık değiştirilemez."),
    )


@post_only(Minutes)
def minutes_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = access_minutes(request.user, pk, for_="approve")
    return _post_action(
        request,
        _minutes_url(office_slug, pk),
        lambda: services.minutes_publish(actor=request.user, minutes=minutes),
        _("Tutanak kurulun açık sayfasında yayımlandı."),
    )


@post_only(Minutes)
def minutes_correct(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = access_minutes(request.user, pk, for_="approve")
    form = CorrectionForm(request.POST)
    return _post_action(
        request,
        lambda correction: _minutes_url(office_slug, correction.pk if correction else pk),
        lambda: services.minutes_correct(
            actor=request.user, minutes=minutes, reason=form.cleaned_data["reason"]
        ),
        _("Düzeltme sürümü açıldı."),
        form=form,
        invalid=_("Düzeltmenin nedenini yazın."),
    )


@post_only(MinutesComment)
def comment_answer(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    comment = access_minutes_comment(request.user, pk)
    form = AnswerForm(request.POST)
    return _post_action(
        request,
        _minutes_url(office_slug, comment.minutes_id) + f"#gorus-{comment.pk}",
        lambda: services.minutes_comment_answer(
            actor=request.user, comment=comment, answer=form.cleaned_data["answer"]
        ),
        _("Yanıt kaydedildi."),
        form=form,
        invalid=_("Yanıtı yazın."),
    )


def minutes_pdf_view(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = access_minutes(request.user, pk)
    return _pdf_response(minutes)


def _pdf_response(minutes: Minutes) -> HttpResponse:
    content = minutes_pdf(minutes)
    response = HttpResponse(content, content_type="application/pdf")
    suffix = (
        "" if minutes.status in (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED) else "-taslak"
    )
    name = f"tutanak-{minutes.meeting.number}-s{minutes.number}{suffix}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
