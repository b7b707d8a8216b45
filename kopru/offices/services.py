from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kopru.core.services import model_update

from .models import Office

if TYPE_CHECKING:
    from kopru.accounts.models import User


def office_update(
    *, office: Office, data: dict[str, Any], actor: User, expected_version: int | None
) -> Office:
    """Change the office's profile (coordinator or national admin)."""
    office, _changes = model_update(
        instance=office,
        data=data,
        actor=actor,
        action="offices.office.updated",
        expected_version=expected_version,
    )
    return office
