"""Who may do what with trainings, on top of office scoping."""

from __future__ import annotations

from typing import Any

from kopru.accounts.permissions import can_coordinate_office, can_work_in_office


def can_manage_events(user: Any, office: Any) -> bool:
    """Create events, register people, take attendance, issue certificates: office staff."""
    return can_work_in_office(user, office)


def can_handle_personal_data(user: Any, office: Any) -> bool:
    """Export or erase everything held on a person: the coordinator (and national admins)."""
    return can_coordinate_office(user, office)
