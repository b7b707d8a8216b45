"""KVKK requests: everything the office holds on one person, found by e-mail address.

Apps register a :class:`kopru.core.registry.PersonalDataProvider`; this module asks
each of them, inside the office's scope, and records every export and erasure in the
audit trail. (Trainings keep their own page, keyed by the person's registrations.)
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import audit_log, json_value
from .errors import ApplicationError
from .registry import registry
from .spreadsheets import workbook_bytes
from .text import normalise_email


def normalise_address(email: str) -> str:
    """E-mail addresses compare ASCII case-insensitively (they are not Turkish text)."""
    value = (email or "").strip()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ApplicationError(_("Geçerli bir e-posta adresi girin.")) from exc
    return normalise_email(value)


def personal_data_find(*, email: str) -> dict[str, list[dict[str, Any]]]:
    """``{provider key: [record, ...]}`` for ``email`` in the active scope."""
    address = normalise_address(email)
    return {p.key: p.find(address) for p in registry.personal_data}


def personal_data_export(*, email: str, actor: Any, office: Any, fmt: str) -> tuple[bytes, str]:
    """The person's data as JSON or XLSX (``(content, content type)``), audited."""
    found = personal_data_find(email=email)
    audit_log(
        actor=actor,
        action="core.personal_data.exported",
        office=office,
        data={"email": normalise_address(email), "counts": {k: len(v) for k, v in found.items()}},
    )
    if fmt == "xlsx":
        sheets = []
        for provider in registry.personal_data:
            rows = found.get(provider.key, [])
            headers = sorted({k for r in rows for k in r}) if rows else []
            sheets.append(
                (
                    provider.key,
                    headers,
                    [[json_value(r.get(h)) for h in headers] for r in rows],
                )
            )
        return (
            workbook_bytes(sheets),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    body = json.dumps(
        {"email": normalise_address(email), "records": json_value(found)},
        ensure_ascii=False,
        indent=2,
    )
    return body.encode(), "application/json"


@transaction.atomic
def personal_data_erase(*, email: str, actor: Any, office: Any) -> dict[str, int]:
    """Anonymise every record held on ``email``; counts per provider, audited."""
    address = normalise_address(email)
    counts = {p.key: p.erase(address, actor) for p in registry.personal_data}
    # The audit entry records that an erasure happened, not whose: the address is hashed.
    audit_log(
        actor=actor,
        action="core.personal_data.erased",
        office=office,
        data={"email_sha256": hashlib.sha256(address.encode()).hexdigest(), "counts": counts},
    )
    return counts
