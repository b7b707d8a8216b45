"""CORDIS / Horizon Dashboard participation files (format ``cordis``), both layouts; their
rules are in ``docs/projects-imports.md``, their quirks in the data's ``SOURCE.md``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kopru.core.imports.files import read_csv
from kopru.core.imports.problems import Problem
from kopru.core.text import search_key
from kopru.geo.places import NUTS3_TO_PLATE, plate_for, plate_in_name

from .records import MESSAGES, ParseResult, PartnerRecord, ProjectRecord, decode
from .reference import funding_scheme, iso_from_cordis
from .values import months_between, parse_amount, parse_date

FORMAT = "cordis"
CORDIS_PROJECT_URL = "https://cordis.europa.eu/project/id/{id}"


@dataclass(frozen=True)
class Layout:
    name: str
    required: tuple[str, ...]
    start: str
    end: str
    scheme: str
    na_is_country: bool  # "NA" in country_code is Namibia (not a missing value)
    placeholders: frozenset[str]  # values meaning "none" outside country_code


_ROLES = ("project_id", "partner_role")
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "dashboard",
        (*_ROLES, "partner_type", "legal_name", "country_code", "project_start_date",
         "project_end_date"),
        "project_start_date", "project_end_date", "simplified_type_of_action", True,
        frozenset({"", "NA", "-"}),
    ),
    Layout(
        "cordis-plus",
        (*_ROLES, "legal_name", "country_code", "start_date", "end_date"),
        "start_date", "end_date", "funding_scheme", False, frozenset({"", "NA"}),
    ),
)  # fmt: skip
DATE_COLUMNS = ("start_date", "end_date", "project_start_date", "project_end_date",
                "signature_date", "call_deadline_date")  # fmt: skip
AMOUNT_COLUMNS = ("eu_contribution", "ec_contribution", "h2020_total_cost")
ROLE_MAP = {
    "coordinator": "coordinator", "participant": "partner", "beneficiary": "partner",
    "partner": "associated", "associatedpartner": "associated",
    "internationalpartner": "associated", "thirdparty": "third_party",
}  # fmt: skip
PARTNER_TYPE_MAP = {
    "beneficiary": "partner", "thirdparty": "third_party",
    "internationalpartner": "associated", "associatedpartner": "associated",
}  # fmt: skip
ORGANISATION_TYPES = {
    "HES": "university", "PRC": "company", "PUB": "public_body", "REC": "research",
    "OTH": "other",
}  # fmt: skip
PROGRAMMES = dict.fromkeys(("HORIZON", "HORIZON EUROPE", "HE"), "Horizon Europe")


def layout_of(header: list[str]) -> Layout | None:
    names = {h.strip() for h in header}
    return next((lay for lay in LAYOUTS if all(c in names for c in lay.required)), None)


@lru_cache(maxsize=64)
def _code_key(value: str) -> str:
    return search_key(value).replace(" ", "")


def parse_cordis(
    data: bytes,
    *,
    turkish_only: bool = True,
    today: dt.date | None = None,
) -> ParseResult:
    """``today`` decides completed vs in implementation (default: the current date). A
    Turkish participant without a usable city or NUTS-3 code takes the province its
    organisation's name gives, so that its project reaches that province's office;
    ``turkish_only``: only the projects with a participant in Turkey."""
    result = ParseResult(format=FORMAT)
    text = decode(data, result)
    if text is None:
        return result
    rows, broken = read_csv(text, delimiter=",", strict=True)
    if not rows:
        code, detail = ("bad_header", broken[1]) if broken else ("empty_file", "")
        result.errors.append(MESSAGES.error("line 1", code, detail=detail))
        return result
    layout = layout_of(rows[0][1])
    if layout is None:
        result.errors.append(MESSAGES.error("line 1", "unknown_header"))
        return result
    reader = _Reader(layout, rows[0][1], today or dt.date.today(), result)
    for number, cells in rows[1:]:
        if cells:
            reader.read(number, cells)
    if broken:
        result.errors.append(MESSAGES.error(f"line {broken[0]}", "broken_row", detail=broken[1]))
    reader.finish(turkish_only)
    return result


class _Reader:
    """Reads the rows of one file into projects."""

    def __init__(self, layout: Layout, header: list[str], today: dt.date, out: ParseResult) -> None:
        self.layout, self.today, self.out = layout, today, out
        self.col = {name.strip(): i for i, name in enumerate(header)}
        self.width = len(header)
        self.projects: dict[str, ProjectRecord] = {}
        self.turkish: set[str] = set()

    def read(self, number: int, cells: list[str]) -> None:
        """Check one row; add its participant to its project, or report its problems."""
        position = f"line {number}"
        if len(cells) != self.width:
            code = "truncated_row" if len(cells) < self.width else "too_many_fields"
            error = MESSAGES.error(position, code, found=len(cells), expected=self.width)
            self.out.errors.append(error)
            return
        raw = {name: cells[i].strip() for name, i in self.col.items()}
        row = {k: "" if v in self.layout.placeholders else v for k, v in raw.items()}
        problems: list[tuple[str, Problem]] = []

        def value(name: str, parse: Callable[[str], Any]) -> Any:
            try:
                return parse(row[name]) if row.get(name) else None
            except Problem as problem:
                problems.append((name, problem))
                return None

        dates = {n: value(n, parse_date) for n in DATE_COLUMNS}
        amounts = {n: value(n, parse_amount) for n in AMOUNT_COLUMNS}
        start, end = dates[self.layout.start], dates[self.layout.end]
        if start and end and end < start:
            shown = [f"{k}: {raw[k]}" for k in (self.layout.start, self.layout.end)]
            problems.append(("", Problem("end_before_start", start=shown[0], end=shown[1])))
        country = self._country(raw["country_code"], problems)
        role = self._role(raw, problems)
        if not row["project_id"]:
            problems.append(("project_id", Problem("missing_project_id")))
        if problems:
            self.out.errors.extend(MESSAGES.at(position, p, field) for field, p in problems)
            return
        eu, ec = amounts["eu_contribution"], amounts["ec_contribution"]
        contribution = eu if eu is not None else ec
        name, nuts3, city = (row.get(c, "") for c in ("legal_name", "nuts_3_code", "city"))
        plate = ""
        if country == "TR":
            if nuts3.upper().startswith("TR") and nuts3.upper() not in NUTS3_TO_PLATE:
                problem = Problem("unknown_nuts3", value=nuts3)
                self.out.errors.append(MESSAGES.at(position, problem, "nuts_3_code"))
                return
            self.turkish.add(row["project_id"])
            plate = plate_for(nuts3, city)[0] or plate_in_name(name)
        entity = row.get("legal_entity_type", "")
        partner = PartnerRecord(
            name=name,
            country=country,
            role=role,
            city=city,
            province_plate=plate,
            organisation_type=ORGANISATION_TYPES.get(entity.upper(), entity),
            eu_contribution=contribution,
        )
        project = self.projects.get(row["project_id"])
        if project is None:
            project = self.projects[row["project_id"]] = self._project(row, position, start, end)
        project.partners.append(partner)
        if contribution is not None:
            project.grant_amount = (project.grant_amount or Decimal(0)) + contribution
        if (cost := amounts["h2020_total_cost"]) is not None:
            project.total_cost = (project.total_cost or Decimal(0)) + cost

    def _country(self, raw: str, problems: list[Any]) -> str:
        """The ISO code; "" when the file does not state it."""
        if raw == "NA" and self.layout.na_is_country:
            return "NA"
        if raw in self.layout.placeholders:
            return ""
        iso = iso_from_cordis(raw)
        if iso is None:
            problems.append(("country_code", Problem("unknown_country", value=raw)))
        return iso or ""

    def _role(self, raw: dict[str, str], problems: list[Any]) -> str:
        role = self._code(raw, "partner_role", ROLE_MAP, "unknown_role", problems)
        if role is None or "partner_type" not in raw:
            return role or "partner"
        typed = self._code(raw, "partner_type", PARTNER_TYPE_MAP, "unknown_partner_type", problems)
        return role if typed is None or role == "coordinator" else typed

    def _code(
        self, raw: dict[str, str], name: str, table: dict[str, str], code: str, problems: list[Any]
    ) -> str | None:
        value = raw[name]
        found = table.get(_code_key(value)) if value not in self.layout.placeholders else None
        if found is None:
            problems.append((name, Problem(code, value=value)))
        return found

    def _project(
        self, row: dict[str, str], position: str, start: dt.date | None, end: dt.date | None
    ) -> ProjectRecord:
        project_id, acronym = row["project_id"], row.get("project_acronym", "")
        programme = row.get("framework_programme", "")
        return ProjectRecord(
            position=position,
            source=FORMAT,
            source_id=project_id,
            acronym=acronym,
            title_en=row.get("project_title") or acronym,
            programme=PROGRAMMES.get(programme.upper(), programme),
            funding_scheme=funding_scheme(row.get(self.layout.scheme, "")),
            call_identifier=row.get("call_id", ""),
            topic=row.get("topic_code", ""),
            start_date=start,
            end_date=end,
            duration_months=months_between(start, end),
            stage="completed" if end is not None and end < self.today else "in_implementation",
            source_url=row.get("cordis_link") or CORDIS_PROJECT_URL.format(id=project_id),
        )

    def finish(self, turkish_only: bool) -> None:
        """The projects to keep (coordinator first, provinces listed)."""
        for project_id, project in self.projects.items():
            if turkish_only and project_id not in self.turkish:
                continue
            project.partners.sort(key=lambda p: p.role != "coordinator")
            plates = {p.province_plate for p in project.partners if p.country == "TR"}
            project.province_plates = sorted(plates - {""})
            self.out.projects.append(project)
