"""Who may change an organisation record."""

from __future__ import annotations

from typing import Any

from kopru.accounts.permissions import can_work_in_office

from .models import Organisation


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Office staff edit any organisation of their office; a member edits their own."""
    if can_work_in_office(user, organisation.office):
        return True
    return bool(
        getattr(user, "is_institution_member", False) and user.organisation_id == organisation.pk
    )
