"""Who may enter which area of an office. The one place these rules live.

Apps check their finer rules in their own ``permissions.py`` on top of these.
"""

from __future__ import annotations

from typing import Any


def can_work_in_office(user: Any, office: Any) -> bool:
    """Staff panel of ``office``: its coordinator and experts, and national admins."""
    return works_for_office_id(user, office.pk)


def works_for_office_id(user: Any, office_id: int) -> bool:
    """``can_work_in_office`` by the office's id (a record's ``office_id``, no query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_national_admin:
        return True
    return bool(user.is_office_staff and user.office_id == office_id)


def can_coordinate_office(user: Any, office: Any) -> bool:
    """Office settings, staff and approvals: the coordinator and national admins."""
    if not can_work_in_office(user, office):
        return False
    return bool(user.is_national_admin or user.is_coordinator)


def belongs_to_office(user: Any, office: Any) -> bool:
    """Any account of ``office`` (staff or institution member), or a national admin."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_national_admin or user.office_id == office.pk)


def home_office(user: Any) -> Any:
    """The office a signed-in user works for (``None`` for national admins)."""
    return getattr(user, "office", None) if getattr(user, "is_authenticated", False) else None
