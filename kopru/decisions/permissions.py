"""Who may do what with decisions, and the access helpers (404 alike for a missing
record and a forbidden one).

The office's staff manage the register; an institution member updates the progress
of the decisions their organisation owns (the owner's signed link does the same
without an account).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from kopru.accounts.permissions import can_work_in_office, works_for_office_id
from kopru.core.access import fetch_and_authorise, get_or_404_scoped

from .models import Decision, DecisionLink, Milestone

if TYPE_CHECKING:
    from kopru.accounts.models import User


def is_staff_of(user: Any, office: Any) -> bool:
    return can_work_in_office(user, office)


def member_organisation_id(user: Any, office_id: int) -> int | None:
    """The organisation an institution member of the office speaks for, if any."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not getattr(user, "is_institution_member", False) or user.office_id != office_id:
        return None
    return int(user.organisation_id) if user.organisation_id else None


def can_manage_decision(user: Any, decision: Decision) -> bool:
    """Edit, cancel, milestones, links, renew the owner's link: the office's staff."""
    return works_for_office_id(user, decision.office_id)


def can_update_progress(user: Any, decision: Decision) -> bool:
    """The office's staff and the owning organisation's members."""
    if works_for_office_id(user, decision.office_id):
        return True
    return member_organisation_id(user, decision.office_id) == decision.owner_id


DECISION_RULES = {"manage": can_manage_decision, "progress": can_update_progress}


def access_decision(
    user: User, pk: Any, *, for_: Literal["manage", "progress"] = "manage"
) -> Decision:
    source = Decision.objects.select_related("office", "owner", "district", "body", "meeting")
    return fetch_and_authorise(source, pk, user=user, rule=DECISION_RULES[for_], what="decision")


def access_milestone(user: User, pk: Any) -> Milestone:
    milestone = get_or_404_scoped(
        Milestone.objects.select_related("decision"), pk=pk, what="milestone"
    )
    access_decision(user, milestone.decision_id, for_="manage")
    return milestone


def access_link(user: User, pk: Any) -> DecisionLink:
    link = get_or_404_scoped(DecisionLink.objects.select_related("decision"), pk=pk, what="link")
    access_decision(user, link.decision_id, for_="manage")
    return link
