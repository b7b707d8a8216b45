"""Plumbing shared by the parsers: input reading, limits, collecting results."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO, TypeVar

from .records import (
    CallRecord,
    ParseResult,
    Problem,
    RecordError,
    message,
    record_error,
    validate_record,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Source = bytes | bytearray | memoryview | BinaryIO

T = TypeVar("T")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (the only exceptions ``parse`` raises)."""

    code = "unknown_format"

    def __init__(self, reason: str, params: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params or {}


class UnknownFormat(ImportFileError):
    """The content matches none of the supported formats."""

    code = "unknown_format"


class FileTooLarge(ImportFileError):
    """The file (or its decompressed content) is larger than ``max_bytes``."""

    code = "file_too_large"


def too_large(limit: int) -> FileTooLarge:
    return FileTooLarge(message("file_too_large", limit=limit), {"limit": str(limit)})


def read_source(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``src`` (bytes or a binary file object), at most ``max_bytes``."""
    if isinstance(src, bytes | bytearray | memoryview):
        data = bytes(src)
    else:
        data = src.read(max_bytes + 1)
        if not isinstance(data, bytes):
            raise TypeError("the file must be opened in binary mode")
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


_SURROGATES = re.compile("[\udc80-\udcff]")


def decode_text(data: bytes) -> tuple[str, int | None]:
    """UTF-8 text (BOM removed; UTF-16 with a BOM also accepted).

    Invalid bytes are kept as surrogate escapes so that the records around them can
    still be read; the second value is the offset of the first bad byte (or None).
    """
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
    """Whether a decoded value (str, list, dict...) holds an undecodable byte."""
    if isinstance(value, str):
        return bool(_SURROGATES.search(value))
    if isinstance(value, dict):
        return any(has_bad_bytes(k) or has_bad_bytes(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_bad_bytes(v) for v in value)
    return False


def attempt(problems: list[Problem], fn: Callable[[], T]) -> T | None:
    """``fn()``, or None after noting its :class:`Problem` (so all problems are reported)."""
    try:
        return fn()
    except Problem as problem:
        problems.append(problem)
        return None


class Collector:
    """Builds a :class:`ParseResult`, validating every record and catching duplicates."""

    def __init__(self, fmt: str) -> None:
        self.result = ParseResult(format=fmt)
        self._seen: dict[str, str] = {}

    def error(self, position: str, code: str, /, **params: object) -> None:
        self.result.errors.append(record_error(position, code, **params))

    def problems(self, position: str, problems: list[Problem]) -> None:
        self.result.errors.extend(p.at(position) for p in problems)

    def skip(self, position: str, why: str) -> None:
        self.result.skipped.append((position, why))

    def note(self, text: str) -> None:
        self.result.notes.append(text)

    def add(self, record: CallRecord, problems: list[Problem] | None = None) -> bool:
        """Validate ``record``; keep it when it has no problem. Returns whether kept."""
        found = list(problems or []) + validate_record(record)
        key = record.source_id.strip()
        if key and key in self._seen:
            found.append(Problem("duplicate_id", source_id=key, first=self._seen[key]))
        if found:
            self.problems(record.position, found)
            return False
        self._seen[key] = record.position
        self.result.records.append(record)
        return True

    def extend_errors(self, errors: list[RecordError]) -> None:
        self.result.errors.extend(errors)
