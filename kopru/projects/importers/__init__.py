"""Parsers for project-inventory files, told apart by content: CORDIS participation CSVs,
the İzmir M-LAB list and the office's template (``docs/projects-imports.md``)."""

from __future__ import annotations

from kopru.core.imports.files import FileRefused, UnknownFormat, is_zip, read_csv
from kopru.core.text import search_key

from .cordis import layout_of, parse_cordis
from .mlab import parse_mlab
from .records import MESSAGES, STAGES, ParseResult
from .template import TEMPLATE_COLUMNS, build_template_xlsx, parse_template

FORMATS: tuple[str, ...] = ("cordis", "izmir-mlab", "template")

__all__ = [
    "FORMATS",
    "STAGES",
    "TEMPLATE_COLUMNS",
    "ParseResult",
    "UnknownFormat",
    "build_template_xlsx",
    "detect_format",
    "parse",
]


def detect_format(data: bytes, filename: str) -> str:
    """An XLSX workbook (a ZIP naming ``xl/workbook.xml``; the template parser opens it) is
    the template, a text whose first line is ``1 Başlık: …`` the M-LAB list, a CSV with a
    CORDIS header CORDIS; else :class:`UnknownFormat`."""
    if is_zip(data) and b"xl/workbook.xml" in data:
        return "template"
    head = data[:65536].decode("utf-8-sig", errors="replace")
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    if search_key(first.split(":", 1)[0]) == "1 baslik":
        return "izmir-mlab"
    rows, _broken = read_csv(first, delimiter=",")
    if rows and layout_of(rows[0][1]) is not None:
        return "cordis"
    message = MESSAGES.text("unknown_format", {"filename": filename})
    raise UnknownFormat(message, {"filename": filename})


def parse(data: bytes, filename: str, fmt: str | None = None) -> ParseResult:
    """Parse ``data`` in format ``fmt`` (detected when None); a file that cannot be read
    at all is a result with one error at ``"file"``."""
    try:
        fmt = fmt or detect_format(data, filename)
        if fmt == "cordis":
            return parse_cordis(data)
        if fmt == "izmir-mlab":
            return parse_mlab(data)
        if fmt == "template":
            return parse_template(data)
    except FileRefused as exc:
        error = MESSAGES.error("file", exc.code, **exc.params)
        return ParseResult(format="" if exc.code == "unknown_format" else fmt or "", errors=[error])
    error = MESSAGES.error("file", "no_such_format", value=fmt, formats=", ".join(FORMATS))
    return ParseResult(format=str(fmt), errors=[error])
