"""The normalised record every call parser produces, and its validation.

Nothing here needs Django: the parsers run in a plain Python process (and in tests
without settings). The Django layer turns :class:`CallRecord` into model rows.

Errors are plain English strings built from :data:`MESSAGES`; each
:class:`RecordError` also carries the message ``code`` and its ``params`` so the
Django layer can show a translated text (``_(MESSAGES[code]).format(**params)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Final

SOURCES: Final = (
    "eu-ft-portal",
    "horizon-europe-xlsx",
    "office-sheet",
    "kalkinma-ajanslari",
    "ab-baskanligi",
    "template",
)
LEVELS: Final = ("eu", "national", "regional", "local")
INSTRUMENTS: Final = ("grant", "credit", "interest_free_credit", "technical_support", "prize")
DEADLINE_MODELS: Final = ("single_stage", "two_stage", "multiple_cutoff", "")

#: Every reason a record or a file can be refused, as a ``str.format`` template.
#: Keys are stable codes; the Django layer marks the values for translation.
MESSAGES: Final[dict[str, str]] = {
    # whole file
    "file_too_large": "The file is larger than the limit of {limit} bytes.",
    "unknown_format": (
        "The file '{filename}' is not in a format Köprü can import ({detail}). Accepted: the "
        "EU Funding & Tenders export (.json / .jsonl.gz), the Horizon Europe topics sheet, "
        "the office's call report workbook, the development agencies' announcement list "
        "(.json), the AB Başkanlığı announcement list (.csv) and the Köprü call template "
        "(.xlsx / .csv)."
    ),
    "not_utf8": (
        "The file is not UTF-8 text (first bad byte at offset {offset}). Save it as "
        "'CSV UTF-8' or UTF-8 JSON and try again."
    ),
    "gzip_truncated": (
        "The compressed file is cut off: it ends before the end of its data. "
        "{count} complete record(s) before this point were read."
    ),
    "gzip_corrupt": "The compressed file is damaged ({detail}).",
    "json_truncated": (
        "The file ends in the middle of this record (the file looks cut off); "
        "the records before it were read."
    ),
    "json_invalid": (
        "This record is not valid JSON ({detail}); nothing after this point can be read."
    ),
    "json_not_object": "Expected a JSON object for this record, found {found}.",
    "json_shape": "The file is JSON but not in the expected shape: {detail}.",
    "source_reported_error": "The file says the source returned an error (state = {state}).",
    "partial_download": (
        "This file is page {page} of {pages} ({count} of {total} announcements); "
        "the other pages are not in it."
    ),
    "not_xlsx": "The file is not a readable Excel (.xlsx) workbook ({detail}).",
    "no_matching_sheet": "No sheet of the workbook has the columns {columns}.",
    "sheet_missing_headers": "Sheet '{sheet}' does not have the required columns: {missing}.",
    "csv_missing_headers": "The first line does not have the required columns: {missing}.",
    "csv_invalid": "The CSV text cannot be read here ({detail}).",
    "internal_error": "The file could not be read because of an unexpected problem ({detail}).",
    # one record
    "row_not_utf8": "This record contains bytes that are not valid UTF-8 text.",
    "missing_identifier": "The record has no identifier ({fields}).",
    "missing_title": "The record has no title ({fields}).",
    "missing_value": "The required column '{field}' is empty.",
    "bad_date": "'{value}' in '{field}' is not a valid date (expected {expected}).",
    "bad_datetime": "'{value}' in '{field}' is not a valid date and time (expected {expected}).",
    "bad_number": "'{value}' in '{field}' is not a number.",
    "bad_integer": "'{value}' in '{field}' is not a whole number.",
    "negative_amount": "'{field}' is negative ({value}).",
    "min_above_max": "The minimum grant ({minimum}) is larger than the maximum grant ({maximum}).",
    "bad_rate": "The co-financing rate {value} is not between 0 and 100 (per cent).",
    "bad_choice": "'{value}' is not a valid value for '{field}'; use one of: {choices}.",
    "bad_timezone": (
        "'{value}' is not a known time zone; use for example Europe/Istanbul or Europe/Brussels."
    ),
    "bad_url": "'{value}' in '{field}' is not a web address (it must start with http:// or https://).",
    "stage_order": (
        "The second-stage deadline ({second}) is not after the first-stage deadline ({first})."
    ),
    "deadline_count": "A {model} call cannot have {count} deadlines.",
    "deadline_naive": "A deadline has no time zone (internal error in the parser).",
    "unknown_agency": "'{code}' is not the code of a Turkish development agency.",
    "duplicate_id": "The identifier '{source_id}' was already used at {first}.",
    "duplicate_conflict": (
        "Call '{code}' already appeared at {first} with a different {field}: "
        "'{old}' there, '{new}' here."
    ),
    # skipped rows
    "example_row": "The example row of the template (not imported).",
}


@dataclass
class CallDeadline:
    """One dated deadline (always time-zone aware)."""

    at: datetime
    stage: int = 1
    label: str = ""


@dataclass
class CallRecord:
    """A funding call as read from one source, before it becomes a model row.

    ``summary_en`` / ``summary_tr`` are HTML fragments already sanitised (tags p, ul,
    ol, li, strong, em, a[href], br). ``cofinancing_rate`` is a percentage (0-100).
    ``extra`` holds source-specific facts that have no field of their own (the EU
    portal's cluster, conditions, Q&A link...); keys are documented per parser.
    """

    position: str
    source: str
    source_id: str
    source_url: str = ""
    call_identifier: str = ""
    title_en: str = ""
    title_tr: str = ""
    summary_en: str = ""
    summary_tr: str = ""
    funder: str = ""
    programme: str = ""
    programme_code: str = ""
    level: str = "eu"
    instrument: str = "grant"
    action_type: str = ""
    deadline_model: str = ""
    deadlines: list[CallDeadline] = field(default_factory=list)
    opening_date: date | None = None
    budget_total: Decimal | None = None
    grant_min: Decimal | None = None
    grant_max: Decimal | None = None
    expected_grants: int | None = None
    cofinancing_rate: Decimal | None = None
    currency: str = "EUR"
    keywords: list[str] = field(default_factory=list)
    agency_code: str = ""
    source_status: str = ""
    is_funding_call: bool = True
    classification_reason: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The title to show when the language does not matter."""
        return self.title_tr or self.title_en


@dataclass
class RecordError:
    """A record (or the file, position ``"file"``) that could not be imported."""

    position: str
    reason: str
    code: str = ""
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class ParseResult:
    format: str
    records: list[CallRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    #: (position, why) for announcements that are not funding calls.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Facts about the whole file worth showing (e.g. "page 1 of 6"); not errors.
    notes: list[str] = field(default_factory=list)


class Problem(Exception):
    """One thing wrong with a record; becomes a :class:`RecordError`."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(message(code, **self.params))

    def at(self, position: str) -> RecordError:
        return RecordError(position, message(self.code, **self.params), self.code, self.params)


def message(code: str, /, **params: object) -> str:
    """The English text of message ``code``."""
    return MESSAGES[code].format(**params)


def record_error(position: str, code: str, /, **params: object) -> RecordError:
    return Problem(code, **params).at(position)


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def validate_record(record: CallRecord) -> list[Problem]:
    """Every problem of a finished record (an empty list when it is fine)."""
    problems: list[Problem] = []
    if not record.source_id.strip():
        problems.append(Problem("missing_identifier", fields="source_id / call identifier"))
    if not (record.title_en.strip() or record.title_tr.strip()):
        problems.append(Problem("missing_title", fields="title_en / title_tr"))
    for name in ("budget_total", "grant_min", "grant_max"):
        value = getattr(record, name)
        if value is not None and value < 0:
            problems.append(Problem("negative_amount", field=name, value=_amount(value)))
    if record.expected_grants is not None and record.expected_grants < 0:
        problems.append(
            Problem("negative_amount", field="expected_grants", value=record.expected_grants)
        )
    if (
        record.grant_min is not None
        and record.grant_max is not None
        and record.grant_min >= 0
        and record.grant_min > record.grant_max
    ):
        problems.append(
            Problem(
                "min_above_max",
                minimum=_amount(record.grant_min),
                maximum=_amount(record.grant_max),
            )
        )
    if record.cofinancing_rate is not None and not 0 <= record.cofinancing_rate <= 100:
        problems.append(Problem("bad_rate", value=record.cofinancing_rate))
    for name, allowed in (
        ("level", LEVELS),
        ("instrument", INSTRUMENTS),
        ("deadline_model", DEADLINE_MODELS),
        ("source", SOURCES),
    ):
        value = getattr(record, name)
        if value not in allowed:
            choices = ", ".join(a for a in allowed if a)
            problems.append(Problem("bad_choice", value=value, field=name, choices=choices))
    if any(d.at.tzinfo is None or d.at.utcoffset() is None for d in record.deadlines):
        problems.append(Problem("deadline_naive"))
    else:
        firsts = [d.at for d in record.deadlines if d.stage == 1]
        seconds = [d.at for d in record.deadlines if d.stage == 2]
        if firsts and seconds and max(firsts) >= min(seconds):
            problems.append(
                Problem(
                    "stage_order",
                    first=max(firsts).isoformat(" ", "minutes"),
                    second=min(seconds).isoformat(" ", "minutes"),
                )
            )
    return problems
