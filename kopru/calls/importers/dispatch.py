"""Recognising an uploaded file and handing it to the right parser."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Final

from kopru.core.imports.files import (
    DEFAULT_MAX_BYTES,
    FileRefused,
    FileTooLarge,
    Source,
    UnknownFormat,
    decode_text,
    gunzip,
    is_gzip,
    is_zip,
    read_csv,
    read_sheets,
    read_source,
)
from kopru.core.imports.workbook import find_header
from kopru.core.text import search_key

from . import horizon_xlsx, office_sheet, template
from .announcements import AB_COLUMNS, AB_REQUIRED, parse_ab_baskanligi, parse_kalkinma_ajanslari
from .eu_portal import parse_eu_portal
from .records import MESSAGES, ParseResult, Problem, message

logger = logging.getLogger(__name__)

Parser = Callable[[bytes, str, int], ParseResult]

#: format name → parser, in the order formats are tried.
PARSERS: Final[dict[str, Parser]] = {
    "eu-ft-portal": parse_eu_portal,
    "horizon-europe-xlsx": horizon_xlsx.parse_horizon_xlsx,
    "office-sheet": office_sheet.parse_office_sheet,
    "kalkinma-ajanslari": parse_kalkinma_ajanslari,
    "ab-baskanligi": parse_ab_baskanligi,
    "template": template.parse_template,
}
FORMATS: Final = tuple(PARSERS)

_PEEK = 64 * 1024
_KA_HINT = re.compile(r'"agency_code"\s*:|"state"\s*:\s*(true|false)\s*,\s*"data"')
_EU_HINT = re.compile(r'"(topicId|callIdentifier|reference|deadlineModel)"\s*:')

# Filename hints, used only when the content alone does not tell (e.g. a damaged file).
_NAME_HINTS: Final = (
    (re.compile(r"\.(jsonl?\.gz|gz|jsonl)$"), "eu-ft-portal"),
    (re.compile(r"(ka[_ -]?liste|kalkinma).*\.json$"), "kalkinma-ajanslari"),
    (re.compile(r"(calls|topics|open).*\.json$"), "eu-ft-portal"),
    (re.compile(r"(duyuru|ab[_ -]?gov).*\.csv$"), "ab-baskanligi"),
    (re.compile(r"(sablon|template).*\.(xlsx|csv)$"), "template"),
    (re.compile(r"(he[_ -]calls|horizon[_ -]europe|topics).*\.xlsx$"), "horizon-europe-xlsx"),
    (re.compile(r"(rapor|report).*\.xlsx$"), "office-sheet"),
)


def _unknown(filename: str, detail: str) -> UnknownFormat:
    params = {"filename": filename or "?", "detail": detail}
    return UnknownFormat(message("unknown_format", **params), params)


def _by_name(filename: str) -> str | None:
    name = search_key(filename.rsplit("/", 1)[-1]).replace(" ", "_")
    # search_key turns "." into a space; restore the extension dots for the patterns.
    name = re.sub(r"_(json|jsonl|gz|csv|xlsx)(?=_|$)", r".\1", name)
    return next((fmt for pattern, fmt in _NAME_HINTS if pattern.search(name)), None)


def _workbook_format(data: bytes) -> str | None:
    """The format whose columns a sheet of the workbook has (a file too large to unpack
    is refused as such)."""
    try:
        sheets = read_sheets(data, formulas=True)
    except FileTooLarge:
        raise
    except Problem:
        return None
    for _title, rows in sheets:
        for module in (horizon_xlsx, template, office_sheet):
            if not find_header(rows[:10], module.ALIASES, module.REQUIRED).missing:
                return str(module.FORMAT)
    return None


def _text_format(text: str) -> str | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        if _KA_HINT.search(stripped):
            return "kalkinma-ajanslari"
        if _EU_HINT.search(stripped):
            return "eu-ft-portal"
        return None
    rows = [tuple(cells) for _line, cells in read_csv(stripped)[0][:10]]
    if not find_header(rows[:1], AB_COLUMNS, AB_REQUIRED).missing:
        return "ab-baskanligi"
    if not find_header(rows, template.ALIASES, template.REQUIRED).missing:
        return "template"
    return None


def detect_format(data: bytes, filename: str = "") -> str:
    """The format of ``data``: by content first, then by the file name.

    Raises :class:`UnknownFormat` (with a message for staff) when neither tells.
    """
    if not data:
        raise _unknown(filename, "the file is empty")
    if is_gzip(data):
        try:
            peek = gunzip(data[:_PEEK], _PEEK * 64)[0]
        except FileTooLarge:
            peek = b""
        return _text_format(decode_text(peek[:_PEEK])[0]) or "eu-ft-portal"
    zipped = is_zip(data)
    found = _workbook_format(data) if zipped else _text_format(decode_text(data[:_PEEK])[0])
    if (found := found or _by_name(filename)) is None:
        detail = "a ZIP/Excel file without the columns of any known call list"
        raise _unknown(filename, detail if zipped else "its content matches no known call list")
    return found


def parse(
    data: Source,
    filename: str = "",
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParseResult:
    """Read an uploaded call list.

    Raises only :class:`UnknownFormat` (format not recognised, or ``fmt`` not one of
    :data:`FORMATS`) and :class:`FileTooLarge` (more than ``max_bytes``, also after
    decompression). Every other problem - damaged, cut-off or mis-encoded files, bad
    rows - is a :class:`RecordError` in the result, for every record concerned.
    """
    raw = read_source(data, max_bytes)
    fmt = fmt or detect_format(raw, filename)
    parser = PARSERS.get(fmt)
    if parser is None:
        raise _unknown(filename, f"'{fmt}' is not one of {', '.join(FORMATS)}")
    try:
        result = parser(raw, filename, max_bytes)
    except FileRefused:
        raise
    except Exception as exc:  # a parser bug must not take the upload page down
        logger.exception("Parsing %s as %s failed", filename, fmt)
        result = ParseResult(format=fmt)
        result.errors.append(MESSAGES.error("file", "internal_error", detail=type(exc).__name__))
    return result
