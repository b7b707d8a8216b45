"""Funding-call imports: a parser per source and format detection, no database (the
formats and their rules: ``docs/calls-imports.md``).
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
