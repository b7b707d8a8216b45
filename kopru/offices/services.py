from __future__ import annotations

from typing import Any

from kopru.core.services import model_update

from .models import Office


def office_update(
    *, office: Office, data: dict[str, Any], actor: Any, expected_version: int
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
