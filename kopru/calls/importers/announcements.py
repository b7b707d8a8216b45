"""Announcement lists of Turkish bodies: the development agencies' feed
(``kalkinma-ajanslari``) and AB Başkanlığı's list (``ab-baskanligi``); only the
announcements a rule classifies as calls become records (``docs/calls-imports.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from kopru.core.imports.files import decode_text

from ..agencies import get_agency
from ..richtext import to_safe_html
from .classification import Classification, classify_announcement, programme_hint
from .cleaning import clean_text, looks_turkish
from .jsonstream import JsonBreak, read_json_values
from .records import CallRecord, Collector, ParseResult, Problem, Problems, message
from .values import parse_date, parse_turkish_date

KA_FORMAT = "kalkinma-ajanslari"
AB_FORMAT = "ab-baskanligi"
AB_FUNDER = "T.C. Dışişleri Bakanlığı Avrupa Birliği Başkanlığı"

AB_COLUMNS = {
    "page_position": {"page position"},
    "date_text": {"date text", "date", "tarih"},
    "title": {"title", "baslik"},
    "url": {"url", "link", "baglanti"},
    "summary": {"summary", "ozet"},
}
AB_REQUIRED = {name: name for name in ("date_text", "title", "url")}
_PAGE_ID = re.compile(r"_(\d+)(?:\.[a-z]+)?/?(?:[?#].*)?$", re.I)
Fill = Callable[[CallRecord, Problems, Classification], None]


def _add(out: Collector, position: str, title: str, field: str, fill: Fill) -> None:
    """A titled announcement as a record when a rule makes it a call, else skipped."""
    if not title:
        out.error(position, "missing_title", fields=field)
        return
    decision = classify_announcement(title)
    if not decision.is_funding_call:
        out.result.skipped.append((position, f"«{title}» — {decision.reason}"))
        return
    turkish, problems = looks_turkish(title), Problems()
    record = CallRecord(
        position=position,
        source=out.result.format,
        source_id="",
        title_en="" if turkish else title,
        title_tr=title if turkish else "",
        instrument=decision.instrument,
        classification_reason=decision.reason,
    )
    fill(record, problems, decision)
    out.add(record, problems)


# --- development agencies -------------------------------------------------------


def _ka_items(
    text: str, out: Collector
) -> tuple[dict[str, Any], list[object], JsonBreak | None] | None:
    """The top-level object, its ``data`` items, and where a cut-off file broke."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        match = re.search(r'"data"\s*:\s*(?=\[)', text)
        items, broken = read_json_values(text[match.end() :]) if match else ([], None)
        if broken is None:
            out.error("file", "json_invalid", detail=f"{exc.msg} at line {exc.lineno}")
        return ({}, items, broken) if match else None
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        out.error("file", "json_shape", detail='expected {"state": ..., "data": [...]}')
        return None
    return document, document["data"], None


def _ka_record(
    item: dict[str, Any], record: CallRecord, problems: Problems, decision: Classification
) -> None:
    code = clean_text(item.get("agency_code"))
    agency = get_agency(code)
    if agency is None:
        problems.append(Problem("unknown_agency", code=code))
    record.source_id = clean_text(item.get("id"))
    record.source_url = clean_text(item.get("redirect_url"))
    record.funder = agency.name if agency else ""
    record.programme = decision.rule.programme or programme_hint(record.title)
    record.level, record.currency = "regional", "TRY"
    record.agency_code = agency.code if agency else code
    shown = item.get("date_to_show") or item.get("publish_start_date")
    record.opening_date = problems.read(parse_date, shown, "date_to_show")
    extra = {
        "publish_start_date": clean_text(item.get("publish_start_date")),
        "publish_end_date": clean_text(item.get("publish_end_date")),
        "image": clean_text(item.get("image")),
        "agency_abbreviation": agency.abbreviation if agency else "",
        "nuts2": agency.nuts2 if agency else "",
        "plates": ",".join(agency.plates) if agency else "",
    }
    record.extra = {k: v for k, v in extra.items() if v}


def parse_kalkinma_ajanslari(data: bytes, *_: object) -> ParseResult:
    """Parse the development agencies' announcement list (see the module doc)."""
    out = Collector(KA_FORMAT)
    text, bad_offset = decode_text(data)
    found = _ka_items(text, out)
    if found is None:
        return out.result
    document, items, broken = found
    if document.get("state") is False:
        out.error("file", "source_reported_error", state=document.get("state"))
        return out.result
    info = document.get("info")
    info = info if isinstance(info, dict) else {}
    page, pages = info.get("current_page"), info.get("total_page")
    if isinstance(page, int) and isinstance(pages, int) and pages > 1:
        total = info.get("total", "?")
        note = message("partial_download", page=page, pages=pages, count=len(items), total=total)
        out.result.notes.append(note)
    for position, item in out.objects(items, bad_offset):
        title = clean_text(item.get("name"))
        _add(out, position, title, "name", partial(_ka_record, item))
    if broken is not None:
        out.json_break(f"record {len(items) + 1}", broken)
    return out.result


# --- AB Başkanlığı --------------------------------------------------------------


def page_id(url: str) -> str:
    """The ab.gov.tr page id: the number after the last ``_`` of the URL."""
    match = _PAGE_ID.search(url.strip())
    return match[1] if match else ""


def _ab_record(
    values: dict[str, str], record: CallRecord, problems: Problems, decision: Classification
) -> None:
    record.source_url = clean_text(values.get("url"))
    record.source_id = page_id(record.source_url)
    if not record.source_id:
        problems.append(Problem("missing_identifier", fields="url (no page id after '_')"))
    summary = to_safe_html(values.get("summary"))
    record.summary_tr, record.summary_en = (summary, "") if record.title_tr else ("", summary)
    record.funder, record.level = AB_FUNDER, "national"
    record.programme = programme_hint(record.title) or decision.rule.programme
    record.opening_date = problems.read(parse_turkish_date, values.get("date_text"), "date_text")
    if values.get("page_position"):
        record.extra["page_position"] = clean_text(values["page_position"])


def parse_ab_baskanligi(data: bytes, *_: object) -> ParseResult:
    """Parse AB Başkanlığı's announcement list CSV (see the module doc)."""
    out = Collector(AB_FORMAT)
    for position, values in out.csv_rows(data, AB_COLUMNS, AB_REQUIRED):
        title = clean_text(values.get("title"))
        _add(out, position, title, "title", partial(_ab_record, values))
    return out.result
