"""Everything held on one person, for a KVKK access request."""

from __future__ import annotations

import io
from typing import Any

from kopru.core.audit import audit_log

from .selectors import person_registrations


def _safe(value: Any) -> Any:
    """Spreadsheet cells that start like a formula are neutralised."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def person_export(*, person_key: str, actor: Any) -> dict[str, Any]:
    regs = list(person_registrations(person_key)) if person_key else []
    data: dict[str, Any] = {"person": person_key, "registrations": []}
    for reg in regs:
        data["registrations"].append(
            {
                "event": reg.event.title_tr,
                "event_date": reg.event.starts_on,
                "full_name": reg.full_name,
                "email": reg.email,
                "phone": reg.phone,
                "organisation": reg.organisation_name,
                "organisation_type": reg.organisation_type,
                "district": reg.district.name if reg.district else "",
                "age_group": reg.age_group,
                "priority_group": reg.priority_group,
                "status": reg.status,
                "source": reg.source,
                "registered_at": reg.created_at,
                "consent_text": reg.consent_text,
                "consent_at": reg.consent_at,
                "attended_sessions": [a.session.starts_at for a in reg.attendances.all()],
                "certificates": [
                    {"code": c.code, "issued_at": c.issued_at, "revoked_at": c.revoked_at}
                    for c in reg.certificates.all()
                ],
            }
        )
    if regs:
        audit_log(
            actor=actor,
            action="trainings.person.exported",
            office=regs[0].office_id,
            data={"registrations": [r.pk for r in regs]},
        )
    return data


def export_xlsx(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Kayitlar"
    rows = data["registrations"]
    headers = [k for k in rows[0] if k not in ("attended_sessions", "certificates")] if rows else []
    ws.append([*headers, "attended_sessions", "certificates"])
    for row in rows:
        values = [row[h] for h in headers]
        values = [
            v.replace(tzinfo=None) if hasattr(v, "tzinfo") and v.tzinfo else v for v in values
        ]
        ws.append(
            [_safe(v) for v in values]
            + [
                ", ".join(str(s) for s in row["attended_sessions"]),
                ", ".join(c["code"] for c in row["certificates"]),
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
