"""Spreadsheet helpers shared by exports: formula cells never leave as formulas."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet program will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return neutralise(value)


def workbook_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX file of ``(title, headers, rows)`` sheets, every cell neutralised."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.append([neutralise(h) for h in headers])
        for row in rows:
            ws.append([_cell(v) for v in row])
    if not wb.sheetnames:
        wb.create_sheet("-")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading cells ----------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: whole floats without ``.0``, white space collapsed, and a cell this
    module neutralised on export (``'=...``) read back as it was written."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")


def cell_date(value: Any) -> dt.date:
    """A date cell: an Excel date, or text as ``GG.AA.YYYY``, ``YYYY-MM-DD``, ``GG/AA/YYYY``.

    Raises ``ValueError`` with a message for the person who filled in the sheet.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("tarih anlaşılamadı: “{v}” (GG.AA.YYYY yazın)").format(v=text))
