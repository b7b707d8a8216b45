"""Funding-call imports: a parser per source and format detection, no database (the
formats and their rules: ``docs/calls-imports.md``).
"""

from __future__ import annotations

from kopru.core.imports.files import FileTooLarge, UnknownFormat

from .classification import ANNOUNCEMENT_RULES, classify_announcement, instrument_from_text
from .dispatch import FORMATS, detect_format, parse
from .records import MESSAGES, MESSAGES_TR, CallRecord, ParseResult
from .template import TEMPLATE_COLUMNS, build_template_xlsx

__all__ = [
    "ANNOUNCEMENT_RULES", "FORMATS", "MESSAGES", "MESSAGES_TR", "TEMPLATE_COLUMNS", "CallRecord",
    "FileTooLarge", "ParseResult", "UnknownFormat", "build_template_xlsx", "classify_announcement",
    "detect_format", "instrument_from_text", "parse",
]  # fmt: skip
