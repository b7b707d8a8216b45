"""Announcement lists of Turkish bodies: the development agencies' feed
(``kalkinma-ajanslari``) and AB Başkanlığı's list (``ab-baskanligi``); only the
announcements a rule classifies as calls become records (``docs/calls-imports.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from kopru.core.imports.files import DEFAULT_MAX_BYTES, Source, decode_text, read_source

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
Build = Callable[[Classification], tuple[CallRecord, list[Problem]]]


def _add(out: Collector, position: str, title: str, field: str, build: Build) -> None:
    """A titled announcement as a record when a rule makes it a call, else skipped."""
    if not title:
        out.error(position, "missing_title", fields=field)
        return
    decision = classify_announcement(title)
    if decision.is_funding_call:
        out.add(*build(decision))
    else:
        out.skip(position, f"«{title}» — {decision.reason}")


def _titles(title: str) -> tuple[str, str]:
    """(title_en, title_tr)."""
    return ("", title) if looks_turkish(title) else (title, "")


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
    item: dict[str, Any], position: str, decision: Classification
) -> tuple[CallRecord, list[Problem]]:
    problems = Problems()
    code = clean_text(item.get("agency_code"))
    agency = get_agency(code)
    if agency is None:
        problems.append(Problem("unknown_agency", code=code))
    title = clean_text(item.get("name"))
    title_en, title_tr = _titles(title)
    record = CallRecord(
        position=position,
        source=KA_FORMAT,
        source_id=clean_text(item.get("id")),
        source_url=clean_text(item.get("redirect_url")),
        title_en=title_en,
        title_tr=title_tr,
        funder=agency.name if agency else "",
        programme=decision.rule.programme or programme_hint(title),
        level="regional",
        instrument=decision.instrument,
        currency="TRY",
        agency_code=agency.code if agency else code,
        is_funding_call=True,
        classification_reason=decision.reason,
    )
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
    return record, problems


def parse_kalkinma_ajanslari(
    src: Source, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParseResult:
    """Parse the development agencies' announcement list (see the module doc)."""
    out = Collector(KA_FORMAT)
    text, bad_offset = decode_text(read_source(src, max_bytes))
    found = _ka_items(text, out)
    if found is None:
        return out.result
    document, items, broken = found
    if document.get("state") is False:
        out.error("file", "source_reported_error", state=document.get("state"))
        return out.result
    info = document.get("info")
    if isinstance(info, dict):
        page, pages = info.get("current_page"), info.get("total_page")
        if isinstance(page, int) and isinstance(pages, int) and pages > 1:
            total = info.get("total", "?")
            out.note(
                message("partial_download", page=page, pages=pages, count=len(items), total=total)
            )
    for position, item in out.objects(items, bad_offset):
        title = clean_text(item.get("name"))
        _add(out, position, title, "name", lambda d: _ka_record(item, position, d))  # noqa: B023
    if broken is not None:
        out.json_break(f"record {len(items) + 1}", broken)
    return out.result


# --- AB Başkanlığı --------------------------------------------------------------


def page_id(url: str) -> str:
    """The ab.gov.tr page id: the number after the last ``_`` of the URL."""
    match = _PAGE_ID.search(url.strip())
    return match[1] if match else ""


def _ab_record(
    values: dict[str, str], position: str, decision: Classification
) -> tuple[CallRecord, list[Problem]]:
    problems = Problems()
    url = clean_text(values.get("url"))
    ident = page_id(url)
    if not ident:
        problems.append(Problem("missing_identifier", fields="url (no page id after '_')"))
    title = clean_text(values.get("title"))
    title_en, title_tr = _titles(title)
    summary = to_safe_html(values.get("summary"))
    record = CallRecord(
        position=position,
        source=AB_FORMAT,
        source_id=ident,
        source_url=url,
        title_en=title_en,
        title_tr=title_tr,
        summary_tr=summary if title_tr else "",
        summary_en=summary if title_en else "",
        funder=AB_FUNDER,
        programme=programme_hint(title) or decision.rule.programme,
        level="national",
        instrument=decision.instrument,
        is_funding_call=True,
        classification_reason=decision.reason,
    )
    record.opening_date = problems.read(parse_turkish_date, values.get("date_text"), "date_text")
    if values.get("page_position"):
        record.extra["page_position"] = clean_text(values["page_position"])
    return record, problems


def parse_ab_baskanligi(
    src: Source, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParseResult:
    """Parse AB Başkanlığı's announcement list CSV (see the module doc)."""
    out = Collector(AB_FORMAT)
    for position, values in out.csv_rows(read_source(src, max_bytes), AB_COLUMNS, AB_REQUIRED):
        title = clean_text(values.get("title"))
        _add(out, position, title, "title", lambda d: _ab_record(values, position, d))  # noqa: B023
    return out.result
