"""CORDIS / Horizon Dashboard participation files (one row per participation).

Two layouts, told apart by their header:

``cordis-plus-2014`` (``project_id, pic, partner_role, ...``) — columns used:
project_id, partner_role (Participant/Coordinator/Thirdparty/Partner), legal_name,
legal_entity_type, country_code, country, ec_contribution (eu_contribution when
missing), project_acronym, topic_code, framework_programme, start_date, end_date,
funding_scheme. ``NA`` is a missing value everywhere; a ``NA`` country code is only
Namibia when the ``country`` column says so. The file has no title (the acronym is
used), no city and no NUTS code: a Turkish participant's province is taken from a
province name in its organisation name, otherwise it stays "" (stats
``tr_without_province``).

``dashboard`` (``framework_programme, call_id, topic_code, ...``) — columns used:
framework_programme, call_id, topic_code, project_id, cordis_link, project_acronym,
project_title, partner_role (UPPERCASE), partner_type (BENEFICIARY / THIRDPARTY /
INTERNATIONAL_PARTNER), legal_entity_vat (``-``/``.`` = none), legal_name,
legal_entity_type, city, nuts_3_code, country_code (``NA`` = Namibia), eu_contribution,
h2020_total_cost, project_start_date, project_end_date, simplified_type_of_action.

Dates may be ``YYYY-MM-DD`` or ``DD/MM/YYYY`` in either layout; anything else is an
error with the line number. Country codes are EU codes mapped through the CORDIS
reference table (``EL`` → ``GR``, ``UK`` → ``GB``); an unknown code is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kopru.core.datafiles import data_file
from kopru.core.text import search_key

from .geo import plate_for, plate_in_name
from .records import ParseResult, PartnerRecord, ProjectRecord, RecordError

COUNTRIES_FILE = "cordis-h2020-participations/cordisref-countries.csv"
LAYOUT_2014 = "cordis-plus"
LAYOUT_DASHBOARD = "dashboard"
REQUIRED = {
    LAYOUT_2014: ("project_id", "partner_role", "legal_name", "country_code", "start_date"),
    LAYOUT_DASHBOARD: (
        "project_id",
        "partner_role",
        "legal_name",
        "country_code",
        "project_start_date",
        "nuts_3_code",
    ),
}
ROLE_MAP = {
    "coordinator": "coordinator",
    "participant": "partner",
    "partner": "partner",
    "beneficiary": "partner",
    "thirdparty": "third_party",
    "third party": "third_party",
    "international partner": "associated",
    "associated partner": "associated",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EU_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


@lru_cache(maxsize=1)
def eu_countries() -> dict[str, str]:
    """``{CORDIS (EU) country code: ISO code}`` from the CORDIS reference table."""
    text = data_file(COUNTRIES_FILE).read_text(encoding="utf-8-sig")
    table: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        if row.get("language") != "en":
            continue
        eu = (row.get("euCode") or "").strip().upper()
        iso = (row.get("isoCode") or "").strip().upper()
        if eu:
            table[eu] = iso if iso and iso != "NULL" else eu
    return table


def layout_of(header: list[str]) -> str | None:
    names = {h.strip() for h in header}
    for layout, required in REQUIRED.items():
        if all(c in names for c in required):
            return layout
    return None


def parse_date(value: str) -> dt.date:
    value = value.strip()
    if _ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    if _EU_DATE.match(value):
        day, month, year = value.split("/")
        return dt.date(int(year), int(month), int(day))
    raise ValueError(value)


def _missing(value: str | None) -> bool:
    return value is None or value.strip() in ("", "NA")


def _no_amount(value: str | None) -> bool:
    return _missing(value) or str(value).strip() in ("-", ".")


def _decimal(value: str | None) -> Decimal | None:
    if _no_amount(value):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(value) from None


def _months(start: dt.date | None, end: dt.date | None) -> int | None:
    if not start or not end:
        return None
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day >= start.day - 1:
        months += 1
    return max(months, 0)


def parse_cordis(
    data: bytes, *, turkish_only: bool = True, today: dt.date | None = None
) -> ParseResult:
    today = today or dt.date.today()
    result = ParseResult(format="cordis")
    errors = result.errors
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(RecordError(1, f"Dosya UTF-8 değil: {exc}"))
        return result
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        errors.append(RecordError(1, "Başlık satırı yok."))
        return result
    layout = layout_of(header)
    if layout is None:
        errors.append(RecordError(1, "Tanınmayan CORDIS başlık satırı."))
        return result
    dashboard = layout == LAYOUT_DASHBOARD
    col = {name.strip(): i for i, name in enumerate(header)}
    width = len(header)
    countries = eu_countries()

    def get(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i].strip() if i is not None else ""

    projects: dict[str, ProjectRecord] = {}
    costs: dict[str, Decimal] = {}
    has_turkish: set[str] = set()
    rows = tr_rows = tr_without_province = country_missing = 0
    tr_orgs: set[str] = set()
    start_col = "project_start_date" if dashboard else "start_date"
    end_col = "project_end_date" if dashboard else "end_date"
    # Every date column is checked, even those not kept.
    date_cols = [start_col, end_col] + [
        c for c in ("signature_date", "call_deadline_date") if c in col
    ]
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RecordError(reader.line_num, f"Bozuk CSV satırı: {exc}"))
            break
        line = reader.line_num
        if not row:
            continue
        rows += 1
        if len(row) != width:
            errors.append(RecordError(line, f"Satırda {len(row)} alan var, {width} bekleniyordu."))
            continue
        row_ok = True
        # Country
        code = get(row, "country_code").upper()
        if not dashboard and code == "NA" and get(row, "country") != "Namibia":
            code = ""
        country = ""
        if code:
            iso = countries.get(code)
            if iso is None:
                errors.append(RecordError(line, f"Bilinmeyen ülke kodu: {code}"))
                row_ok = False
            else:
                country = iso
        else:
            country_missing += 1
        # Dates
        dates: list[dt.date | None] = []
        for name in date_cols:
            value = get(row, name)
            if _missing(value):
                dates.append(None)
                continue
            try:
                dates.append(parse_date(value))
            except ValueError:
                errors.append(RecordError(line, f"Geçersiz tarih ({name}): {value}"))
                row_ok = False
                dates.append(None)
        # Amounts
        try:
            contribution = _decimal(get(row, "ec_contribution")) if not dashboard else None
            if contribution is None:
                contribution = _decimal(get(row, "eu_contribution"))
            cost = _decimal(get(row, "h2020_total_cost")) if dashboard else None
        except ValueError as exc:
            errors.append(RecordError(line, f"Geçersiz tutar: {exc}"))
            continue
        raw_role = search_key(get(row, "partner_role"))
        role = ROLE_MAP.get(raw_role)
        if dashboard:
            ptype = search_key(get(row, "partner_type"))
            if ptype in ("thirdparty", "international partner"):
                role = ROLE_MAP[ptype] if role != "coordinator" else role
        if role is None:
            errors.append(RecordError(line, f"Bilinmeyen rol: {get(row, 'partner_role')}"))
            row_ok = False
        project_id = get(row, "project_id")
        if _missing(project_id):
            errors.append(RecordError(line, "Proje kimliği yok."))
            row_ok = False
        if not row_ok:
            continue

        name = get(row, "legal_name")
        name = "" if name == "NA" else name
        city = get(row, "city") if dashboard else ""
        nuts3 = get(row, "nuts_3_code") if dashboard else ""
        plate = ""
        if country == "TR":
            tr_rows += 1
            tr_orgs.add(search_key(name))
            plate = plate_for(nuts3, city) or plate_in_name(name)
            if not plate:
                tr_without_province += 1
            has_turkish.add(project_id)
        vat = get(row, "legal_entity_vat")
        entity_type = get(row, "legal_entity_type")
        partner = PartnerRecord(
            name=name,
            country=country,
            role=role or "partner",
            city="" if city in ("NA", "-") else city,
            nuts3="" if nuts3 in ("NA", "-") else nuts3,
            province_plate=plate,
            organisation_type="" if entity_type == "NA" else entity_type,
            raw_type="" if entity_type == "NA" else entity_type,
            vat="" if vat in ("-", ".", "NA") else vat,
            eu_contribution=contribution,
        )
        project = projects.get(project_id)
        if project is None:
            start, end = dates[0], dates[1]
            acronym = get(row, "project_acronym")
            acronym = "" if acronym == "NA" else acronym
            title = get(row, "project_title") if dashboard else ""
            link = get(row, "cordis_link") if dashboard else ""
            call_id = get(row, "call_id") if dashboard else ""
            scheme = (
                get(row, "simplified_type_of_action") if dashboard else get(row, "funding_scheme")
            )
            programme = get(row, "framework_programme")
            project = ProjectRecord(
                position=line,
                source="cordis",
                source_id=project_id,
                acronym=acronym,
                title_en=(title if title and title != "NA" else acronym),
                programme="" if programme == "NA" else programme,
                funding_scheme="" if scheme == "NA" else scheme,
                call_identifier="" if call_id == "NA" else call_id,
                topic="" if get(row, "topic_code") == "NA" else get(row, "topic_code"),
                start_date=start,
                end_date=end,
                duration_months=_months(start, end),
                stage="completed" if end is not None and end < today else "in_implementation",
                source_url=(link if link and link != "NA" else "")
                or f"https://cordis.europa.eu/project/id/{project_id}",
            )
            projects[project_id] = project
        project.partners.append(partner)
        if contribution is not None:
            project.grant_amount = (project.grant_amount or Decimal(0)) + contribution
        if cost is not None:
            costs[project_id] = costs.get(project_id, Decimal(0)) + cost

    for project_id, project in projects.items():
        if project_id in costs:
            project.total_cost = costs[project_id]
        project.partners.sort(key=lambda p: p.role != "coordinator")
        project.province_plates = sorted(
            {p.province_plate for p in project.partners if p.country == "TR" and p.province_plate}
        )
    kept = [p for pid, p in projects.items() if not turkish_only or pid in has_turkish]
    result.projects = kept
    result.stats = {
        "rows": rows,
        "projects_in_file": len(projects),
        "projects": len(kept),
        "tr_rows": tr_rows,
        "tr_projects": len(has_turkish),
        "tr_organisations": len(tr_orgs),
        "tr_without_province": tr_without_province,
        "country_missing": country_missing,
    }
    return result
