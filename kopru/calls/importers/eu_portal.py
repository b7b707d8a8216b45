"""EU Funding & Tenders Portal topics (format ``eu-ft-portal``; ``docs/calls-imports.md``)."""

from __future__ import annotations

import re
from typing import Any

from kopru.core.imports.files import decode_text, gunzip, is_gzip
from kopru.core.text import search_key

from ..richtext import to_safe_html
from .cleaning import clean_text
from .jsonstream import read_json_values
from .records import CallDeadline, CallRecord, Collector, ParseResult, Problem, Problems
from .values import BRUSSELS, at_zone, deadline_model, parse_amount, parse_date, parse_int

FORMAT = "eu-ft-portal"
FUNDER = "European Commission"
PORTAL_TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{}"
)
#: programmeId values that are not real programme codes.
PLACEHOLDER_PROGRAMME_IDS = frozenset({"111111"})

#: Headings the portal glues to the previous sentence ("...research.Scope:Size...").
DESCRIPTION_HEADINGS = re.compile(
    r"(?=[EOST])(?<![A-Z])(Objective|Expected Outcomes?|Expected Impact|Specific Challenge|"
    r"Topic scope|Scope)\s*:\s*"
)
_CONDITIONS_DEBRIS = re.compile(r'^[\s"\'>]+')
#: ``extra`` key → the export's field, taken as it is.
_EXTRA = {
    "call_title": "callTitle", "cluster": "cluster", "support_info_en": "supportInfo",
    "cross_cutting_priorities": "crossCuttingPriorities", "qna_url": "qnaUrl",
    "updates_url": "updatesUrl", "documents_url": "documentsUrl",
}  # fmt: skip


#: Identifier prefixes of the EU programmes (topic and call codes start with them).
PROGRAMME_PREFIXES: tuple[tuple[str, str], ...] = (
    ("HORIZON-", "Horizon Europe"), ("ERC-", "Horizon Europe"), ("EURATOM-", "Euratom"),
    ("LIFE-", "LIFE"), ("DIGITAL-", "Digital Europe"), ("CEF-", "Connecting Europe Facility"),
    ("ERASMUS-", "Erasmus+"), ("CERV-", "CERV"), ("EDF-", "European Defence Fund"),
    ("CREA-", "Creative Europe"), ("SMP-", "Single Market Programme"), ("EU4H-", "EU4Health"),
    ("RFCS-", "RFCS"), ("I3-", "Interregional Innovation"), ("EMFAF-", "EMFAF"), ("ESF-", "ESF+"),
    ("ISF-", "ISF"), ("JUST-", "Justice"), ("AMIF-", "AMIF"), ("PERI-", "Pericles IV"),
    ("PPPA-", "Pilot Projects & Preparatory Actions"),
)  # fmt: skip


def programme_from_identifier(identifier: str) -> str:
    """The EU programme a topic or call code belongs to ("" when unknown)."""
    code = identifier.strip().upper()
    return next((name for prefix, name in PROGRAMME_PREFIXES if code.startswith(prefix)), "")


def portal_url(topic_id: str) -> str:
    """The portal's topic page for ``topic_id``."""
    return PORTAL_TOPIC_URL.format(topic_id.strip().lower()) if topic_id.strip() else ""


def _keywords(value: object, *identifiers: str) -> list[str]:
    """The keywords without repeats or the topic's own codes (case-folded: English words)."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    skip = {i.casefold() for i in identifiers if i}
    found: dict[str, str] = {}
    for part in map(clean_text, parts):
        if part and part.casefold() not in skip:
            found.setdefault(part.casefold(), part)
    return list(found.values())


def build_record(obj: dict[str, Any], position: str) -> tuple[CallRecord, list[Problem]]:
    """One portal topic as a :class:`CallRecord` (plus the problems found)."""
    problems = Problems()
    topic_id = clean_text(obj.get("topicId"))
    reference = clean_text(obj.get("reference"))
    call_id = clean_text(obj.get("callIdentifier"))
    action_type = clean_text(obj.get("actionType"))
    types_of_action = clean_text(obj.get("typesOfAction"))
    action_words = set(search_key(f"{action_type} {types_of_action}").split())
    prize = not action_words.isdisjoint({"prize", "prizes"})
    programme_id = clean_text(obj.get("programmeId"))

    record = CallRecord(
        position=position,
        source=FORMAT,
        source_id=topic_id or reference,
        source_url=clean_text(obj.get("portalUrl")) or portal_url(topic_id),
        call_identifier=call_id,
        title_en=clean_text(obj.get("title")),
        summary_en=to_safe_html(obj.get("description"), DESCRIPTION_HEADINGS)
        or to_safe_html(obj.get("objectives"), DESCRIPTION_HEADINGS),
        funder=FUNDER,
        programme=clean_text(obj.get("programme")),
        programme_code="" if programme_id in PLACEHOLDER_PROGRAMME_IDS else programme_id,
        instrument="prize" if prize else "grant",
        action_type=action_type or types_of_action,
        deadline_model=deadline_model(obj.get("deadlineModel")),
        keywords=_keywords(obj.get("keywords"), topic_id, call_id),
        source_status=clean_text(obj.get("callStatus")),
    )

    day = problems.read(parse_date, obj.get("deadline"), "deadline")
    if day is not None:
        record.deadlines = [CallDeadline(at_zone(day, BRUSSELS), stage=1)]
    for name, field in (("grant_min", "budgetMin"), ("grant_max", "budgetMax")):
        setattr(record, name, problems.read(parse_amount, obj.get(field), field))
    record.expected_grants = problems.read(parse_int, obj.get("expectedGrants"), "expectedGrants")

    extra = {key: clean_text(obj.get(name)) for key, name in _EXTRA.items()}
    extra |= {"reference": reference, "types_of_action": types_of_action}
    extra["conditions_en"] = _CONDITIONS_DEBRIS.sub("", clean_text(obj.get("topicConditions")))
    if obj.get("description") and obj.get("objectives"):
        extra["objectives_en"] = to_safe_html(obj.get("objectives"), DESCRIPTION_HEADINGS)
    record.extra = {k: v for k, v in extra.items() if v}
    return record, problems


def parse_eu_portal(data: bytes, _filename: str, max_bytes: int) -> ParseResult:
    """Parse ``open.jsonl.gz`` / ``calls.json`` style exports (see the module doc)."""
    out = Collector(FORMAT)
    complete, gzip_error = True, ""
    if is_gzip(data):
        data, complete, gzip_error = gunzip(data, max_bytes)
    text, bad_offset = decode_text(data)
    values, broken = read_json_values(text)
    for position, value in out.objects(values, bad_offset):
        out.add(*build_record(value, position))
    position = f"record {len(values) + 1}"
    if not complete and gzip_error:
        out.error(position, "gzip_corrupt", detail=gzip_error)
    elif not complete:
        out.error(position, "gzip_truncated", count=len(values))
    elif broken is not None:
        out.json_break(position, broken)
    elif not values and bad_offset is None:
        out.error("file", "json_shape", detail="it contains no call records")
    return out.result
