"""Who may do what with calls, on top of office scoping: the one place these rules live.

An office's panel shows its own calls and the published national calls of every
office; only the call's own office edits, publishes or archives it. Every member of the
staff sees the office's who-applies table; its coordinator changes the office's lines
(they change what the public matching page recommends, like the catalogue's settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import (
    can_coordinate_office,
    can_work_in_office,
    works_for_office_id,
)
from kopru.core.access import anyone, fetch_and_authorise, get_or_404_scoped

from .models import Call, CallDocument, WhoAppliesRule

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office


def can_edit_call(user: User, call: Call) -> bool:
    """Edit, publish, archive, add links and documents: staff of the call's own office."""
    return can_work_in_office(user, call.office)


def can_change_settings(user: User, office: Office) -> bool:
    """The catalogue's settings (publishing imported EU calls at once): the coordinator."""
    return can_coordinate_office(user, office)


CALL_RULES = {"view": anyone, "edit": can_edit_call}


def access_call(
    user: User,
    pk: Any,
    *,
    office: Office,
    for_: Literal["view", "edit"] = "view",
    queryset: QuerySet[Call] | None = None,
) -> Call:
    """A call the panel of ``office`` shows (``view``: its own and national calls) or
    may change (``edit``: its own only); 404 alike for missing and forbidden."""
    qs = queryset if queryset is not None else Call.objects.all()
    if for_ == "edit":
        qs = qs.filter(office=office)
    return fetch_and_authorise(qs, pk, user=user, rule=CALL_RULES[for_], what="call")


def access_document(user: User, pk: Any) -> CallDocument:
    """A document of a call the office's catalogue holds (for staff to download)."""
    return get_or_404_scoped(
        CallDocument.objects.filter(call__in=Call.objects.all()), pk=pk, what="document"
    )


def can_edit_who_applies(user: User, office: Office) -> bool:
    """Add, change or remove the office's lines of the who-applies table: the coordinator."""
    return can_coordinate_office(user, office)


def can_edit_who_applies_rule(user: User, rule: WhoAppliesRule) -> bool:
    """``can_edit_who_applies`` for the office of ``rule`` (by its id, no query)."""
    if not works_for_office_id(user, rule.office_id):
        return False
    return bool(user.is_national_admin or user.is_coordinator)


WHO_APPLIES_RULES = {"edit": can_edit_who_applies_rule}


def access_who_applies_rule(
    user: User, pk: Any, *, for_: Literal["edit"] = "edit"
) -> WhoAppliesRule:
    """One of the office's own lines of the table, to change or remove (the coordinator);
    404 alike for missing, another office's and forbidden."""
    return fetch_and_authorise(
        WhoAppliesRule, pk, user=user, rule=WHO_APPLIES_RULES[for_], what="who-applies line"
    )
