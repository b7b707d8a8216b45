"""Who may do what at the guidance desk, on top of office scoping. The one place."""

from __future__ import annotations

from typing import Any

from kopru.accounts.permissions import belongs_to_office, can_coordinate_office, can_work_in_office

from .models import Case


def can_use_desk(user: Any, office: Any) -> bool:
    """See and work on the office's cases: its coordinator and experts (and national admins)."""
    return can_work_in_office(user, office)


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
