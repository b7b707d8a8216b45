"""Parsers for project files: CORDIS participations, the İzmir M-LAB list, the XLSX template.

Pure Python (no database): ``parse`` returns ``ProjectRecord`` objects and every bad
row as a ``RecordError``; ``kopru.projects.importing`` writes them.
"""

from __future__ import annotations

import csv
import io

from .cordis import layout_of, parse_cordis
from .geo import NUTS3_TO_PLATE
from .mlab import parse_mlab
from .records import ParseResult, PartnerRecord, ProjectRecord, RecordError, UnknownFormat
from .template import TEMPLATE_COLUMNS, build_template_xlsx, parse_template

FORMATS = ("cordis", "izmir-mlab", "template")

__all__ = [
    "FORMATS",
    "NUTS3_TO_PLATE",
    "TEMPLATE_COLUMNS",
    "ParseResult",
    "PartnerRecord",
    "ProjectRecord",
    "RecordError",
    "UnknownFormat",
    "build_template_xlsx",
    "detect_format",
    "parse",
]


def detect_format(data: bytes, filename: str) -> str:
    """ "cordis", "izmir-mlab" or "template"; raises :class:`UnknownFormat`."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return "template"
    head = data[:20000].decode("utf-8-sig", errors="replace")
    first = head.splitlines()[0] if head else ""
    if first.startswith("1 ") and ":" in first:
        return "izmir-mlab"
    try:
        header = next(csv.reader(io.StringIO(first)))
    except (StopIteration, csv.Error):
        header = []
    if layout_of(header):
        return "cordis"
    raise UnknownFormat(f"Tanınmayan dosya biçimi: {filename}")


def parse(
    data: bytes, filename: str, fmt: str | None = None, *, turkish_only: bool = True
) -> ParseResult:
    """Parse ``data`` (format detected unless ``fmt`` is given)."""
    if fmt is None:
        try:
            fmt = detect_format(data, filename)
        except UnknownFormat as exc:
            return ParseResult(format="", errors=[RecordError(1, str(exc))], stats={"rows": 0})
    if fmt == "cordis":
        return parse_cordis(data, turkish_only=turkish_only)
    if fmt == "izmir-mlab":
        return parse_mlab(data)
    if fmt == "template":
        return parse_template(data)
    return ParseResult(
        format=str(fmt), errors=[RecordError(1, f"Bilinmeyen biçim: {fmt}")], stats={"rows": 0}
    )
