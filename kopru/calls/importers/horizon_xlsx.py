"""The Horizon Europe topics spreadsheet (format ``horizon-europe-xlsx``;
``docs/calls-imports.md``).
"""

from __future__ import annotations

import re
from typing import Any

from kopru.core.text import search_key

from .cleaning import clean_text
from .eu_portal import FUNDER, portal_url
from .records import CallDeadline, CallRecord, Collector, ParseResult, Problem, Problems
from .values import BRUSSELS, deadline_from_cell, deadline_model, parse_date

FORMAT = "horizon-europe-xlsx"
PROGRAMME = "Horizon Europe"
#: The F&T portal's programme id of Horizon Europe (as in the portal export).
PROGRAMME_CODE = "43108390"

COLUMNS = """ccm2Id callYear clusterCode clusterName destination destCode pubDate openDate
    closeDate s2Date status process actionType callId callTitle topicId topicTitle""".split()  # noqa: SIM905
ALIASES = {name: {search_key(name)} for name in COLUMNS}
REQUIRED = {"topicId": "topicId", "topicTitle": "topicTitle", "closeDate": "closeDate"}
#: ``extra`` key → the column, taken as it is.
_EXTRA = {
    "ccm2_id": "ccm2Id", "call_year": "callYear", "cluster_code": "clusterCode",
    "cluster_name": "clusterName", "destination": "destination", "destination_code": "destCode",
    "call_title": "callTitle",
}  # fmt: skip

_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\s*\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.I
)


def split_hyperlink(value: object) -> tuple[str, str]:
    """(id, url) from ``=HYPERLINK("url", "ID")`` or from a plain cell value."""
    text = str(value or "").strip()
    if text.startswith("="):
        match = _HYPERLINK.match(text)
        if not match:
            raise Problem("missing_identifier", fields="topicId (a formula that is not HYPERLINK)")
        url = match[1].replace('""', '"').strip()
        ident = (match[2] or "").replace('""', '"').strip()
        return clean_text(ident or url.rstrip("/").rsplit("/", 1)[-1].upper()), url
    ident = clean_text(text)
    return ident, portal_url(ident)


def build_record(values: dict[str, Any], position: str) -> tuple[CallRecord, list[Problem]]:
    problems = Problems()
    text = {name: clean_text(values.get(name)) for name in COLUMNS}
    ident, url = problems.read(split_hyperlink, values.get("topicId")) or ("", "")
    record = CallRecord(
        position=position,
        source=FORMAT,
        source_id=ident,
        source_url=url,
        call_identifier=text["callId"],
        title_en=text["topicTitle"],
        funder=FUNDER,
        programme=PROGRAMME,
        programme_code=PROGRAMME_CODE,
        instrument="prize" if "prize" in search_key(text["actionType"]).split() else "grant",
        action_type=text["actionType"],
        deadline_model=deadline_model(values.get("process")),
        source_status=text["status"],
    )
    for stage, name in ((1, "closeDate"), (2, "s2Date")):
        at = problems.read(deadline_from_cell, values.get(name), name, BRUSSELS)
        if at is not None:
            record.deadlines.append(CallDeadline(at, stage=stage))
    if any(d.stage == 2 for d in record.deadlines):
        record.deadline_model = "two_stage"
    record.opening_date = problems.read(parse_date, values.get("openDate"), "openDate")
    published = problems.read(parse_date, values.get("pubDate"), "pubDate")
    extra = {key: text[name] for key, name in _EXTRA.items()}
    extra["publication_date"] = published.isoformat() if published else ""
    record.extra = {k: v for k, v in extra.items() if v}
    return record, problems


def parse_horizon_xlsx(data: bytes, *_: object) -> ParseResult:
    """Parse the Horizon Europe topics workbook (see the module doc)."""
    out = Collector(FORMAT)
    for _sheet, position, values in out.sheet_rows(data, ALIASES, REQUIRED):
        out.add(*build_record(values, position))
    return out.result
