from __future__ import annotations

from typing import Any

from kopru.core.services import model_create, model_update

from .models import Organisation


def organisation_create(*, office: Any, data: dict[str, Any], actor: Any) -> Organisation:
    return model_create(
        model=Organisation,
        data={**data, "office": office},
        actor=actor,
        action="organisations.organisation.created",
    )


def organisation_update(
    *, organisation: Organisation, data: dict[str, Any], actor: Any, expected_version: int | None
) -> Organisation:
    organisation, _changes = model_update(
        instance=organisation,
        data=data,
        actor=actor,
        action="organisations.organisation.updated",
        expected_version=expected_version,
    )
    return organisation
