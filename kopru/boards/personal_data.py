"""Boards' part of a KVKK request: seats and invitations held under a person's address,
with the comments they sent on minutes. Declared as a
:class:`kopru.core.registry.PersonalDataProvider`; the core page calls it inside the
office's scope and audits the export or erasure as a whole. Erasure blanks the person
(rows kept: a meeting's attendance count and a body's seat count stay right)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kopru.core.scoping import unscoped_manager
from kopru.core.text import normalise_email

from . import services
from .models import Invitation, Membership, MinutesComment

if TYPE_CHECKING:
    from kopru.accounts.models import User


def find(email: str) -> list[dict[str, Any]]:
    key = normalise_email(email)
    if not key:
        return []
    found: list[dict[str, Any]] = []
    for seat in Membership.objects.filter(email=key, erased_at__isnull=True).select_related(
        "body", "organisation"
    ):
        found.append(
            {
                "record": "membership",
                "body": seat.body.name_tr,
                "organisation": seat.organisation.name,
                "full_name": seat.full_name,
                "job_title": seat.job_title,
                "email": seat.email,
                "role": seat.role,
                "term_starts_on": seat.term_starts_on,
                "term_ends_on": seat.term_ends_on,
            }
        )
    invitations = list(
        Invitation.objects.filter(email=key, erased_at__isnull=True).select_related(
            "meeting", "meeting__body"
        )
    )
    comments = unscoped_manager(
        MinutesComment, reason="the comments of the invitations read in scope"
    ).filter(invitation__in=invitations)
    by_invitation: dict[int, list[str]] = {}
    for c in comments.order_by("created_at"):
        by_invitation.setdefault(c.invitation_id, []).append(c.text)
    for inv in invitations:
        found.append(
            {
                "record": "invitation",
                "body": inv.meeting.body.name_tr,
                "meeting": inv.meeting.title_tr,
                "meeting_starts_at": inv.meeting.starts_at,
                "full_name": inv.full_name,
                "organisation": inv.organisation_name,
                "email": inv.email,
                "rsvp": inv.rsvp,
                "rsvp_note": inv.rsvp_note,
                "checked_in_at": inv.checked_in_at,
                "comments_on_minutes": by_invitation.get(inv.pk, []),
            }
        )
    return found


def erase(email: str, actor: User) -> int:
    key = normalise_email(email)
    if not key:
        return 0
    return services.person_erase(actor=actor, email=key)
