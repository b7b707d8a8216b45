"""Funding-call imports: parsers, one per source, and format detection (no database).

Entry points::

    from kopru.calls.importers import parse, detect_format

    result = parse(uploaded_bytes, "open.jsonl.gz")   # ParseResult
    result.records   # list[CallRecord] - validated, ready to upsert by (source, source_id)
    result.errors    # list[RecordError] - position + reason (+ code/params for i18n)
    result.skipped   # [(position, why)] - announcements that are not calls
    result.notes     # facts about the file (e.g. "page 1 of 6")

Formats (:data:`FORMATS`): ``eu-ft-portal``, ``horizon-europe-xlsx``, ``office-sheet``,
``kalkinma-ajanslari``, ``ab-baskanligi``, ``template``. Each parser module documents
its source's quirks; :mod:`.values` documents the deadline time rules (EU: 17:00
Europe/Brussels when only a date is given; Turkish sources: 23:59 Europe/Istanbul);
:mod:`.classification` documents how announcements are recognised as calls.
"""

from __future__ import annotations

from kopru.core.imports.files import DEFAULT_MAX_BYTES, FileTooLarge, UnknownFormat
from kopru.core.imports.files import FileRefused as ImportFileError
from kopru.core.imports.problems import RecordError

from .agencies import DEVELOPMENT_AGENCIES, DevelopmentAgency, agency_for_plate, get_agency
from .announcements import parse_ab_baskanligi, parse_kalkinma_ajanslari
from .classification import (
    ANNOUNCEMENT_RULES,
    AnnouncementRule,
    Classification,
    classify_announcement,
    instrument_from_text,
)
from .dispatch import FORMATS, PARSERS, detect_format, parse
from .eu_portal import parse_eu_portal
from .horizon_xlsx import parse_horizon_xlsx
from .office_sheet import parse_office_sheet
from .records import (
    DEADLINE_MODELS,
    INSTRUMENTS,
    LEVELS,
    MESSAGES,
    MESSAGES_TR,
    SOURCES,
    CallDeadline,
    CallRecord,
    ParseResult,
)
from .template import TEMPLATE_COLUMNS, TemplateColumn, build_template_xlsx, parse_template

__all__ = [
    "ANNOUNCEMENT_RULES",
    "DEADLINE_MODELS",
    "DEFAULT_MAX_BYTES",
    "DEVELOPMENT_AGENCIES",
    "FORMATS",
    "INSTRUMENTS",
    "LEVELS",
    "MESSAGES",
    "MESSAGES_TR",
    "PARSERS",
    "SOURCES",
    "TEMPLATE_COLUMNS",
    "AnnouncementRule",
    "CallDeadline",
    "CallRecord",
    "Classification",
    "DevelopmentAgency",
    "FileTooLarge",
    "ImportFileError",
    "ParseResult",
    "RecordError",
    "TemplateColumn",
    "UnknownFormat",
    "agency_for_plate",
    "build_template_xlsx",
    "classify_announcement",
    "detect_format",
    "get_agency",
    "instrument_from_text",
    "parse",
    "parse_ab_baskanligi",
    "parse_eu_portal",
    "parse_horizon_xlsx",
    "parse_kalkinma_ajanslari",
    "parse_office_sheet",
    "parse_template",
]
