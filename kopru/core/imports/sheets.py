"""Workbooks of typed sheets: each column (:class:`Field`) names its reader, which turns a
cell into a value or raises ``ValueError`` with the reason; every bad cell is reported with
its sheet, row and column. A blank cell gives no value (it never erases a stored one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core.spreadsheets import cell_date, cell_text
from kopru.core.text import search_key

from .files import read_sheets
from .problems import MESSAGES, Problem
from .report import ImportReport

Reader = Callable[[Any], Any]
Rows = list[tuple[int, dict[str, Any]]]
YES = frozenset({"evet", "e", "yes", "y", "1", "true", "dogru", "x"})
NO = frozenset({"hayir", "h", "no", "n", "0", "false", "yanlis"})


def in_tr_en(text: Any) -> tuple[str, str]:
    """A lazy translation in Turkish and in English (bilingual notes)."""
    with translation.override("tr"):
        turkish = str(text)
    with translation.override("en"):
        return turkish, str(text)


@dataclass(frozen=True)
class Field:
    name: str  # the column's header in the sheet (folded: lower case, "_" for spaces)
    field: str  # the record field it fills
    read: Reader
    help: Any = ""  # a lazy translation (Turkish source, English catalogue)
    required: bool = False

    @property
    def note(self) -> tuple[str, str, str, str]:
        """Its line of a notes sheet: header, required, Turkish and English help."""
        return self.name, "evet / yes" if self.required else "hayır / no", *in_tr_en(self.help)


def header_key(value: Any) -> str:
    return search_key(cell_text(value)).replace(" ", "_")


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
        for language in ("tr", "en"):
            with translation.override(language):
                for value, label in kind.choices:
                    found[search_key(value)] = found[search_key(str(label))] = value
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
    address = cell_text(value) if "://" in cell_text(value) else f"https://{cell_text(value)}"
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise ValueError(
            _("geçerli bir web adresi değil: “{v}”").format(v=cell_text(value))
        ) from None
    return address


def read_workbook(
    data: bytes, report: ImportReport, unreadable: str = ""
) -> dict[str, list[tuple[Any, ...]]] | None:
    """Each sheet's rows by folded title; None when ``data`` is no readable workbook (the
    reason in ``report``; ``unreadable`` replaces the ``not_xlsx`` message)."""
    try:
        return {header_key(title): rows for title, rows in read_sheets(data)}
    except Problem as problem:
        reason = MESSAGES.text(problem.code, problem.params)
        if problem.code == "not_xlsx" and unreadable:
            reason = unreadable
        report.cell_error(_("dosya"), None, "", reason)
        return None


def read_rows(
    rows: Sequence[Sequence[Any]],
    fields: Sequence[Field],
    *,
    sheet: str,
    report: ImportReport,
    max_rows: int,
    readers: Mapping[str, Reader] | None = None,
) -> Rows | None:
    """(row number, the non-blank values by field) of every good row below the header;
    each bad cell goes to ``report``. None when the header lacks a required column.
    ``readers`` replace the readers of some fields (by field: readers that need data)."""
    header = [header_key(h) for h in (rows[0] if rows else ())]
    missing = [f.name for f in fields if f.required and f.name not in header]
    if missing:
        cols = ", ".join(missing)
        report.cell_error(sheet, 1, cols, _("Zorunlu sütunlar eksik: {cols}").format(cols=cols))
        return None
    found: Rows = []
    for number, cells in enumerate(rows[1:], start=2):
        if all(v is None or cell_text(v) == "" for v in cells):
            continue
        if len(found) >= max_rows:
            report.cell_error(
                sheet, number, "", _("Bir sayfada en çok {n} satır olabilir.").format(n=max_rows)
            )
            return None
        raw = dict(zip(header, cells, strict=False))
        values, ok = {}, True
        for field in fields:
            value = raw.get(field.name)
            if value is None or (not isinstance(value, dt.date) and cell_text(value) == ""):
                if field.required:
                    report.cell_error(sheet, number, field.name, _("zorunlu alan boş"))
                    ok = False
                continue
            try:
                values[field.field] = (readers or {}).get(field.field, field.read)(value)
            except ValueError as exc:
                report.cell_error(sheet, number, field.name, str(exc))
                ok = False
        if ok:
            found.append((number, values))
    return found
