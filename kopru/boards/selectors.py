"""Reads of boards and meetings (in the active scope unless a signed link names a record)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kopru.core.registry import MeetingDecisions, registry
from kopru.core.scoping import unscoped_manager
from kopru.core.text import search_key
from kopru.organisations.models import TeamMember
from kopru.organisations.selectors import organisation_list

from .models import (
    ROLE_ORDER,
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesComment,
    MinutesStatus,
    Rsvp,
)
from .tokens import read_token, token_matches

LOOKUP_LIMIT = 20


# The panel list's sortable columns (kopru.core.lists): key -> fields.
BODY_SORTS = {
    "name": ("name_sort",),
    "kind": ("kind", "name_sort"),
    "visibility": ("visibility", "name_sort"),
    "members": ("member_count", "name_sort"),
    "meetings": ("meeting_count", "name_sort"),
}


def bodies() -> QuerySet[Body]:
    today = timezone.localdate()
    current = Q(memberships__term_starts_on__lte=today) & (
        Q(memberships__term_ends_on__isnull=True) | Q(memberships__term_ends_on__gte=today)
    )
    return Body.objects.annotate(
        member_count=Count("memberships", filter=current, distinct=True),
        meeting_count=Count("meetings", distinct=True),
    ).order_by("-is_active", "name_sort", "id")


def current_members(body: Body) -> list[Membership]:
    today = timezone.localdate()
    seats = [
        m
        for m in Membership.objects.filter(body=body).select_related("organisation", "person")
        if m.is_current(today)
    ]
    return sorted(seats, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.organisation.name_sort))


def past_members(body: Body) -> list[Membership]:
    today = timezone.localdate()
    return list(
        Membership.objects.filter(body=body, term_ends_on__lt=today)
        .select_related("organisation")
        .order_by("-term_ends_on")
    )


def meetings_of(body: Body) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body=body).order_by("-starts_at")


def upcoming_meetings(limit: int = 5) -> list[Meeting]:
    return list(
        Meeting.objects.filter(ends_at__gte=timezone.now(), status=MeetingStatus.PLANNED)
        .select_related("body")
        .order_by("starts_at")[:limit]
    )


def meeting_detail(pk: Any) -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body", "office").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id"))
    )


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "id"))


def invitations(meeting: Meeting) -> list[Invitation]:
    return list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("membership")
        .order_by("name_search", "id")
    )


def rsvp_counts(invites: list[Invitation]) -> dict[str, int]:
    counts = dict.fromkeys(Rsvp.values, 0)
    for inv in invites:
        counts[inv.rsvp] += 1
    counts["present"] = sum(1 for inv in invites if inv.checked_in_at)
    return counts


def checkin_candidates(*, meeting: Meeting, q: str = "") -> QuerySet[Invitation]:
    qs = Invitation.objects.filter(meeting=meeting, erased_at__isnull=True).order_by(
        "name_search", "id"
    )
    for term in search_key(q).split():
        qs = qs.filter(name_search__contains=term)
    return qs


def present_ids(meeting: Meeting) -> set[int]:
    return set(
        Invitation.objects.filter(meeting=meeting, checked_in_at__isnull=False).values_list(
            "pk", flat=True
        )
    )


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(Minutes.objects.filter(meeting=meeting).order_by("-number"))


def current_minutes(meeting: Meeting) -> Minutes | None:
    """The version readers should see: the latest approved or published, else the latest."""
    versions = minutes_versions(meeting)
    for m in versions:
        if m.is_locked:
            return m
    return versions[0] if versions else None


def published_minutes(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.filter(meeting=meeting, status=MinutesStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def comments(minutes: Minutes) -> list[MinutesComment]:
    return list(
        MinutesComment.objects.filter(minutes=minutes)
        .select_related("invitation")
        .order_by("created_at", "id")
    )


def attendees(meeting: Meeting) -> dict[str, list[Invitation]]:
    """Who came, who sent word they could not, who did not come (for the minutes)."""
    present, excused, absent = [], [], []
    invites = (
        unscoped_manager(Invitation, reason="the invitees of a meeting fetched through the scope")
        .filter(meeting=meeting)
        .order_by("name_search", "id")
    )
    for inv in invites:
        if inv.checked_in_at:
            present.append(inv)
        elif inv.rsvp == Rsvp.NO:
            excused.append(inv)
        else:
            absent.append(inv)
    return {"present": present, "excused": excused, "absent": absent}


def decisions(meeting: Meeting) -> list[dict[str, Any]]:
    """The decisions taken in ``meeting``, from every :class:`MeetingDecisions` declaration."""
    found: list[dict[str, Any]] = []
    for source in registry.of(MeetingDecisions):
        found.extend(source.decisions(meeting))
    return found


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


# --- signed links -------------------------------------------------------------


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a signed link names, or ``None`` (forged, malformed, or revoked:
    a revoked link carries the old nonce)."""
    found = read_token(token)
    if found is None:
        return None
    pk, nonce = found
    invitation = (
        unscoped_manager(Invitation, reason="a signed invitation link names it")
        .select_related("meeting", "meeting__body", "meeting__office")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not token_matches(invitation, nonce):
        return None
    return invitation


def minutes_for_invitee(invitation: Invitation) -> Minutes | None:
    """The minutes an invitee may read: circulated or later, the newest such version."""
    return (
        unscoped_manager(Minutes, reason="the minutes of the meeting a signed link names")
        .filter(meeting_id=invitation.meeting_id)
        .exclude(status=MinutesStatus.DRAFT)
        .order_by("-number")
        .first()
    )


def invitee_comments(invitation: Invitation, minutes: Minutes) -> list[MinutesComment]:
    return list(
        unscoped_manager(MinutesComment, reason="an invitee's own comments, by signed link")
        .filter(invitation=invitation, minutes=minutes)
        .order_by("created_at")
    )


def invitee_agenda(invitation: Invitation) -> list[AgendaItem]:
    return list(
        unscoped_manager(AgendaItem, reason="the agenda of the meeting a signed link names")
        .filter(meeting_id=invitation.meeting_id)
        .order_by("order", "id")
    )


# --- lookups ------------------------------------------------------------------


def lookup(kind: str, q: str) -> list[Any]:
    if not q:
        return []
    if kind == "kurum":
        return list(organisation_list(q=q)[:LOOKUP_LIMIT])
    qs = TeamMember.objects.filter(erased_at__isnull=True).select_related("organisation")
    for term in q.split()[:5]:
        qs = qs.filter(
            Q(full_name__icontains=term) | Q(organisation__name_search__contains=search_key(term))
        )
    return list(qs.order_by("name_sort")[:LOOKUP_LIMIT])
