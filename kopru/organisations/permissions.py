"""Who may change an organisation record and its project team (on top of scoping)."""

from __future__ import annotations

from typing import Any

from kopru.accounts.permissions import can_coordinate_office, can_work_in_office

from .models import Organisation


def is_own_organisation(user: Any, organisation: Organisation) -> bool:
    """An institution member of this very organisation (and of its office)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_institution_member", False)
        and user.organisation_id == organisation.pk
        and user.office_id == organisation.office_id
    )


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Office staff edit any organisation of their office; a member edits their own."""
    if can_work_in_office(user, organisation.office):
        return True
    return is_own_organisation(user, organisation)


def can_edit_team(user: Any, organisation: Organisation) -> bool:
    """The project team: office staff for any organisation, a member for their own."""
    return can_edit_organisation(user, organisation)


def can_import_organisations(user: Any, office: Any) -> bool:
    """Import and export the directory: office staff (coordinator and experts)."""
    return can_work_in_office(user, office)


def can_merge_organisations(user: Any, office: Any) -> bool:
    """Merging deletes records and moves every link (members' accounts, projects,
    cases) to the record kept, so it is the coordinator's decision (and national
    administrators'). Experts see the list of likely duplicates."""
    return can_coordinate_office(user, office)
