"""An office's own call report workbook (format ``office-sheet``; ``docs/calls-imports.md``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kopru.core.text import search_key

from .cleaning import clean_text, looks_turkish
from .eu_portal import FUNDER, portal_url, programme_from_identifier
from .records import CallDeadline, CallRecord, Collector, ParseResult, Problem, Problems
from .values import BRUSSELS, deadline_from_cell, parse_amount, parse_date

FORMAT = "office-sheet"

ALIASES: dict[str, set[str]] = {
    "title": {"cagri adi", "cagri", "baslik", "title", "call title", "topic title"},
    "code": {"cagri kodu", "kod", "code", "call code", "call identifier", "topic id"},
    "opening": {"acilis tarihi", "acilis", "opening date"},
    "closing": {"kapanis tarihi", "kapanis", "son basvuru tarihi", "deadline", "closing date"},
    "budget": {"butce", "budget"},
}
REQUIRED = {"title": "Çağrı Adı", "code": "Çağrı Kodu", "closing": "Kapanış Tarihi"}


@dataclass
class _Entry:
    record: CallRecord
    sheets: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)


def _row_record(values: dict[str, Any], position: str) -> tuple[CallRecord, list[Problem]]:
    problems = Problems()
    code, title = clean_text(values.get("code")), clean_text(values.get("title"))
    turkish = looks_turkish(title)
    prize_words = {"prize", "prizes", "award", "awards", "odul", "odulu"}
    is_prize = "PRIZE" in code.upper() or bool(prize_words & set(search_key(title).split()))
    record = CallRecord(
        position=position,
        source=FORMAT,
        source_id=code,
        source_url=portal_url(code),
        call_identifier=code,
        title_en="" if turkish else title,
        title_tr=title if turkish else "",
        funder=FUNDER,
        programme=programme_from_identifier(code),
        instrument="prize" if is_prize else "grant",
    )
    closing = problems.read(deadline_from_cell, values.get("closing"), "Kapanış Tarihi", BRUSSELS)
    if closing is not None:
        record.deadlines = [CallDeadline(closing, stage=1)]
    record.opening_date = problems.read(parse_date, values.get("opening"), "Açılış Tarihi")
    record.grant_min = problems.read(parse_amount, values.get("budget"), "Bütçe")
    return record, problems


def _differences(a: CallRecord, b: CallRecord) -> list[tuple[str, str, str]]:
    pairs = (
        ("Kapanış Tarihi", [d.at for d in a.deadlines], [d.at for d in b.deadlines]),
        ("Açılış Tarihi", a.opening_date, b.opening_date),
        ("Bütçe", a.grant_min, b.grant_min),
    )
    return [(name, _show(old), _show(new)) for name, old, new in pairs if old != new]


def _show(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat(" ", "minutes") if hasattr(value, "hour") else value.isoformat())
    return "" if value is None else str(value)


def parse_office_sheet(data: bytes, *_: object) -> ParseResult:
    """Parse an office call report workbook (see the module doc)."""
    out = Collector(FORMAT)
    entries: dict[tuple[str, str], _Entry] = {}
    for sheet, position, values in out.sheet_rows(data, ALIASES, REQUIRED, every=True):
        record, problems = _row_record(values, position)
        if problems or not record.source_id or not record.title:
            out.add(record, problems)  # reports the problems
        else:
            _merge(out, entries, record, sheet)
    codes = Counter(code for code, _title in entries)
    for entry in entries.values():
        record = entry.record
        if codes[record.call_identifier] > 1:
            digest = hashlib.sha1(search_key(record.title).encode(), usedforsecurity=False)
            record.source_id = f"{record.call_identifier}#{digest.hexdigest()[:8]}"
        record.extra["sheets"] = ", ".join(entry.sheets)
        if entry.also:
            record.extra["also_at"] = "; ".join(entry.also)
        out.add(record)
    return out.result


def _merge(
    out: Collector, entries: dict[tuple[str, str], _Entry], record: CallRecord, sheet: str
) -> None:
    """The first row of a (code, title) makes its entry; a later one that agrees with it
    is noted, one that disagrees is an error."""
    key = (record.call_identifier, search_key(record.title))
    entry = entries.get(key)
    if entry is None:
        entries[key] = _Entry(record, [sheet])
        return
    diffs = _differences(entry.record, record)
    for name, old, new in diffs:
        out.error(
            record.position,
            "duplicate_conflict",
            code=record.call_identifier,
            first=entry.record.position,
            field=name,
            old=old,
            new=new,
        )
    if not diffs:
        entry.also.append(record.position)
        if sheet not in entry.sheets:
            entry.sheets.append(sheet)
