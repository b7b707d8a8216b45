"""Import workbooks: the downloadable template (every cell neutralised, so nothing runs as a
formula); finding the header row of a filled-in sheet by its folded column names; sheets of
typed columns (a :class:`Column` with a reader that turns a cell into a value or raises
``ValueError`` with the reason), every bad cell reported with its sheet, row and column (a
blank cell gives no value: it never erases a stored one)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kopru.core.spreadsheets import cell_date, cell_text, neutralise
from kopru.core.text import search_key

from .files import read_sheets
from .problems import MESSAGES, Problem
from .report import ImportReport

Reader = Callable[[Any], Any]
Rows = list[tuple[int, dict[str, Any]]]
YES = frozenset({"evet", "e", "yes", "y", "1", "true", "dogru", "x"})
NO = frozenset({"hayir", "h", "no", "n", "0", "false", "yanlis"})

HEADER_SEARCH_ROWS = 10
NOTES_TITLE = "Açıklamalar - Notes"  # Excel forbids "/" in sheet names
EXAMPLE_ID = "ÖRNEK / EXAMPLE"  # the record ID of a template's example row
_EXAMPLE_KEYS = frozenset({search_key(EXAMPLE_ID), "ornek", "example"})
NOTES_HEADER = (
    "Sütun / Column", "Zorunlu / Required", "Açıklama", "Description", "Örnek / Example"
)  # fmt: skip
REQUIRED_LABEL = {True: "Evet / Yes", False: "Hayır / No"}  # a notes sheet's "required"


@dataclass(frozen=True)
class Column:
    """A column of an import template; ``legacy``: headers of earlier templates. A column
    with one name (no ``name_en``: a folded header such as ``kisa_ad``) is headed by it
    alone, and its ``description_tr`` may be a lazy translation (English from the
    catalogue). ``read``: the reader of a typed column (:func:`read_rows`; by default text
    of at most ``max_length`` characters)."""

    key: str
    name_tr: str
    name_en: str = ""
    required: bool = False
    description_tr: Any = ""
    description_en: str = ""
    example: str = ""
    max_length: int | None = None
    legacy: tuple[str, ...] = ()
    read: Reader | None = None

    @property
    def header(self) -> str:
        if not self.name_en:
            return self.name_tr
        return f"{self.name_tr} / {self.name_en}" + (" *" if self.required else "")

    @property
    def aliases(self) -> frozenset[str]:
        names = (self.name_tr, self.name_en, self.key, self.key.replace("_", " "), self.header)
        return frozenset(search_key(n) for n in (*names, *self.legacy) if n)

    @property
    def note(self) -> tuple[str, bool, str, str, str]:
        tr, en = self.description_tr, self.description_en
        return self.header, self.required, *((tr, en) if en else in_tr_en(tr)), self.example


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
        rows.append([header, REQUIRED_LABEL[required], text_tr, text_en, example])
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


# --- sheets of typed columns ----------------------------------------------------------


def in_tr_en(text: Any) -> tuple[str, str]:
    """A lazy translation in Turkish and in English (bilingual notes)."""
    with translation.override("tr"):
        turkish = str(text)
    with translation.override("en"):
        return turkish, str(text)


def typed_columns(*specs: tuple[Any, ...], model: Any = None) -> list[Column]:
    """Columns of (header, field, reader, lazy help[, required]) for :func:`read_rows`; the
    length limit is ``model``'s column's (a reader None reads text no longer than it)."""
    columns = []
    for header, key, read, description, *required in specs:
        limit = getattr(model._meta.get_field(key), "max_length", None) if model else None
        column = Column(key, header, "", any(required), description, max_length=limit, read=read)
        columns.append(column)
    return columns


def text(max_length: int = 0) -> Reader:
    def read(value: Any) -> str:
        found = cell_text(value)
        if max_length and len(found) > max_length:
            raise ValueError(_("en çok {n} karakter olabilir").format(n=max_length))
        return found

    return read


def date(first: dt.date) -> Reader:
    """A day between ``first`` and today: a date cell, or text as ``GG.AA.YYYY`` ..."""

    def read(value: Any) -> dt.date:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(_("tarih yerine sayı: “{v}”").format(v=cell_text(value)))
        day = cell_date(value)
        if not first <= day <= timezone.localdate():
            raise ValueError(_("tarih {first} ile bugün arasında olmalı").format(first=first.year))
        return day

    return read


def yes_no(value: Any) -> bool:
    word = search_key(cell_text(value))
    if word in YES or word in NO:
        return word in YES
    raise ValueError(_("“evet” ya da “hayır” olmalı, “{v}” yazılmış").format(v=cell_text(value)))


def choice(words: Callable[[], Mapping[str, Any]], message: str = "", **params: Any) -> Reader:
    """What ``words()`` (folded word → value) gives for the cell; else ``message`` (with
    ``{v}``, the cell, and ``params``) or "unknown value"."""

    def read(value: Any) -> Any:
        found = words().get(search_key(cell_text(value)))
        if found is None:
            reason = message or _("bilinmeyen değer: “{v}”")
            raise ValueError(reason.format(v=cell_text(value), **params))
        return found

    return read


def choices(kind: Any, extra: Mapping[str, str] | None = None) -> Reader:
    """A code of the choices class ``kind``, its Turkish or English label, or a word of
    ``extra``."""

    @cache
    def words() -> dict[str, str]:
        found = dict(extra or {})
        for value, label in kind.choices:
            found |= {search_key(name): value for name in (value, *in_tr_en(label))}
        return found

    return choice(words)


def email(value: Any) -> str:
    """An e-mail address, trimmed, ASCII letters in lower case."""
    address = cell_text(value).lower() if cell_text(value).isascii() else cell_text(value)
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(_("geçerli bir e-posta adresi değil: “{v}”").format(v=address)) from None
    return address


def url(value: Any) -> str:
    """A web address (``https://`` added when no scheme is written)."""
    written = cell_text(value)
    address = written if "://" in written else f"https://{written}"
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise ValueError(_("geçerli bir web adresi değil: “{v}”").format(v=written)) from None
    return address


def read_workbook(data: bytes, report: ImportReport) -> dict[str, list[tuple[Any, ...]]] | None:
    """Each sheet's rows by folded title; None when ``data`` is no readable workbook (the
    reason in ``report``)."""
    try:
        return {search_key(title): rows for title, rows in read_sheets(data)}
    except Problem as problem:
        report.cell_error(_("dosya"), None, "", MESSAGES.text(problem.code, problem.params))
        return None


def read_rows(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[Column],
    *,
    sheet: str,
    report: ImportReport,
    max_rows: int,
    readers: Mapping[str, Reader] | None = None,
) -> Rows | None:
    """(row number, the non-blank values by field) of every good row below the header
    (:func:`find_header`); each bad cell goes to ``report``. None when the header lacks a
    required column. ``readers`` replace the readers of some fields (readers that need
    data)."""
    aliases = {c.key: c.aliases for c in columns}
    header = find_header(rows, aliases, {c.key: c.header for c in columns if c.required})
    if header.missing:
        cols = ", ".join(header.missing)
        reason = _("Zorunlu sütunlar eksik: {cols}").format(cols=cols)
        report.cell_error(sheet, header.row, cols, reason)
        return None
    found: Rows = []
    for number, row in enumerate(rows[header.row :], start=header.row + 1):
        if is_empty(row):
            continue
        if len(found) >= max_rows:
            reason = _("Bir sayfada en çok {n} satır olabilir.").format(n=max_rows)
            report.cell_error(sheet, number, "", reason)
            return None
        values, ok = {}, True
        for column in columns:
            value = cell(row, header.columns, column.key)
            if value is None:
                if column.required:
                    report.cell_error(sheet, number, column.header, _("zorunlu alan boş"))
                    ok = False
                continue
            read = (readers or {}).get(column.key) or column.read or text(column.max_length or 0)
            try:
                values[column.key] = read(value)
            except ValueError as exc:
                report.cell_error(sheet, number, column.header, str(exc))
                ok = False
        if ok:
            found.append((number, values))
    return found
