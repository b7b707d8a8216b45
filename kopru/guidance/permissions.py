"""Who may do what at the guidance desk, on top of office scoping: the rules, and the
access helper that fetches a case and authorises its use in one step (404 alike for a
missing case and a forbidden one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import (
    belongs_to_office,
    can_coordinate_office,
    can_work_in_office,
    works_for_office_id,
)
from kopru.core.access import fetch_and_authorise

from .models import Case

if TYPE_CHECKING:
    from kopru.accounts.models import User


def can_use_desk(user: Any, office: Any) -> bool:
    """See and work on the office's cases: its coordinator and experts (and national admins)."""
    return can_work_in_office(user, office)


def can_work_on_case(user: Any, case: Case) -> bool:
    """Read a case, answer it, note, edit, close or reopen it: the staff of its office."""
    return works_for_office_id(user, case.office_id)


def can_assign(user: Any, case: Case) -> bool:
    """The coordinator assigns any case; an expert takes an unassigned case or hands on
    their own."""
    if can_coordinate_office(user, case.office):
        return True
    if not can_work_in_office(user, case.office):
        return False
    return case.assigned_to_id in (None, user.pk)


def can_be_assigned(user: Any, office: Any) -> bool:
    """Who a case may be given to: active staff of the case's office."""
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_office_staff", False)
        and user.office_id == office.pk
    )


def can_file_as_member(user: Any, office: Any) -> bool:
    """Institution members ask for guidance from their own area."""
    return bool(belongs_to_office(user, office) and getattr(user, "is_institution_member", False))


CASE_RULES = {"work": can_work_on_case}


def access_case(
    user: User, pk: Any, *, for_: Literal["work"] = "work", queryset: QuerySet[Case] | None = None
) -> Case:
    """A case of the desk (who may assign it is decided by the assignment itself, which
    refuses with a message: the page shows the case either way)."""
    source = queryset if queryset is not None else Case.objects.select_related("office")
    return fetch_and_authorise(source, pk, user=user, rule=CASE_RULES[for_], what="case")
