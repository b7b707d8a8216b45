"""The Horizon Europe topics spreadsheet (format ``horizon-europe-xlsx``).

One sheet, header ``ccm2Id, callYear, clusterCode, clusterName, destination, destCode,
pubDate, openDate, closeDate, s2Date, status, process, actionType, callId, callTitle,
topicId, topicTitle``.

* ``topicId`` cells are formulas ``=HYPERLINK("url", "ID")``: the workbook is read with
  formulas (``data_only=False``) and the URL and the id are taken from the formula. A
  plain value is accepted too (the URL is then the portal's topic page).
* Dates are text ``YYYY-MM-DD`` (Excel dates are accepted too); deadlines are 17:00
  Brussels time. ``closeDate`` is the (first-stage) deadline, ``s2Date`` the
  second-stage deadline; a row with ``s2Date`` is two-stage.
* ``status`` (Open/Closed/Forthcoming as of the file's date) → ``source_status``.

``extra`` keys: ``ccm2_id``, ``call_year``, ``cluster_code``, ``cluster_name``,
``destination``, ``destination_code``, ``publication_date``, ``call_title``.
"""

from __future__ import annotations

import re
from typing import Any

from kopru.core.imports.files import (
    DEFAULT_MAX_BYTES,
    Source,
    read_source,
)
from kopru.core.imports.workbook import cell, find_header, is_empty
from kopru.core.text import search_key

from .cleaning import clean_text
from .eu_portal import deadline_model, portal_url
from .records import (
    CallDeadline,
    CallRecord,
    Collector,
    ParseResult,
    Problem,
    attempt,
    sheet_position,
)
from .values import BRUSSELS, deadline_from_cell, parse_date

FORMAT = "horizon-europe-xlsx"
FUNDER = "European Commission"
PROGRAMME = "Horizon Europe"
#: The F&T portal's programme id of Horizon Europe (as in the portal export).
PROGRAMME_CODE = "43108390"

COLUMNS = (
    "ccm2Id",
    "callYear",
    "clusterCode",
    "clusterName",
    "destination",
    "destCode",
    "pubDate",
    "openDate",
    "closeDate",
    "s2Date",
    "status",
    "process",
    "actionType",
    "callId",
    "callTitle",
    "topicId",
    "topicTitle",
)
ALIASES = {name: {search_key(name)} for name in COLUMNS}
REQUIRED = {"topicId": "topicId", "topicTitle": "topicTitle", "closeDate": "closeDate"}

_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\s*\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.I
)


def split_hyperlink(value: object) -> tuple[str, str]:
    """(id, url) from ``=HYPERLINK("url", "ID")`` or from a plain cell value."""
    text = str(value or "").strip()
    if not text:
        return "", ""
    if text.startswith("="):
        match = _HYPERLINK.match(text)
        if not match:
            raise Problem("missing_identifier", fields="topicId (a formula that is not HYPERLINK)")
        url = match[1].replace('""', '"').strip()
        ident = (match[2] or "").replace('""', '"').strip()
        return clean_text(ident or url.rstrip("/").rsplit("/", 1)[-1].upper()), url
    ident = clean_text(text)
    return ident, portal_url(ident)


def _text(row: tuple[Any, ...], columns: dict[str, int], name: str) -> str:
    return clean_text(cell(row, columns, name))


def build_record(
    row: tuple[Any, ...], columns: dict[str, int], position: str
) -> tuple[CallRecord, list[Problem]]:
    problems: list[Problem] = []
    link = attempt(problems, lambda: split_hyperlink(cell(row, columns, "topicId")))
    ident, url = link if link is not None else ("", "")
    action_type = _text(row, columns, "actionType")
    model = deadline_model(cell(row, columns, "process"))
    record = CallRecord(
        position=position,
        source=FORMAT,
        source_id=ident,
        source_url=url,
        call_identifier=_text(row, columns, "callId"),
        title_en=_text(row, columns, "topicTitle"),
        funder=FUNDER,
        programme=PROGRAMME,
        programme_code=PROGRAMME_CODE,
        level="eu",
        instrument="prize" if "prize" in search_key(action_type).split() else "grant",
        action_type=action_type,
        deadline_model=model,
        source_status=_text(row, columns, "status"),
    )
    close = attempt(
        problems, lambda: deadline_from_cell(cell(row, columns, "closeDate"), "closeDate", BRUSSELS)
    )
    second = attempt(
        problems, lambda: deadline_from_cell(cell(row, columns, "s2Date"), "s2Date", BRUSSELS)
    )
    if close is not None:
        record.deadlines.append(CallDeadline(close, stage=1))
    if second is not None:
        record.deadlines.append(CallDeadline(second, stage=2))
        record.deadline_model = "two_stage"
    record.opening_date = attempt(
        problems, lambda: parse_date(cell(row, columns, "openDate"), "openDate")
    )
    published = attempt(problems, lambda: parse_date(cell(row, columns, "pubDate"), "pubDate"))
    extra = {
        "ccm2_id": _text(row, columns, "ccm2Id"),
        "call_year": _text(row, columns, "callYear"),
        "cluster_code": _text(row, columns, "clusterCode"),
        "cluster_name": _text(row, columns, "clusterName"),
        "destination": _text(row, columns, "destination"),
        "destination_code": _text(row, columns, "destCode"),
        "publication_date": published.isoformat() if published else "",
        "call_title": _text(row, columns, "callTitle"),
    }
    record.extra = {k: v for k, v in extra.items() if v}
    return record, problems


def parse_horizon_xlsx(
    src: Source, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParseResult:
    """Parse the Horizon Europe topics workbook (see the module doc)."""
    out = Collector(FORMAT)
    sheets = out.sheets(read_source(src, max_bytes))
    found = False
    for title, rows in sheets:
        header = find_header(rows, ALIASES, REQUIRED)
        found = found or not header.missing
        body = rows[header.row :] if not header.missing else []
        for number, row in enumerate(body, start=header.row + 1):
            if not is_empty(row):
                out.add(*build_record(row, header.columns, sheet_position(number, title)))
    if sheets and not found:
        out.error("file", "no_matching_sheet", columns=", ".join(REQUIRED.values()))
    return out.result
