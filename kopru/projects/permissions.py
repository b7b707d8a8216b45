"""Who may do what with a project: the rules, and the access helper that fetches a project
and authorises its use in one step (404 alike for a missing project and a forbidden one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import can_work_in_office, works_for_office_id
from kopru.core.access import fetch_and_authorise

from .models import MEMBER_TRANSITIONS, TRANSITIONS, Project

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office


def is_staff_of(user: Any, office: Any) -> bool:
    return can_work_in_office(user, office)


def can_view_project(user: Any, project: Project) -> bool:
    """Staff see every project of their office; a member sees their organisation's."""
    if works_for_office_id(user, project.office_id):
        return True
    return bool(
        getattr(user, "is_institution_member", False)
        and user.organisation_id
        and project.owner_id == user.organisation_id
    )


def can_edit_project(user: Any, project: Project) -> bool:
    return can_view_project(user, project)


def can_create_project(user: User, office: Office) -> bool:
    if can_work_in_office(user, office):
        return True
    return bool(
        getattr(user, "is_institution_member", False)
        and user.office_id == office.pk
        and user.organisation_id
    )


def allowed_transitions(user: Any, project: Project) -> tuple[str, ...]:
    """The stages ``user`` may move ``project`` to."""
    if works_for_office_id(user, project.office_id):
        return TRANSITIONS.get(project.stage, ())
    if can_edit_project(user, project):
        return MEMBER_TRANSITIONS.get(project.stage, ())
    return ()


def can_publish(user: Any, project: Project) -> bool:
    return works_for_office_id(user, project.office_id)


def can_monitor(user: Any, project: Project) -> bool:
    """Monitoring visits, reports received and staff notes are the office's."""
    return works_for_office_id(user, project.office_id)


PROJECT_RULES = {
    "view": can_view_project,
    "edit": can_edit_project,
    "publish": can_publish,
    "monitor": can_monitor,
}
ProjectAction = Literal["view", "edit", "publish", "monitor"]


def access_project(
    user: User,
    pk: Any,
    *,
    for_: ProjectAction = "view",
    queryset: QuerySet[Project] | None = None,
) -> Project:
    """The project, if ``user`` may use it for ``for_`` (``monitor``: the office's own
    follow-up; ``publish``: the public data bank)."""
    source = queryset if queryset is not None else Project.objects.select_related("owner", "office")
    return fetch_and_authorise(source, pk, user=user, rule=PROJECT_RULES[for_], what="project")
