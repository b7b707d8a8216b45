"""CORDIS / Horizon Dashboard participation files: one row per participation.

The rows are grouped into projects by ``project_id`` (a project's rows need not be
adjacent); every row of the file is validated, and with ``turkish_only`` (the default)
only the projects with at least one participant in Turkey are returned. The two
layouts, told apart by the header row (never by the file name), and their quirks are
described in ``data/cordis-h2020-participations/SOURCE.md``:

``cordis-plus`` (``cordis-plus-2014.csv``, dates ``YYYY-MM-DD``)
    ``NA`` is a missing value in *every* column. ``partner_role``: ``Coordinator`` →
    coordinator, ``Participant`` → partner, ``Thirdparty`` → third_party, ``Partner`` →
    associated (H2020 MSCA partner organisations, never funded). ``country_code`` ``NA``
    (342 rows) is a *missing* code: the partner keeps country "" with
    ``country_unknown=True`` (the file's "Namibia" on those rows came from joining the
    missing code: 341 of them have no name either, the other is a British company). The
    EU contribution is ``eu_contribution`` (H2020 rows), else ``ec_contribution``. The
    file has no project title (the acronym stands in as ``title_en``), no city and no
    NUTS-3 code: a Turkish participant's province stays "" unless the caller asks for
    ``province_from_name`` (a province named in the organisation's name).
``dashboard`` (``dashboard-export-2021.csv``, dates ``DD/MM/YYYY``)
    ``country_code`` ``NA`` is **Namibia**; ``NA`` elsewhere, ``-`` (and ``.`` in
    ``legal_entity_vat``) are missing values. ``partner_role`` ``COORDINATOR`` /
    ``PARTICIPANT`` is refined by ``partner_type``: ``BENEFICIARY`` → partner,
    ``THIRDPARTY`` → third_party, ``INTERNATIONAL_PARTNER`` → associated. ``city`` and
    ``nuts_3_code`` place a Turkish participant (``TR310`` → İzmir, 35; else the city name
    against the 81 provinces, then the districts unique in Turkey); ``h2020_total_cost``
    is the participant's share of the costs, summed into ``total_cost``;
    ``simplified_type_of_action`` is mapped back to the funding-scheme code.

Both: country codes are CORDIS (EU) codes mapped to ISO (``EL`` → ``GR``, ``UK`` →
``GB``); ``legal_entity_type`` ``HES``/``PRC``/``PUB``/``REC``/``OTH`` → university /
company / public_body / research / other, the code kept as ``raw_type``; funding-scheme
codes get their title from the reference table; ``signature_date`` and
``call_deadline_date`` are validated but not kept. Dates may be ``YYYY-MM-DD`` or
``DD/MM/YYYY``; anything else, an unknown country code, role or partner type, a bad or
negative amount, an end before the start, a row with the wrong number of fields (a file
cut short) or broken quoting is a bad row at ``"line N"`` (the header is line 1). The
project's stage is *completed* when its end date has passed, else *in implementation*
(CORDIS lists signed grants only).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kopru.core.imports.files import read_csv
from kopru.core.imports.problems import Problem
from kopru.core.text import search_key

from .geo import NUTS3_TO_PLATE, plate_for, plate_in_name
from .records import MESSAGES, ParseResult, PartnerRecord, ProjectRecord, line
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
PROGRAMMES = {
    "HORIZON": "Horizon Europe",
    "HORIZON EUROPE": "Horizon Europe",
    "HE": "Horizon Europe",
}
VAT_NONE = frozenset({"", "-", ".", "NA"})


def layout_of(header: list[str]) -> Layout | None:
    """The layout whose required columns the header has, or None."""
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
    province_from_name: bool = False,
) -> ParseResult:
    """Parse a CORDIS participations file (either layout).

    ``today`` decides completed vs in implementation (default: the current date).
    ``province_from_name``: when a Turkish participant has no usable city or NUTS-3
    code, take the province named in its organisation name (``ISTANBUL TEKNIK
    UNIVERSITESI`` → 34); off by default.
    """
    result = ParseResult(format=FORMAT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = line(data[: exc.start].count(b"\n") + 1)
        result.errors.append(MESSAGES.error(at, "not_utf8", offset=exc.start))
        return result
    rows, broken = read_csv(text, delimiter=",", strict=True)
    if not rows:
        code, detail = ("bad_header", broken[1]) if broken else ("empty_file", "")
        result.errors.append(MESSAGES.error(line(1), code, detail=detail))
        return result
    layout = layout_of(rows[0][1])
    if layout is None:
        result.errors.append(MESSAGES.error(line(1), "unknown_header"))
        return result
    reader = _Reader(layout, rows[0][1], today or dt.date.today(), province_from_name, result)
    for number, cells in rows[1:]:
        if cells:
            reader.read(number, cells)
    if broken:
        result.errors.append(MESSAGES.error(line(broken[0]), "broken_row", detail=broken[1]))
    reader.finish(turkish_only)
    return result


class _Reader:
    """Reads the rows of one file into projects, counting what the stats report."""

    def __init__(
        self, layout: Layout, header: list[str], today: dt.date, from_name: bool, out: ParseResult
    ) -> None:
        self.layout, self.today, self.from_name, self.out = layout, today, from_name, out
        self.col = {name.strip(): i for i, name in enumerate(header)}
        self.width = len(header)
        self.projects: dict[str, ProjectRecord] = {}
        self.costs: dict[str, Decimal] = {}
        self.turkish: set[str] = set()
        self.tr_orgs: set[str] = set()
        self.count: Counter[str] = Counter()

    def cell(self, cells: list[str], name: str, raw: bool = False) -> str:
        """The value of column ``name``; "" when absent (or, unless ``raw``, a placeholder)."""
        value = cells[self.col[name]].strip() if name in self.col else ""
        return "" if not raw and value in self.layout.placeholders else value

    def read(self, number: int, cells: list[str]) -> None:
        """Check one row; add its participant to its project, or report its problems."""
        self.count["rows"] += 1
        position = line(number)
        if len(cells) != self.width:
            code = "truncated_row" if len(cells) < self.width else "too_many_fields"
            self.out.errors.append(
                MESSAGES.error(position, code, found=len(cells), expected=self.width)
            )
            return
        problems: list[tuple[str, Problem]] = []
        dates = {n: self._value(cells, n, parse_date, problems) for n in DATE_COLUMNS}
        amounts = {n: self._value(cells, n, parse_amount, problems) for n in AMOUNT_COLUMNS}
        start, end = dates[self.layout.start], dates[self.layout.end]
        if start and end and end < start:
            shown = {
                k: f"{k}: {self.cell(cells, k, raw=True)}"
                for k in (self.layout.start, self.layout.end)
            }
            problems.append(
                (
                    "",
                    Problem(
                        "end_before_start",
                        start=shown[self.layout.start],
                        end=shown[self.layout.end],
                    ),
                )
            )
        country, unknown = self._country(cells, problems)
        role = self._role(cells, problems)
        project_id = self.cell(cells, "project_id")
        if not project_id:
            problems.append(("project_id", Problem("missing_project_id")))
        if problems:
            self.out.errors.extend(MESSAGES.at(position, p, field) for field, p in problems)
            return
        contribution = amounts["eu_contribution"]
        if contribution is None:
            contribution = amounts["ec_contribution"]
        partner = self._partner(cells, position, country, unknown, role, contribution)
        if partner is not None:
            self._add(
                cells, position, project_id, partner, (start, end), amounts["h2020_total_cost"]
            )

    def _value(
        self, cells: list[str], name: str, parse: Callable[[str], Any], problems: list[Any]
    ) -> Any:
        value = self.cell(cells, name)
        try:
            return parse(value) if value else None
        except Problem as problem:
            problems.append((name, problem))
            return None

    def _country(self, cells: list[str], problems: list[Any]) -> tuple[str, bool]:
        """(ISO code, whether the file does not state it)."""
        raw = self.cell(cells, "country_code", raw=True)
        if raw == "NA" and self.layout.na_is_country:
            return "NA", False
        if raw in self.layout.placeholders:
            return "", True
        iso = iso_from_cordis(raw)
        if iso is None:
            problems.append(("country_code", Problem("unknown_country", value=raw)))
        return iso or "", False

    def _role(self, cells: list[str], problems: list[Any]) -> str:
        raw = self.cell(cells, "partner_role", raw=True)
        role = ROLE_MAP.get(_code_key(raw)) if raw not in self.layout.placeholders else None
        if role is None:
            problems.append(("partner_role", Problem("unknown_role", value=raw)))
            return "partner"
        if "partner_type" not in self.col:
            return role
        raw = self.cell(cells, "partner_type", raw=True)
        typed = (
            PARTNER_TYPE_MAP.get(_code_key(raw)) if raw not in self.layout.placeholders else None
        )
        if typed is None:
            problems.append(("partner_type", Problem("unknown_partner_type", value=raw)))
        return role if typed is None or role == "coordinator" else typed

    def _partner(
        self,
        cells: list[str],
        position: str,
        country: str,
        unknown: bool,
        role: str,
        contribution: Decimal | None,
    ) -> PartnerRecord | None:
        """The row's participant, placed in its Turkish province; None for a bad NUTS-3."""
        name, nuts3, city = (self.cell(cells, c) for c in ("legal_name", "nuts_3_code", "city"))
        self.count["name_missing"] += not name
        self.count["country_missing"] += unknown
        plate = how = ""
        if country == "TR":
            if nuts3.upper().startswith("TR") and nuts3.upper() not in NUTS3_TO_PLATE:
                problem = Problem("unknown_nuts3", value=nuts3)
                self.out.errors.append(MESSAGES.at(position, problem, "nuts_3_code"))
                return None
            plate, how = self._province(cells, name, nuts3, city)
        entity, vat = (
            self.cell(cells, "legal_entity_type"),
            self.cell(cells, "legal_entity_vat", raw=True),
        )
        return PartnerRecord(
            name=name,
            country=country,
            role=role,
            city=city,
            nuts3=nuts3,
            province_plate=plate,
            organisation_type=ORGANISATION_TYPES.get(entity.upper(), ""),
            raw_type=entity,
            vat="" if vat in VAT_NONE else vat,
            eu_contribution=contribution,
            country_unknown=unknown,
            province_source=how,
            pic=self.cell(cells, "pic"),
        )

    def _province(self, cells: list[str], name: str, nuts3: str, city: str) -> tuple[str, str]:
        """(plate, how it was found) of a Turkish participant."""
        self.count["tr_rows"] += 1
        self.turkish.add(self.cell(cells, "project_id"))
        self.tr_orgs.add(self.cell(cells, "pic") or search_key(name))
        plate, how = plate_for(nuts3, city)
        if not plate and self.from_name:
            plate = plate_in_name(name)
            how = "name" if plate else ""
            self.count["tr_province_from_name"] += bool(plate)
        self.count["tr_without_province"] += not plate
        return plate, how

    def _add(
        self,
        cells: list[str],
        position: str,
        project_id: str,
        partner: PartnerRecord,
        dates: tuple[dt.date | None, dt.date | None],
        cost: Decimal | None,
    ) -> None:
        """Add ``partner`` to its project (the first row of a project makes it)."""
        project = self.projects.get(project_id)
        if project is None:
            project = self.projects[project_id] = self._project(cells, position, project_id, *dates)
        project.partners.append(partner)
        if partner.eu_contribution is not None:
            project.grant_amount = (project.grant_amount or Decimal(0)) + partner.eu_contribution
        if cost is not None:
            self.costs[project_id] = self.costs.get(project_id, Decimal(0)) + cost

    def _project(
        self,
        cells: list[str],
        position: str,
        project_id: str,
        start: dt.date | None,
        end: dt.date | None,
    ) -> ProjectRecord:
        acronym, programme = (
            self.cell(cells, "project_acronym"),
            self.cell(cells, "framework_programme"),
        )
        code, scheme_title = funding_scheme(self.cell(cells, self.layout.scheme))
        return ProjectRecord(
            position=position,
            source=FORMAT,
            source_id=project_id,
            acronym=acronym,
            title_en=self.cell(cells, "project_title") or acronym,
            programme=PROGRAMMES.get(programme.upper(), programme),
            funding_scheme=code,
            funding_scheme_title=scheme_title,
            call_identifier=self.cell(cells, "call_id"),
            topic=self.cell(cells, "topic_code"),
            start_date=start,
            end_date=end,
            duration_months=months_between(start, end),
            stage="completed" if end is not None and end < self.today else "in_implementation",
            source_url=self.cell(cells, "cordis_link") or CORDIS_PROJECT_URL.format(id=project_id),
        )

    def finish(self, turkish_only: bool) -> None:
        """The projects to keep (coordinator first, provinces listed), and the stats."""
        for project_id, project in self.projects.items():
            if turkish_only and project_id not in self.turkish:
                continue
            project.total_cost = self.costs.get(project_id)
            project.partners.sort(key=lambda p: p.role != "coordinator")
            plates = {p.province_plate for p in project.partners if p.country == "TR"}
            project.province_plates = sorted(plates - {""})
            self.out.projects.append(project)
        counted = ("rows", "tr_rows", "tr_without_province", "tr_province_from_name",
                   "country_missing", "name_missing")  # fmt: skip
        self.out.stats = {k: self.count[k] for k in counted} | {
            "projects_in_file": len(self.projects),
            "projects": len(self.out.projects),
            "tr_projects": len(self.turkish),
            "tr_organisations": len(self.tr_orgs),
        }
