"""Who may do what with boards and meetings, on top of office scoping, and the access
helpers (fetch and authorise in one step; 404 alike for missing and forbidden).

The office is the secretariat of its boards: its staff keep bodies, members, meetings,
agendas, invitations, attendance and draft minutes; only the coordinator approves and
publishes minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import can_coordinate_office, works_for_office_id
from kopru.core.access import fetch_and_authorise

from .models import (
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    MinutesComment,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User


def can_manage_record(user: User, record: Any) -> bool:
    """A body or anything of one: the staff of its office (the secretariat)."""
    return works_for_office_id(user, record.office_id)


def can_approve_minutes(user: User, minutes: Minutes) -> bool:
    """Approve, publish or open a correction of minutes: the office's coordinator."""
    return can_coordinate_office(user, minutes.office)


Manage = Literal["manage"]
RULES = {"manage": can_manage_record}
MinutesAction = Literal["manage", "approve"]
MINUTES_RULES = {"manage": can_manage_record, "approve": can_approve_minutes}


def access_body(
    user: User, pk: Any, *, for_: Manage = "manage", queryset: QuerySet[Body] | None = None
) -> Body:
    source = queryset if queryset is not None else Body.objects.select_related("office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="body")


def access_membership(user: User, pk: Any, *, for_: Manage = "manage") -> Membership:
    source = Membership.objects.select_related("body", "organisation", "person")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="membership")


def access_meeting(
    user: User, pk: Any, *, for_: Manage = "manage", queryset: QuerySet[Meeting] | None = None
) -> Meeting:
    source = queryset if queryset is not None else Meeting.objects.select_related("body", "office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="meeting")


def access_agenda_item(user: User, pk: Any, *, for_: Manage = "manage") -> AgendaItem:
    source = AgendaItem.objects.select_related("meeting", "meeting__body")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="agenda item")


def access_document(user: User, pk: Any, *, for_: Manage = "manage") -> MeetingDocument:
    source = MeetingDocument.objects.select_related("meeting")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="document")


def access_invitation(
    user: User, pk: Any, *, for_: Manage = "manage", meeting: Meeting | None = None
) -> Invitation:
    source = Invitation.objects.select_related("meeting", "meeting__body")
    if meeting is not None:
        source = source.filter(meeting=meeting)
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="invitation")


def access_minutes(user: User, pk: Any, *, for_: MinutesAction = "manage") -> Minutes:
    source = Minutes.objects.select_related("meeting", "meeting__body", "office")
    return fetch_and_authorise(source, pk, user=user, rule=MINUTES_RULES[for_], what="minutes")


def access_minutes_comment(user: User, pk: Any, *, for_: Manage = "manage") -> MinutesComment:
    source = MinutesComment.objects.select_related("minutes", "invitation")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="comment")
