"""Parsers for project-inventory files (pure Python: no database, no Django needed).

Three formats, detected by content (never by the file name):

* ``cordis`` – CORDIS / Horizon Dashboard participation CSVs, both layouts
  (:mod:`.cordis`);
* ``izmir-mlab`` – the İzmir M-LAB ``projects.txt`` list (:mod:`.mlab`);
* ``template`` – the office's XLSX template filled in by institutions (:mod:`.template`).

:func:`parse` returns a :class:`ParseResult`: the :class:`ProjectRecord` objects of the
good rows and *every* bad row as a :class:`RecordError` with its position (``"line
214"``, ``"record 7"``, ``"row 12"``); ``kopru.projects.importing`` writes the records
(and writes nothing when there is any error).
"""

from __future__ import annotations

import csv
import io
import zipfile

from kopru.core.text import search_key

from .cordis import layout_of, parse_cordis
from .geo import NUTS3_TO_PLATE
from .mlab import parse_mlab
from .records import (
    ROLES,
    STAGES,
    ParseResult,
    PartnerRecord,
    ProjectRecord,
    RecordError,
    UnknownFormat,
    position_parts,
)
from .reference import country_name
from .template import (
    TEMPLATE_COLUMNS,
    TemplateChoices,
    TemplateColumn,
    build_template_xlsx,
    parse_template,
)

FORMATS: tuple[str, ...] = ("cordis", "izmir-mlab", "template")

__all__ = [
    "FORMATS",
    "NUTS3_TO_PLATE",
    "ROLES",
    "STAGES",
    "TEMPLATE_COLUMNS",
    "ParseResult",
    "PartnerRecord",
    "ProjectRecord",
    "RecordError",
    "TemplateChoices",
    "TemplateColumn",
    "UnknownFormat",
    "build_template_xlsx",
    "country_name",
    "detect_format",
    "parse",
    "parse_cordis",
    "parse_mlab",
    "parse_template",
    "position_parts",
]


def _is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def detect_format(data: bytes, filename: str) -> str:
    """``"cordis"``, ``"izmir-mlab"`` or ``"template"`` from the content of ``data``.

    An XLSX workbook is the template; a text whose first line is ``1 Başlık: …`` is the
    M-LAB list; a CSV whose header is one of the CORDIS layouts is CORDIS. Anything
    else raises :class:`UnknownFormat` (``filename`` only appears in the message).
    """
    if _is_xlsx(data):
        return "template"
    head = data[:65536].decode("utf-8-sig", errors="replace")
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    if first[:1] == "1":
        key = search_key(first.split(":", 1)[0])
        if key == "1 baslik":
            return "izmir-mlab"
    try:
        header = next(csv.reader(io.StringIO(first)), [])
    except csv.Error:
        header = []
    if layout_of(header) is not None:
        return "cordis"
    raise UnknownFormat(
        f"Tanınmayan dosya biçimi: {filename} (CORDIS CSV, M-LAB projects.txt veya XLSX "
        "şablonu bekleniyordu)."
    )


def parse(
    data: bytes,
    filename: str,
    fmt: str | None = None,
    *,
    turkish_only: bool = True,
    province_from_name: bool = True,
    template_choices: TemplateChoices | None = None,
) -> ParseResult:
    """Parse ``data`` in format ``fmt`` (detected from the content when None).

    ``turkish_only`` and ``province_from_name`` apply to CORDIS files (see
    :func:`.cordis.parse_cordis`), ``template_choices`` to the template. An unknown
    format is a result with one error at position ``"file"``, not an exception.

    The defaults are the import's: a Turkish CORDIS participant without a usable city
    or NUTS-3 code (every row of the 2014 file) takes the province its organisation's
    name gives (``ISTANBUL TEKNIK UNIVERSITESI`` → 34), so that its project reaches that
    province's office. :func:`.cordis.parse_cordis` alone keeps only what the file says.
    """
    if fmt is None:
        try:
            fmt = detect_format(data, filename)
        except UnknownFormat as exc:
            return ParseResult(format="", errors=[RecordError("file", str(exc))], stats={})
    if fmt == "cordis":
        return parse_cordis(data, turkish_only=turkish_only, province_from_name=province_from_name)
    if fmt == "izmir-mlab":
        return parse_mlab(data)
    if fmt == "template":
        return parse_template(data, choices=template_choices)
    return ParseResult(
        format=str(fmt),
        errors=[RecordError("file", f"Bilinmeyen biçim: {fmt} ({', '.join(FORMATS)}).")],
        stats={},
    )
