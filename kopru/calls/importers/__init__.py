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

from kopru.core.imports.files import FileRefused as ImportFileError
from kopru.core.imports.files import FileTooLarge, UnknownFormat

from ..agencies import DEVELOPMENT_AGENCIES, agency_for_plate, get_agency
from .classification import ANNOUNCEMENT_RULES, classify_announcement, instrument_from_text
from .dispatch import FORMATS, detect_format, parse
from .records import MESSAGES, MESSAGES_TR, CallRecord, ParseResult
from .template import TEMPLATE_COLUMNS, build_template_xlsx

__all__ = [
    "ANNOUNCEMENT_RULES", "DEVELOPMENT_AGENCIES", "FORMATS", "MESSAGES", "MESSAGES_TR",
    "TEMPLATE_COLUMNS", "CallRecord", "FileTooLarge", "ImportFileError", "ParseResult",
    "UnknownFormat", "agency_for_plate", "build_template_xlsx", "classify_announcement",
    "detect_format", "get_agency", "instrument_from_text", "parse",
]  # fmt: skip
