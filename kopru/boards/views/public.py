"""Public pages of public bodies (body, members, meetings, published minutes, the meetings
calendar) and the invitee's page reached by their signed link (RSVP, the circulated
minutes and their comments)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopru.accounts.http import PublicRequest
from kopru.core.access import get_or_404_scoped
from kopru.core.calendars import ics_response
from kopru.core.errors import ApplicationError
from kopru.core.ratelimit import rate_limited

from .. import selectors, services
from ..calendar import feed_meetings, meetings_calendar
from ..forms import CommentForm, RsvpForm
from ..models import Body, Invitation, Meeting, MeetingDocument, MeetingStatus, Minutes
from .panel import _file_response, _pdf_response

# same-origin, not no-referrer: with no-referrer the browser sends "Origin: null" with the
# page's own forms and Django's CSRF check refuses them; the link still never leaves the site.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex",
}


def body_list(request: PublicRequest, office_slug: str) -> HttpResponse:
    return render(
        request,
        "boards/public_list.html",
        {
            "bodies": list(selectors.bodies().filter(is_active=True)),
            "upcoming": selectors.upcoming_meetings(6),
        },
    )


def body_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    body = get_or_404_scoped(Body, pk=pk)
    meetings = list(selectors.meetings_of(body).exclude(status=MeetingStatus.CANCELLED))
    published = {
        m.meeting_id: m for m in Minutes.objects.filter(meeting__body=body).order_by("number")
    }
    for m in meetings:
        m.published_minutes = published.get(m.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "boards/public_body.html",
        {
            "body": body,
            "members": selectors.current_members(body),
            "upcoming": [m for m in meetings if m.ends_at >= timezone.now()][::-1],
            "past": [m for m in meetings if m.ends_at < timezone.now()],
        },
    )


def meeting_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    meeting = get_or_404_scoped(Meeting.objects.select_related("body"), pk=pk)
    return render(
        request,
        "boards/public_meeting.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "agenda": selectors.agenda(meeting),
            "documents": list(MeetingDocument.objects.filter(meeting=meeting)),
            "minutes": selectors.published_minutes(meeting),
        },
    )


def minutes_detail(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = get_or_404_scoped(Minutes.objects.select_related("meeting", "meeting__body"), pk=pk)
    meeting = minutes.meeting
    return render(
        request,
        "boards/public_minutes.html",
        {
            "minutes": minutes,
            "meeting": meeting,
            "body": meeting.body,
            "agenda": selectors.agenda(meeting),
            "attendees": selectors.attendees(meeting),
            "decisions": selectors.decisions(meeting),
            "paragraphs": selectors.paragraphs(minutes.discussion),
        },
    )


def minutes_pdf(request: PublicRequest, office_slug: str, pk: int) -> HttpResponse:
    minutes = get_or_404_scoped(Minutes.objects.select_related("meeting", "meeting__body"), pk=pk)
    return _pdf_response(minutes)


def document_download(request: PublicRequest, office_slug: str, pk: int) -> FileResponse:
    return _file_response(get_or_404_scoped(MeetingDocument, pk=pk))


def calendar(request: PublicRequest, office_slug: str) -> HttpResponse:
    """The office's meetings calendar (public bodies' meetings, a year back and ahead)."""
    name = _("{office}: kurul toplantıları").format(office=request.office.name)
    return ics_response(meetings_calendar(feed_meetings(), name, public=True), "kurullar.ics")


# --- the invitee's page (signed link) ----------------------------------------------


def _invitation(token: str) -> Invitation:
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        raise Http404("invitation")
    return invitation


def _revoked_page(request: PublicRequest) -> HttpResponse:
    response = render(request, "boards/public_invitee_revoked.html", status=404)
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def invitee(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_token(token)
    if invitation is None or invitation.meeting.office.slug != office_slug:
        return _revoked_page(request)
    return _invitee_page(request, invitation)


def _invitee_page(
    request: PublicRequest,
    invitation: Invitation,
    *,
    rsvp_form: RsvpForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    minutes = selectors.minutes_for_invitee(invitation)
    meeting = invitation.meeting
    response = render(
        request,
        "boards/public_invitee.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "body": meeting.body,
            "agenda": selectors.invitee_agenda(invitation),
            "minutes": minutes,
            "paragraphs": selectors.paragraphs(minutes.discussion) if minutes else [],
            "my_comments": selectors.invitee_comments(invitation, minutes) if minutes else [],
            "rsvp_form": rsvp_form
            or RsvpForm(initial={"answer": invitation.rsvp, "note": invitation.rsvp_note}),
            "comment_form": comment_form or CommentForm(),
            "can_rsvp": meeting.status == MeetingStatus.PLANNED
            and meeting.ends_at >= timezone.now(),
        },
        status=status,
    )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _invitee_url(office_slug: str, token: str) -> str:
    return reverse("public:boards:invitee", kwargs={"office_slug": office_slug, "token": token})


@require_POST
@rate_limited("boards.rsvp", limit=30, period=3600)
def invitee_rsvp(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return _revoked_page(request)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        return _invitee_page(request, invitation, rsvp_form=form, status=400)
    try:
        services.invitation_rsvp(
            invitation=invitation,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _invitee_page(request, invitation, rsvp_form=form, status=400)
    messages.success(request, _("Yanıtınız kaydedildi. Teşekkür ederiz."))
    return redirect(_invitee_url(office_slug, token))


@require_POST
@rate_limited("boards.comment", limit=30, period=3600)
def invitee_comment(request: PublicRequest, office_slug: str, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return _revoked_page(request)
    minutes = selectors.minutes_for_invitee(invitation)
    form = CommentForm(request.POST)
    if minutes is None:
        form.add_error(None, _("Tutanak görüşe açık değil; görüş gönderilemez."))
        return _invitee_page(request, invitation, comment_form=form, status=400)
    if not form.is_valid():
        return _invitee_page(request, invitation, comment_form=form, status=400)
    try:
        services.minutes_comment(
            invitation=invitation, minutes=minutes, text=form.cleaned_data["text"]
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _invitee_page(request, invitation, comment_form=form, status=400)
    messages.success(request, _("Görüşünüz sekretaryaya iletildi."))
    return redirect(_invitee_url(office_slug, token) + "#tutanak")


def home_context(request: PublicRequest, office: Any) -> dict[str, Any]:
    return {"board_meetings": selectors.upcoming_meetings(3)}
