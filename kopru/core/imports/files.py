"""Reading uploaded files safely: sizes checked before anything is unpacked (a 1 MB ZIP of
white space unpacks to a gigabyte), text decoded, CSV rows kept with their line numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

import openpyxl

from .problems import Messages, Problem

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MB = 1024 * 1024
#: An XLSX unpacks to about ten times its size; compressed white space to a thousand.
MAX_RATIO = 100
MIN_UNPACKED = 20 * MB
MAX_UNPACKED = 300 * MB

Source = bytes | bytearray | memoryview | BinaryIO


class FileRefused(Problem):
    """The file as a whole cannot be imported; ``reason`` (and ``str()``) is English."""

    code = "file_refused"

    def __init__(self, reason: str, params: Mapping[str, object] | None = None, code: str = ""):
        super().__init__(code or type(self).code, **(params or {}))
        self.reason = reason
        self.args = (reason,)


class FileTooLarge(FileRefused):
    code = "file_too_large"


class UnknownFormat(FileRefused):
    code = "unknown_format"


def refused(cls: type[FileRefused], code: str, /, **params: object) -> FileRefused:
    text = {k: str(v) for k, v in params.items()}
    return cls(Messages({}, "en").text(code, text), text, code)


def read_source(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if isinstance(src, bytes | bytearray | memoryview):
        data = bytes(src)
    else:
        data = src.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise refused(FileTooLarge, "file_too_large", limit=max_bytes)
    return data


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def open_workbook(data: bytes, *, formulas: bool = False) -> Any:
    """The workbook in ``data``, read-only; refused from the ZIP directory alone when its
    members would unpack to more than ``MAX_RATIO`` times its size (within the bounds)."""
    if not is_zip(data):
        raise Problem("not_xlsx", detail="it is not a ZIP package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Problem("not_xlsx", detail=f"damaged ZIP package: {exc}") from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise Problem("not_xlsx", detail="a ZIP file without an Excel workbook inside")
    unpacked = sum(m.file_size for m in members)
    limit = min(MAX_UNPACKED, max(MIN_UNPACKED, len(data) * MAX_RATIO))
    if unpacked > limit:
        size, ratio = unpacked // MB, unpacked // len(data)
        raise refused(FileTooLarge, "unpacked_too_large", size=size, ratio=ratio, limit=limit // MB)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    except Exception as exc:  # openpyxl raises many types for damaged packages
        raise Problem("not_xlsx", detail=f"{type(exc).__name__}: {exc}") from None


def read_sheets(data: bytes, *, formulas: bool = False) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(title, rows) of each worksheet; damaged XML is ``not_xlsx`` (sheets unpack when read)."""
    workbook = open_workbook(data, formulas=formulas)
    found = []
    try:
        for sheet in workbook.worksheets:
            try:
                found.append((sheet.title, [tuple(r) for r in sheet.iter_rows(values_only=True)]))
            except Exception as exc:  # zlib, XML and openpyxl errors of a damaged package
                detail = f"sheet '{sheet.title}' is damaged: {type(exc).__name__}: {exc}"
                raise Problem("not_xlsx", detail=detail) from None
    finally:
        workbook.close()
    return found


def gunzip(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, bool, str]:
    """gzip ``data`` decompressed as far as it goes, never beyond ``max_bytes``; whether
    it was complete, and zlib's error if it was damaged."""
    out = bytearray()
    rest = data
    while rest:
        engine = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += engine.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            return bytes(out), False, str(exc)
        if len(out) > max_bytes or engine.unconsumed_tail:
            raise refused(FileTooLarge, "file_too_large", limit=max_bytes)
        if not engine.eof:
            return bytes(out), False, ""
        rest = engine.unused_data.lstrip(b"\x00")
        if rest and not is_gzip(rest):
            break  # trailing garbage after the last member: ignored, as gzip(1) does
    return bytes(out), True, ""


_SURROGATES = re.compile("[\udc80-\udcff]")


def decode_text(data: bytes) -> tuple[str, int | None]:
    """UTF-8 (or UTF-16 with a BOM) text and the offset of the first undecodable byte, or
    None; bad bytes stay as surrogate escapes (:func:`has_bad_bytes`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return data.decode("utf-16", errors="replace"), exc.start
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8-sig", errors="surrogateescape"), exc.start


def has_bad_bytes(value: object) -> bool:
    if isinstance(value, str):
        return bool(_SURROGATES.search(value))
    if isinstance(value, dict):
        return any(has_bad_bytes(k) or has_bad_bytes(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_bad_bytes(v) for v in value)
    return False


def read_csv(
    text: str, *, delimiter: str = "", strict: bool = False
) -> tuple[list[tuple[int, list[str]]], tuple[int, str] | None]:
    """(first line number, cells) of every row, and (line, detail) where the CSV broke;
    the delimiter is by default the first line's most frequent of ``,`` ``;`` and tab."""
    if not delimiter:
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        return rows, (start, str(exc))
    return rows, None


def row_values(
    cells: Sequence[Any], columns: Mapping[str, int], header: Sequence[Any]
) -> dict[str, Any]:
    """A text row's cells by field; a row shorter than its header is ``truncated_row``."""
    width = max((i + 1 for i, name in enumerate(header) if str(name or "").strip()), default=0)
    if len(cells) < width:
        raise Problem("truncated_row", found=len(cells), expected=width)
    return {name: cells[i] for name, i in columns.items()}
