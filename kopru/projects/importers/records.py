"""The records every parser produces and the import service consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

STAGES = (
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
ROLES = ("coordinator", "partner", "associated", "third_party")


@dataclass
class PartnerRecord:
    name: str
    country: str  # ISO 3166-1 alpha-2 ("" when unknown)
    role: str  # one of ROLES
    city: str = ""
    nuts3: str = ""
    province_plate: str = ""
    organisation_type: str = ""
    raw_type: str = ""
    vat: str = ""
    eu_contribution: Decimal | None = None
    country_unknown: bool = False


@dataclass
class ProjectRecord:
    position: int
    source: str  # "cordis" | "izmir-mlab" | "template"
    source_id: str
    acronym: str = ""
    title_en: str = ""
    title_tr: str = ""
    summary_en: str = ""
    summary_tr: str = ""
    programme: str = ""
    funding_scheme: str = ""
    call_identifier: str = ""
    topic: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration_months: int | None = None
    stage: str = ""
    total_cost: Decimal | None = None
    grant_amount: Decimal | None = None
    currency: str = "EUR"
    partners: list[PartnerRecord] = field(default_factory=list)
    province_plates: list[str] = field(default_factory=list)
    challenge: str = ""
    source_url: str = ""
    # Template-only fields (empty for the public sources).
    owner_name: str = ""
    exchange_rate: Decimal | None = None
    exchange_rate_date: dt.date | None = None
    districts: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)


@dataclass
class RecordError:
    position: int | str  # file line / spreadsheet row (1-based)
    reason: str


@dataclass
class ParseResult:
    format: str
    projects: list[ProjectRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


class UnknownFormat(ValueError):
    """The file is none of the formats the parsers know."""
