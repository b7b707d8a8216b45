"""E-mails to invitees: the invitation (with its calendar file) and the circulated minutes.
Sent after the commit, outside any request: each reads inside the meeting office's scope."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.core.scoping import office_scope, unscoped_manager

from .calendar import invitation_calendar
from .models import Invitation, Minutes
from .tokens import make_token


def invitee_url(invitation: Invitation) -> str:
    path = reverse(
        "public:boards:invitee",
        kwargs={"office_slug": invitation.meeting.office.slug, "token": make_token(invitation)},
    )
    return f"{settings.SITE_URL}{path}"


def _message(invitation: Invitation, subject: str, template: str, **ctx: Any) -> EmailMessage:
    office = invitation.meeting.office
    body = render_to_string(
        template,
        {"invitation": invitation, "meeting": invitation.meeting, "link": invitee_url(invitation)}
        | ctx,
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
        reply_to=[office.email] if office.email else None,
    )


def _invitations(ids: list[int]) -> list[Invitation]:
    return list(
        unscoped_manager(Invitation, reason="the invitations a commit just named")
        .filter(pk__in=ids)
        .select_related("meeting", "meeting__body", "meeting__office")
    )


def send_invitations(ids: list[int]) -> None:
    for invitation in _invitations(ids):
        meeting = invitation.meeting
        with office_scope(meeting.office):
            msg = _message(
                invitation,
                _("Toplantı daveti: {body} — {title}").format(
                    body=meeting.body.name_tr, title=meeting.title_tr
                ),
                "boards/email/invitation.txt",
                agenda=list(meeting.agenda_items.all()),
            )
            msg.attach("toplanti.ics", invitation_calendar(meeting), "text/calendar")
            msg.send(fail_silently=False)


def send_minutes_circulated(minutes_id: int, ids: list[int]) -> None:
    minutes = (
        unscoped_manager(Minutes, reason="the minutes a commit just circulated")
        .select_related("meeting", "meeting__body")
        .get(pk=minutes_id)
    )
    for invitation in _invitations(ids):
        with office_scope(invitation.meeting.office):
            _message(
                invitation,
                _("Tutanak taslağı görüşünüze açıldı: {title}").format(
                    title=minutes.meeting.title_tr
                ),
                "boards/email/minutes.txt",
                minutes=minutes,
            ).send(fail_silently=False)
