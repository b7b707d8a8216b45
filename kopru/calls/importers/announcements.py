"""Announcement lists of Turkish bodies: the development agencies' common feed
(format ``kalkinma-ajanslari``) and AB Başkanlığı's announcement list (``ab-baskanligi``).

Both mix funding calls with results, trainings, meetings, scholarships, exams and
job adverts. Each title goes through :func:`classify_announcement`; calls become
records (``is_funding_call=True`` with the reason in ``classification_reason``), the
rest go to ``skipped`` with the reason.

Neither source gives an application deadline: ``deadlines`` stays empty and the
announcement date is taken as ``opening_date`` (the call is published that day).

Development agencies (``ka_liste.json``)
    ``{"state": true, "data": [...], "info": {"total", "current_page", "total_page"}}``.
    ``publish_end_date`` is the window during which the feed shows the item, **not** a
    deadline (kept in ``extra``). Level ``regional``; funder = the agency's full name
    from :data:`DEVELOPMENT_AGENCIES` (an unknown ``agency_code`` is an error);
    currency TRY. A file holding one page of several gets a note.
    ``extra``: ``publish_start_date``, ``publish_end_date``, ``image``,
    ``agency_abbreviation``, ``nuts2``, ``plates``.

AB Başkanlığı (``ab-gov-tr-duyurular.csv``)
    ``page_position,date_text,title,url,summary``; dates like ``27 Ağustos, 2026``.
    ``source_id`` = the page id, the number after the last ``_`` of the URL (the URL
    slugs themselves are unreliable). Level ``national``; funder T.C. Dışişleri
    Bakanlığı Avrupa Birliği Başkanlığı. ``extra``: ``page_position``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kopru.core.imports.files import (
    DEFAULT_MAX_BYTES,
    Source,
    decode_text,
    has_bad_bytes,
    read_csv,
    read_source,
    row_values,
)
from kopru.core.text import search_key

from ..agencies import get_agency
from .classification import Classification, classify_announcement, programme_hint
from .cleaning import clean_text, looks_turkish, to_safe_html
from .jsonstream import JsonBreak, iter_json_values
from .records import CallRecord, Collector, ParseResult, Problem, attempt, message
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
AB_REQUIRED = ("date_text", "title", "url")
_PAGE_ID = re.compile(r"_(\d+)(?:\.[a-z]+)?/?(?:[?#].*)?$", re.I)


def _skip_reason(title: str, decision: Classification) -> str:
    return f"«{title}» — {decision.reason}"


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
        if match is None:
            out.error("file", "json_invalid", detail=f"{exc.msg} at line {exc.lineno}")
            return None
        items: list[object] = []
        for value in iter_json_values(text[match.end() :]):
            if isinstance(value, JsonBreak):
                return {}, items, value
            items.append(value)
        out.error("file", "json_invalid", detail=f"{exc.msg} at line {exc.lineno}")
        return {}, items, None
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        out.error("file", "json_shape", detail='expected {"state": ..., "data": [...]}')
        return None
    return document, document["data"], None


def _ka_record(
    item: dict[str, Any], position: str, title: str, decision: Classification
) -> tuple[CallRecord, list[Problem]]:
    problems: list[Problem] = []
    code = clean_text(item.get("agency_code"))
    agency = get_agency(code)
    if agency is None:
        problems.append(Problem("unknown_agency", code=code))
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
    record.opening_date = attempt(
        problems,
        lambda: parse_date(
            item.get("date_to_show") or item.get("publish_start_date"), "date_to_show"
        ),
    )
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
    data = read_source(src, max_bytes)
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
    if isinstance(info, dict):
        page, pages = info.get("current_page"), info.get("total_page")
        if isinstance(page, int) and isinstance(pages, int) and pages > 1:
            out.note(
                message(
                    "partial_download",
                    page=page,
                    pages=pages,
                    count=len(items),
                    total=info.get("total", "?"),
                )
            )
    for number, item in enumerate(items, start=1):
        position = f"record {number}"
        if not isinstance(item, dict):
            out.error(position, "json_not_object", found=type(item).__name__)
            continue
        if bad_offset is not None and has_bad_bytes(item):
            out.error(position, "row_not_utf8")
            continue
        title = clean_text(item.get("name"))
        if not title:
            out.error(position, "missing_title", fields="name")
            continue
        decision = classify_announcement(title)
        if not decision.is_funding_call:
            out.skip(position, _skip_reason(title, decision))
            continue
        record, problems = _ka_record(item, position, title, decision)
        out.add(record, problems)
    if broken is not None:
        position = f"record {len(items) + 1}"
        if broken.truncated:
            out.error(position, "json_truncated")
        else:
            out.error(position, "json_invalid", detail=broken.detail)
    return out.result


# --- AB Başkanlığı --------------------------------------------------------------


def page_id(url: str) -> str:
    """The ab.gov.tr page id: the number after the last ``_`` of the URL."""
    match = _PAGE_ID.search(url.strip())
    return match[1] if match else ""


def read_csv_rows(text: str, out: Collector) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of every row; a broken CSV is reported, not raised."""
    rows, broken = read_csv(text)
    if broken is not None:
        out.error(f"line {broken[0]}", "csv_invalid", detail=broken[1])
    return rows


def map_header(header: list[str], aliases: dict[str, set[str]]) -> dict[str, int]:
    lookup = {alias: name for name, keys in aliases.items() for alias in keys}
    lookup.update({search_key(name): name for name in aliases})
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = lookup.get(search_key(cell))
        if name is not None and name not in columns:
            columns[name] = index
    return columns


def _ab_record(
    values: dict[str, str], position: str, title: str, decision: Classification
) -> tuple[CallRecord, list[Problem]]:
    problems: list[Problem] = []
    url = clean_text(values.get("url"))
    ident = page_id(url)
    if not ident:
        problems.append(Problem("missing_identifier", fields="url (no page id after '_')"))
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
    record.opening_date = attempt(
        problems, lambda: parse_turkish_date(values.get("date_text"), "date_text")
    )
    if values.get("page_position"):
        record.extra["page_position"] = clean_text(values["page_position"])
    return record, problems


def parse_ab_baskanligi(
    src: Source, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParseResult:
    """Parse AB Başkanlığı's announcement list CSV (see the module doc)."""
    data = read_source(src, max_bytes)
    out = Collector(AB_FORMAT)
    text, bad_offset = decode_text(data)
    rows = read_csv_rows(text, out)
    if not rows:
        out.error("line 1", "csv_missing_headers", missing=", ".join(AB_REQUIRED))
        return out.result
    columns = map_header(rows[0][1], AB_COLUMNS)
    missing = [name for name in AB_REQUIRED if name not in columns]
    if missing:
        out.error("line 1", "csv_missing_headers", missing=", ".join(missing))
        return out.result
    for line, row in rows[1:]:
        position = f"line {line}"
        if not any(cell.strip() for cell in row):
            continue
        try:
            values = row_values(row, columns, rows[0][1])
        except Problem as problem:
            out.problems(position, [problem])
            continue
        if bad_offset is not None and has_bad_bytes(row):
            out.error(position, "row_not_utf8")
            continue
        title = clean_text(values.get("title"))
        if not title:
            out.error(position, "missing_title", fields="title")
            continue
        decision = classify_announcement(title)
        if not decision.is_funding_call:
            out.skip(position, _skip_reason(title, decision))
            continue
        record, problems = _ab_record(values, position, title, decision)
        out.add(record, problems)
    return out.result
