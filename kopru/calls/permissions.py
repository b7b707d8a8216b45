"""Who may do what with calls, on top of office scoping: the one place these rules live.

An office's panel shows its own calls and the published national calls of every
office; only the call's own office edits, publishes or archives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import can_coordinate_office, can_work_in_office
from kopru.core.access import anyone, fetch_and_authorise, get_or_404_scoped

from .models import Call, CallDocument

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
