"""Who may do what with a project: the one place these rules live."""

from __future__ import annotations

from typing import Any

from kopru.accounts.permissions import can_work_in_office

from .models import MEMBER_TRANSITIONS, TRANSITIONS, Project


def is_staff_of(user: Any, office: Any) -> bool:
    return can_work_in_office(user, office)


def can_view_project(user: Any, project: Project) -> bool:
    """Staff see every project of their office; a member sees their organisation's."""
    if can_work_in_office(user, project.office):
        return True
    return bool(
        getattr(user, "is_institution_member", False)
        and user.organisation_id
        and project.owner_id == user.organisation_id
    )


def can_edit_project(user: Any, project: Project) -> bool:
    return can_view_project(user, project)


def can_create_project(user: Any, office: Any) -> bool:
    if can_work_in_office(user, office):
        return True
    return bool(
        getattr(user, "is_institution_member", False)
        and user.office_id == office.pk
        and user.organisation_id
    )


def allowed_transitions(user: Any, project: Project) -> tuple[str, ...]:
    """The stages ``user`` may move ``project`` to."""
    if can_work_in_office(user, project.office):
        return TRANSITIONS.get(project.stage, ())
    if can_edit_project(user, project):
        return MEMBER_TRANSITIONS.get(project.stage, ())
    return ()


def can_publish(user: Any, project: Project) -> bool:
    return can_work_in_office(user, project.office)


def can_monitor(user: Any, project: Project) -> bool:
    """Monitoring visits, reports received and staff notes are the office's."""
    return can_work_in_office(user, project.office)
