"""A person's exported data as a spreadsheet (the export itself is
``services.person_export``)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook


def _safe(value: Any) -> Any:
    """Spreadsheet cells that start like a formula are neutralised."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_xlsx(data: dict[str, Any]) -> bytes:
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
