"""Import templates: the downloadable workbook (every cell neutralised, so nothing runs as a
formula), and finding the header row of a filled-in sheet by its folded column names."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kopru.core.spreadsheets import neutralise
from kopru.core.text import search_key

HEADER_SEARCH_ROWS = 10
NOTES_TITLE = "Açıklamalar - Notes"  # Excel forbids "/" in sheet names
EXAMPLE_ID = "ÖRNEK / EXAMPLE"  # the record ID of a template's example row
_EXAMPLE_KEYS = frozenset({search_key(EXAMPLE_ID), "ornek", "example"})
NOTES_HEADER = (
    "Sütun / Column", "Zorunlu / Required", "Açıklama", "Description", "Örnek / Example"
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """A column of an import template; ``legacy``: headers of earlier templates."""

    key: str
    name_tr: str
    name_en: str
    required: bool
    description_tr: str
    description_en: str
    example: str
    max_length: int | None = None
    legacy: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.name_tr} / {self.name_en}" + (" *" if self.required else "")

    @property
    def aliases(self) -> frozenset[str]:
        names = (self.name_tr, self.name_en, self.key, self.key.replace("_", " "), self.header)
        return frozenset(search_key(n) for n in (*names, *self.legacy))

    @property
    def note(self) -> tuple[str, bool, str, str, str]:
        return self.header, self.required, self.description_tr, self.description_en, self.example


@dataclass
class Sheet:
    title: str
    rows: Sequence[Sequence[Any]]  # the first row is the header
    widths: Sequence[int] = ()  # per column; by default from the header's length
    text_columns: Sequence[int] = ()  # 0-based columns whose cells stay text as typed
    choices: Mapping[int, str] = field(default_factory=dict)  # column → "a,b,c" drop-down
    bold_rows: Sequence[int] = ()  # further 1-based rows in bold (headings)
    wrap: bool = False  # wrap every cell (notes)


def notes_sheet(
    title: str,
    columns: Iterable[tuple[str, bool, str, str, Any]],
    general: Iterable[tuple[str, str, str]] = (),
    lists: Iterable[tuple[str, Iterable[tuple[str, str, str]]]] = (),
) -> Sheet:
    """A bilingual notes sheet: the columns' notes, general notes (topic, Turkish, English)
    and code lists."""
    rows: list[Sequence[Any]] = [NOTES_HEADER]
    for header, required, text_tr, text_en, example in columns:
        rows.append([header, "Evet / Yes" if required else "Hayır / No", text_tr, text_en, example])
    rows.append([])
    rows.extend([topic, "", text_tr, text_en, ""] for topic, text_tr, text_en in general)
    bold = []
    for heading, entries in lists:
        rows += [[], [heading, "", "Türkçe", "English", ""]]
        bold.append(len(rows))
        rows.extend([code, "", label_tr, label_en, ""] for code, label_tr, label_en in entries)
    return Sheet(title, rows, widths=(36, 16, 60, 60, 40), bold_rows=bold, wrap=True)


def template_workbook(sheets: Iterable[Sheet]) -> bytes:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for row in spec.rows:
            sheet.append([neutralise(v) for v in row])
        for index, head in enumerate(sheet[1], start=1):
            head.font, head.fill, head.alignment = bold, fill, wrap
            fitting = max(14, min(40, len(str(head.value or "")) + 2))
            width = spec.widths[index - 1] if index <= len(spec.widths) else fitting
            sheet.column_dimensions[get_column_letter(index)].width = width
        for number in spec.bold_rows:
            sheet.cell(row=number, column=1).font = bold
        for column in spec.text_columns:
            for number in range(2, 502):  # ids and dates stay as typed, not turned into numbers
                sheet.cell(row=number, column=column + 1).number_format = "@"
        for column, allowed in spec.choices.items():
            letter = get_column_letter(column + 1)
            validation = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}1000")
            sheet.add_data_validation(validation)
        for cells in sheet.iter_rows(min_row=2) if spec.wrap else ():
            for cell in cells:
                cell.alignment = wrap
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Header:
    row: int  # 1-based row number of the header
    columns: dict[str, int]  # field → 0-based column index
    missing: list[str]  # the required fields not found (their display names)


def find_header(
    rows: Sequence[Sequence[Any]], aliases: Mapping[str, Iterable[str]], required: Mapping[str, str]
) -> Header:
    """The row among the first few whose cells name the most known columns; ``aliases``:
    field → folded names, ``required``: field → the name an error shows."""
    lookup = {alias: name for name, keys in aliases.items() for alias in keys}
    best, best_score = Header(1, {}, list(required.values())), -1
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns: dict[str, int] = {}
        for index, value in enumerate(row):
            name = lookup.get(search_key(str(value))) if value is not None else None
            if name is not None and name not in columns:
                columns[name] = index
        missing = [label for name, label in required.items() if name not in columns]
        if not missing:
            return Header(number, columns, missing)
        if len(columns) * 10 - len(missing) > best_score:
            best, best_score = Header(number, columns, missing), len(columns) * 10 - len(missing)
    return best


def is_example(record_id: Any) -> bool:
    """The template's example row (skipped)."""
    return search_key(str(record_id or "")) in _EXAMPLE_KEYS


def is_empty(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def cell(row: Sequence[Any], columns: Mapping[str, int], name: str) -> Any:
    index = columns.get(name)
    value = row[index] if index is not None and index < len(row) else None
    return None if isinstance(value, str) and not value.strip() else value
