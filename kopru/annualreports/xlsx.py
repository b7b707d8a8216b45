"""The report's figures as an XLSX workbook (XlsxWriter): a summary sheet, then one
sheet per indicator area with its table and a native Excel chart per breakdown.

No cell is ever a formula: text is written with ``write_string`` after
:func:`kopru.core.spreadsheets.neutralise`, numbers with ``write_number``, and the
workbook refuses to read strings as formulas."""

from __future__ import annotations

import io
import re
from typing import Any

import xlsxwriter
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopru.core.spreadsheets import neutralise

from . import document
from .models import AnnualReport

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip()[:31] or "-"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


class _Sheet:
    """A worksheet written row by row, every value through the one safe path."""

    def __init__(self, ws: Any, formats: dict[str, Any]) -> None:
        self.ws = ws
        self.f = formats
        self.row = 0

    def cell(self, row: int, col: int, value: Any, fmt: str | None = None) -> None:
        style = self.f.get(fmt) if fmt else None
        if value is None or value == "":
            self.ws.write_blank(row, col, None, style)
        elif isinstance(value, bool):
            self.ws.write_string(row, col, str(value), style)
        elif isinstance(value, int | float):
            self.ws.write_number(row, col, value, style or self.f["number"])
        else:
            self.ws.write_string(row, col, str(neutralise(str(value))), style)

    def line(self, *values: Any, fmt: str | None = None) -> int:
        for col, value in enumerate(values):
            self.cell(self.row, col, value, fmt)
        self.row += 1
        return self.row - 1


def _numeric(value: Any) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def render(report: AnnualReport, snapshot: dict[str, Any], language: str) -> bytes:
    doc = document.build(report, snapshot, language, with_charts=False)
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(
        out,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = {
        "title": wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F5F8B"}),
        "bold": wb.add_format({"bold": True}),
        "head": wb.add_format({"bold": True, "bg_color": "#E4EDF4", "border": 1}),
        "number": wb.add_format({"num_format": "#,##0.##"}),
        "muted": wb.add_format({"font_color": "#5A6B7B", "italic": True}),
    }
    taken: set[str] = set()
    with translation.override(language):
        wb.set_properties(
            {"title": doc.title, "author": doc.office_name, "company": doc.governorship}
        )
        summary = _Sheet(wb.add_worksheet(sheet_name(_("Özet"), taken)), formats)
        summary.ws.set_column(0, 0, 34)
        summary.ws.set_column(1, 1, 60)
        summary.line(doc.governorship, fmt="title")
        summary.line(doc.office_name, fmt="bold")
        summary.line(doc.title, fmt="bold")
        summary.row += 1
        start = date_format(doc.period_start, "SHORT_DATE_FORMAT")
        end = date_format(doc.period_end, "SHORT_DATE_FORMAT")
        summary.line(_("Dönem"), f"{start} – {end}")
        summary.line(_("Rapor sürümü"), f"{doc.revision} · {doc.status}")
        summary.line(_("Rakamların tarihi"), date_format(doc.as_of, "SHORT_DATETIME_FORMAT"))
        summary.row += 1
        for label, value in doc.facts:
            summary.line(label, value)
        if doc.areas:
            summary.row += 1
            summary.line(_("Gösterge alanı"), _("Sayfa"), fmt="head")
            for area in doc.areas:
                summary.line(area.title, sheet_name(area.title, set(taken)))
        for area in doc.areas:
            _area_sheet(wb, formats, area, taken, (doc.period_label, doc.previous_label))
        if doc.stories:
            sheet = _Sheet(wb.add_worksheet(sheet_name(_("Başarı hikâyeleri"), taken)), formats)
            sheet.ws.set_column(0, 0, 40)
            sheet.ws.set_column(1, 1, 90)
            sheet.line(_("Başlık"), _("Özet"), fmt="head")
            for title, text in doc.stories:
                sheet.line(title, text)
    wb.close()
    return out.getvalue()


def _area_sheet(
    wb: Any,
    formats: dict[str, Any],
    area: document.Area,
    taken: set[str],
    periods: tuple[str, str],
) -> None:
    name = sheet_name(area.title, taken)
    sheet = _Sheet(wb.add_worksheet(name), formats)
    sheet.ws.set_column(0, 0, 48)
    sheet.ws.set_column(1, 3, 16)
    sheet.ws.set_column(4, 4, 18)
    sheet.ws.set_column(5, 5, 70)
    sheet.line(area.title, fmt="title")
    for h in area.highlights:
        sheet.line(h)
    sheet.row += 1
    if area.headline:
        sheet.line(
            _("Gösterge"),
            periods[0],
            periods[1],
            _("Değişim (%)"),
            _("Birim"),
            _("Tanım"),
            fmt="head",
        )
        for ind in area.headline:
            sheet.line(
                ind.label,
                _numeric(ind.value),
                _numeric(ind.previous),
                _numeric(ind.change),
                ind.unit,
                ind.definition,
            )
        sheet.row += 1
    for ind in area.breakdowns:
        sheet.line(ind.label, fmt="bold")
        if ind.definition:
            sheet.line(ind.definition, fmt="muted")
        header = sheet.line(ind.label, periods[0], periods[1], fmt="head")
        first = sheet.row
        for r in ind.rows:
            sheet.line(r.label, _numeric(r.value), _numeric(r.previous))
        last = sheet.row - 1
        if last >= first:
            chart = wb.add_chart({"type": "bar" if len(ind.rows) > 6 else "column"})
            for col, colour in ((1, "#1F5F8B"), (2, "#A35200")):
                chart.add_series(
                    {
                        "name": [name, header, col],
                        "categories": [name, first, 0, last, 0],
                        "values": [name, first, col, last, col],
                        "fill": {"color": colour},
                    }
                )
            chart.set_title({"name": ind.label})
            chart.set_legend({"position": "bottom"})
            height = max(260, 22 * len(ind.rows) + 80)
            chart.set_size({"width": 620, "height": height})
            sheet.ws.insert_chart(header, 4, chart)
            # leave room under the chart (rows are 20 px high) before the next breakdown
            sheet.row = max(sheet.row, header + height // 20 + 2)
        sheet.row += 1
