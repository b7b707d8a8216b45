"""Reading .xlsx workbooks safely, and finding header rows by their folded names."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from kopru.core.text import search_key

from .base import too_large
from .records import Problem

#: How much larger than the file its unpacked XML may be (xlsx XML compresses ~10×).
UNPACKED_FACTOR = 10
HEADER_SEARCH_ROWS = 10


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def open_workbook(data: bytes, max_bytes: int) -> Workbook:
    """The workbook in ``data`` (read-only, formulas as text).

    Raises :class:`Problem` ``not_xlsx`` when it is not a readable .xlsx file and
    :class:`FileTooLarge` when its unpacked content is unreasonably large.
    """
    if not is_zip(data):
        raise Problem("not_xlsx", detail="it is not a ZIP package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Problem("not_xlsx", detail=f"damaged ZIP package: {exc}") from None
    if "xl/workbook.xml" not in names:
        raise Problem("not_xlsx", detail="a ZIP file without an Excel workbook inside")
    if unpacked > max_bytes * UNPACKED_FACTOR:
        raise too_large(max_bytes)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged packages
        raise Problem("not_xlsx", detail=f"{type(exc).__name__}: {exc}") from None


def sheet_position(row: int, sheet: str) -> str:
    return f"row {row} (sheet '{sheet}')"


@dataclass
class Header:
    row: int  # 1-based row number of the header
    columns: dict[str, int]  # field → 0-based column index
    missing: list[str]  # required fields not found (display names)


def find_header(
    rows: list[tuple[Any, ...]],
    aliases: Mapping[str, set[str]],
    required: Mapping[str, str],
) -> Header:
    """The row (among the first few) whose cells name the most known columns.

    ``aliases`` maps a field to the folded header names that mean it; ``required``
    maps the required fields to the name shown in an error.
    """
    lookup = {alias: name for name, keys in aliases.items() for alias in keys}
    best = Header(1, {}, list(required.values()))
    best_score = -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            name = lookup.get(search_key(str(cell))) if cell is not None else None
            if name is not None and name not in columns:
                columns[name] = col
        missing = [label for name, label in required.items() if name not in columns]
        score = len(columns) * 10 - len(missing)
        if score > best_score:
            best, best_score = Header(index, columns, missing), score
        if not missing:
            return best
    return best


def sheet_rows(workbook: Workbook) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(sheet title, all rows as value tuples) for every worksheet.

    Raises :class:`Problem` ``not_xlsx`` when a sheet's XML is damaged (read-only
    workbooks only unpack a sheet when it is read).
    """
    for sheet in workbook.worksheets:
        try:
            rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # zlib, XML and openpyxl errors of a damaged package
            detail = f"sheet '{sheet.title}' is damaged: {type(exc).__name__}: {exc}"
            raise Problem("not_xlsx", detail=detail) from None
        yield sheet.title, rows


def is_empty(row: tuple[Any, ...]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def cell(row: tuple[Any, ...], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    if index is None or index >= len(row):
        return None
    value = row[index]
    if isinstance(value, str) and not value.strip():
        return None
    return value
