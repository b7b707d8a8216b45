"""The records every parser produces and the import service consumes.

Positions are human-readable strings: ``"line 214"`` (CSV line, the header is line 1),
``"record 7"`` (the 7th project of an M-LAB ``projects.txt``), ``"row 12"`` (spreadsheet
row of the XLSX template, the header is row 1) or ``"file"`` for the file as a whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

STAGES: tuple[str, ...] = (
    "idea",
    "in_preparation",
    "submitted",
    "approved",
    "rejected",
    "reserve",
    "in_implementation",
    "completed",
    "closed",
    "withdrawn",
)
# Turkish and English labels, for the template notes and for reading labels back.
STAGE_LABELS: dict[str, tuple[str, str]] = {
    "idea": ("Fikir", "Idea"),
    "in_preparation": ("Hazırlanıyor", "In preparation"),
    "submitted": ("Başvuruldu", "Submitted"),
    "approved": ("Kabul edildi", "Approved"),
    "rejected": ("Reddedildi", "Rejected"),
    "reserve": ("Yedek listede", "Reserve list"),
    "in_implementation": ("Uygulanıyor", "In implementation"),
    "completed": ("Tamamlandı", "Completed"),
    "closed": ("Kapandı", "Closed"),
    "withdrawn": ("Geri çekildi", "Withdrawn"),
}
ROLES: tuple[str, ...] = ("coordinator", "partner", "associated", "third_party")
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "coordinator": ("Koordinatör", "Coordinator"),
    "partner": ("Ortak", "Partner"),
    "associated": ("İştirakçi ortak", "Associated partner"),
    "third_party": ("Üçüncü taraf", "Third party"),
}
CURRENCIES: tuple[str, ...] = ("EUR", "TRY")
SOURCES: tuple[str, ...] = ("cordis", "izmir-mlab", "template")
# What ``PartnerRecord.organisation_type`` may hold ("" when not known).
ORGANISATION_TYPES: tuple[str, ...] = ("university", "company", "public_body", "research", "other")


@dataclass
class PartnerRecord:
    name: str
    country: str  # ISO 3166-1 alpha-2; "" only together with country_unknown=True
    role: str  # one of ROLES
    city: str = ""
    nuts3: str = ""
    province_plate: str = ""  # "35": a participant in Turkey whose province is known
    organisation_type: str = ""  # one of ORGANISATION_TYPES or ""
    raw_type: str = ""  # the source's own code (CORDIS HES/PRC/PUB/REC/OTH)
    vat: str = ""
    eu_contribution: Decimal | None = None
    # The source does not state the country (M-LAB partner lists, CORDIS rows whose
    # country code is missing). Never set for a code that is present but unknown:
    # that is a RecordError.
    country_unknown: bool = False
    # How province_plate was found: "nuts3", "city", "name" or "" (not found).
    province_source: str = ""
    pic: str = ""  # CORDIS participant identification code


@dataclass
class ProjectRecord:
    position: str
    source: str  # one of SOURCES
    source_id: str
    acronym: str = ""
    title_en: str = ""
    title_tr: str = ""
    summary_en: str = ""
    summary_tr: str = ""
    programme: str = ""
    funding_scheme: str = ""  # a code ("RIA", "CP-FP") where one is known
    call_identifier: str = ""
    topic: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration_months: int | None = None
    stage: str = ""  # one of STAGES
    total_cost: Decimal | None = None
    grant_amount: Decimal | None = None
    currency: str = "EUR"
    partners: list[PartnerRecord] = field(default_factory=list)
    province_plates: list[str] = field(default_factory=list)
    challenge: str = ""  # M-LAB "Büyük Zorluk"
    source_url: str = ""
    # The funding scheme's title from the CORDIS reference table ("Research and
    # Innovation action"), or the source's own wording when no code is known.
    funding_scheme_title: str = ""
    # Template-only fields (empty for the public sources).
    owner_name: str = ""
    exchange_rate: Decimal | None = None  # TRY per EUR
    exchange_rate_date: dt.date | None = None
    districts: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)


@dataclass
class RecordError:
    position: str
    reason: str

    def __str__(self) -> str:
        return f"{self.position}: {self.reason}"


@dataclass
class ParseResult:
    format: str
    projects: list[ProjectRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


class UnknownFormat(ValueError):
    """The file is none of the formats the parsers know."""


# The kinds of position, in the order of the module docstring.
LINE, RECORD, ROW, FILE = "line", "record", "row", "file"
POSITION_KINDS: tuple[str, ...] = (LINE, RECORD, ROW, FILE)


def line(number: int) -> str:
    return f"{LINE} {number}"


def record(number: int) -> str:
    return f"{RECORD} {number}"


def row(number: int) -> str:
    return f"{ROW} {number}"


def position_parts(position: str) -> tuple[str, int | None] | None:
    """``("line", 14)`` for ``"line 14"``, ``("file", None)`` for ``"file"``; None for
    anything these helpers did not write.

    Positions are stored and compared in this English form; whoever shows them to
    people translates them from the parts (``kopru.projects.importing.position_label``).
    """
    kind, _sep, number = position.partition(" ")
    if kind == FILE and not number:
        return FILE, None
    if kind in (LINE, RECORD, ROW) and number.isdigit() and number.isascii():
        return kind, int(number)
    return None
