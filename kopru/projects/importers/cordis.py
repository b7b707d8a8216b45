"""CORDIS / Horizon Dashboard participation files: one row per participation.

The rows are grouped into projects by ``project_id`` (a project's rows need not be
adjacent); every row of the file is validated, and with ``turkish_only`` (the default)
only the projects with at least one participant in Turkey are returned.

Two layouts, told apart by the header row (never by the file name):

``cordis-plus`` — ``cordis-plus-2014.csv`` (32 columns, comma, UTF-8 without BOM, dates
``YYYY-MM-DD``). ``NA`` is a missing value in *every* column, ``country_code`` included.
Columns used:

* ``project_id`` – the CORDIS project number: grouping key and ``source_id``;
* ``pic`` – the participant identification code (``PartnerRecord.pic``);
* ``partner_role`` – ``Coordinator`` → coordinator, ``Participant`` → partner,
  ``Thirdparty`` → third_party, ``Partner`` → associated (H2020 MSCA partner
  organisations: not beneficiaries, never funded);
* ``legal_name`` – the participant's name (ASCII-folded upper case, sometimes mixed
  case with Turkish letters); ``NA`` on 341 anonymous rows, kept with an empty name;
* ``legal_entity_type`` – ``HES``/``PRC``/``PUB``/``REC``/``OTH`` →
  university/company/public_body/research/other, the code kept as ``raw_type``;
* ``country_code`` – CORDIS (EU) code → ISO through ``cordisref-countries.csv``
  (``EL`` → ``GR``, ``UK`` → ``GB``). ``NA`` (342 rows) is a *missing* code here:
  the partner keeps country "" with ``country_unknown=True`` (stats ``country_missing``).
  The file's ``country`` column says "Namibia" on those rows, but 341 of them have no
  name either (EUROfusion's anonymous members) and the one named row is a British
  company (I-GENIUS LIMITED): the name came from joining the missing code, so it is
  not used;
* ``eu_contribution`` (H2020 rows only) and ``ec_contribution`` – the participant's EU
  contribution: the first one present (they differ on 88 H2020 rows, where
  ``eu_contribution`` is the one CORDIS publishes as the participant's share);
* ``project_acronym`` – acronym; as the file has no project title it also stands in
  as ``title_en``;
* ``topic_code`` – topic; ``framework_programme`` – ``FP7`` / ``H2020``;
* ``funding_scheme`` – code (``CP-FP``, ``MSCA-ITN-ETN``) with its title from
  ``cordisref-projectFundingSchemeCategory.csv`` (``CS2-IA`` and ``IMI2-RIA`` have none);
* ``start_date`` / ``end_date`` – the project's dates; ``signature_date`` and
  ``call_deadline_date`` are validated but not kept;
* ``city`` / ``nuts_3_code`` – used when present; this file has neither, so a Turkish
  participant's province stays "" (stats ``tr_without_province``) unless the caller
  asks for ``province_from_name`` (a province named in the organisation's name).

Not used: ``pillar_abbr``, ``pillar_descr``, ``pillar``, ``thematic_priority_abbr``,
``thematic_priority``, ``topic_description``, ``legal_short_name``, ``legal_url``,
``net_ec_contribution``, ``re_contribution`` (the file author's own reconciliation),
``participations``, ``legal_basis``, ``country``, ``signature_year``, ``call_year``,
``start_year``.

``dashboard`` — ``dashboard-export-2021.csv`` (Horizon Dashboard raw export, 35 columns,
comma, UTF-8, dates ``DD/MM/YYYY``). ``country_code`` ``NA`` is **Namibia** (6 rows:
Windhoek, Otjiwarongo); ``NA`` in any other column is a missing value; ``-`` is a
missing value in ``legal_entity_vat``, ``city``, ``nuts_3_code`` and ``eu_contribution``,
and ``.`` in ``legal_entity_vat``. Columns used:

* ``framework_programme`` – programme; ``call_id`` – call identifier; ``topic_code``;
* ``project_id``, ``project_acronym``, ``project_title`` (→ ``title_en``);
* ``cordis_link`` – the project's CORDIS page (``source_url``);
* ``partner_role`` – ``COORDINATOR`` / ``PARTICIPANT``, refined by ``partner_type``:
  ``BENEFICIARY`` → partner, ``THIRDPARTY`` → third_party, ``INTERNATIONAL_PARTNER``
  → associated (a coordinator stays coordinator);
* ``pic``, ``legal_name``, ``legal_entity_vat`` (→ ``vat``), ``legal_entity_type``;
* ``city`` and ``nuts_3_code`` – the participant's location: ``TR310`` → İzmir (35);
  for a Turkish row without a usable NUTS-3 code the city name is matched against the
  81 provinces, then the districts unique in Turkey;
* ``country_code`` – as above, ``NA`` = Namibia;
* ``eu_contribution`` – the participant's EU contribution; ``h2020_total_cost`` – its
  share of the costs (summed into the project's ``total_cost``);
* ``project_start_date`` / ``project_end_date``; ``signature_date`` and
  ``call_deadline_date`` validated only;
* ``simplified_type_of_action`` – "Research and Innovation action" etc., mapped back to
  the funding-scheme code (``RIA``) through the reference table.

Not used: ``topic_descr``, ``legal_entity_type_descr``, ``nuts_3_name``, ``country``,
``h2020_net_eu_contribution``, ``thematic_priority_abbr``, ``thematic_priority_descr``,
``sme_flag``, ``pillar_abbr``, ``pillar_descr``, ``focus_area``, ``call_year``.

In both layouts dates may be ``YYYY-MM-DD`` or ``DD/MM/YYYY``; anything else, an unknown
country code, role or partner type, a non-numeric or negative amount, an end date
before the start date, a row with the wrong number of fields (a file cut short) or
broken quoting is a :class:`RecordError` at ``"line N"`` (the header is line 1) naming
the column and the value. The project's stage is *completed* when its end date has
passed, *in implementation* otherwise (CORDIS lists signed grants only).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kopru.core.text import search_key

from .geo import NUTS3_TO_PLATE, plate_for, plate_in_name
from .records import ParseResult, PartnerRecord, ProjectRecord, RecordError, line
from .reference import funding_scheme, iso_from_cordis
from .values import BadValue, months_between, parse_amount, parse_date

FORMAT = "cordis"
LAYOUT_2014 = "cordis-plus"
LAYOUT_DASHBOARD = "dashboard"


@dataclass(frozen=True)
class Layout:
    name: str
    required: tuple[str, ...]
    start: str
    end: str
    scheme: str
    na_is_country: bool  # "NA" in country_code is Namibia (not a missing value)
    placeholders: frozenset[str]  # values meaning "none" outside country_code


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        LAYOUT_DASHBOARD,
        required=(
            "project_id",
            "partner_role",
            "partner_type",
            "legal_name",
            "country_code",
            "project_start_date",
            "project_end_date",
        ),
        start="project_start_date",
        end="project_end_date",
        scheme="simplified_type_of_action",
        na_is_country=True,
        placeholders=frozenset({"", "NA", "-"}),
    ),
    Layout(
        LAYOUT_2014,
        required=(
            "project_id",
            "partner_role",
            "legal_name",
            "country_code",
            "start_date",
            "end_date",
        ),
        start="start_date",
        end="end_date",
        scheme="funding_scheme",
        na_is_country=False,
        placeholders=frozenset({"", "NA"}),
    ),
)
DATE_COLUMNS = (
    "start_date",
    "end_date",
    "project_start_date",
    "project_end_date",
    "signature_date",
    "call_deadline_date",
)
ROLE_MAP = {
    "coordinator": "coordinator",
    "participant": "partner",
    "beneficiary": "partner",
    "partner": "associated",
    "associatedpartner": "associated",
    "internationalpartner": "associated",
    "thirdparty": "third_party",
}
PARTNER_TYPE_MAP = {
    "beneficiary": "partner",
    "thirdparty": "third_party",
    "internationalpartner": "associated",
    "associatedpartner": "associated",
}
ORGANISATION_TYPES = {
    "HES": "university",
    "PRC": "company",
    "PUB": "public_body",
    "REC": "research",
    "OTH": "other",
}
PROGRAMMES = {
    "HORIZON": "Horizon Europe",
    "HORIZON EUROPE": "Horizon Europe",
    "HE": "Horizon Europe",
}
VAT_NONE = frozenset({"", "-", ".", "NA"})
CORDIS_PROJECT_URL = "https://cordis.europa.eu/project/id/{id}"


def layout_of(header: list[str]) -> Layout | None:
    """The layout whose required columns the header has, or None."""
    names = {h.strip() for h in header}
    for layout in LAYOUTS:
        if all(column in names for column in layout.required):
            return layout
    return None


@lru_cache(maxsize=64)
def _code_key(value: str) -> str:
    return search_key(value).replace(" ", "")


def _decode(data: bytes, result: ParseResult) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = data[: exc.start].count(b"\n") + 1
        result.errors.append(RecordError(line(at), f"Dosya UTF-8 değil ({exc.reason})."))
        return None


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
    today = today or dt.date.today()
    result = ParseResult(format=FORMAT)
    errors = result.errors
    text = _decode(data, result)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        errors.append(RecordError(line(1), "Dosya boş: başlık satırı yok."))
        return result
    except csv.Error as exc:
        errors.append(RecordError(line(1), f"Başlık satırı okunamadı: {exc}"))
        return result
    layout = layout_of(header)
    if layout is None:
        errors.append(
            RecordError(
                line(1),
                "Tanınmayan CORDIS başlık satırı (project_id, partner_role, legal_name, "
                "country_code ve proje tarihleri bekleniyordu).",
            )
        )
        return result

    col = {name.strip(): i for i, name in enumerate(header)}
    width = len(header)
    missing = layout.placeholders

    def index(name: str) -> int | None:
        return col.get(name)

    i_id = col["project_id"]
    i_role = col["partner_role"]
    i_type = index("partner_type")
    i_name = col["legal_name"]
    i_country = col["country_code"]
    i_pic = index("pic")
    i_vat = index("legal_entity_vat")
    i_entity = index("legal_entity_type")
    i_city = index("city")
    i_nuts = index("nuts_3_code")
    i_eu = index("eu_contribution")
    i_ec = index("ec_contribution")
    i_cost = index("h2020_total_cost")
    i_acronym = index("project_acronym")
    i_title = index("project_title")
    i_topic = index("topic_code")
    i_call = index("call_id")
    i_link = index("cordis_link")
    i_programme = index("framework_programme")
    i_scheme = index(layout.scheme)
    i_start = col[layout.start]
    i_end = col[layout.end]
    date_columns = [(name, col[name]) for name in DATE_COLUMNS if name in col]
    amount_columns = [
        (name, i) for name, i in (("eu_contribution", i_eu), ("ec_contribution", i_ec),
                                  ("h2020_total_cost", i_cost)) if i is not None
    ]  # fmt: skip

    def cell(row: list[str], i: int | None) -> str:
        if i is None:
            return ""
        value = row[i].strip()
        return "" if value in missing else value

    projects: dict[str, ProjectRecord] = {}
    costs: dict[str, Decimal] = {}
    turkish: set[str] = set()
    tr_orgs: set[str] = set()
    rows = tr_rows = tr_without_province = tr_from_name = country_missing = name_missing = 0
    last_line = 1
    while True:
        start_line = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(
                RecordError(
                    line(start_line),
                    f"Bozuk CSV satırı ({exc}); dosya yarıda kesilmiş olabilir.",
                )
            )
            break
        last_line = reader.line_num
        if not row:
            continue
        rows += 1
        position = line(start_line)
        if len(row) != width:
            errors.append(
                RecordError(
                    position,
                    f"Satırda {len(row)} alan var, {width} bekleniyordu"
                    + ("; dosya yarıda kesilmiş olabilir." if len(row) < width else "."),
                )
            )
            continue
        problems: list[str] = []

        # Dates: every date column, kept or not.
        dates: dict[str, dt.date | None] = {}
        for name, i in date_columns:
            value = row[i].strip()
            if value in missing:
                dates[name] = None
                continue
            try:
                dates[name] = parse_date(value)
            except BadValue as exc:
                problems.append(f"Geçersiz tarih ({name}): {exc}")
                dates[name] = None
        start, end = dates.get(layout.start), dates.get(layout.end)
        if start and end and end < start:
            problems.append(
                f"Bitiş tarihi ({layout.end}: {row[i_end].strip()}) başlangıçtan "
                f"({layout.start}: {row[i_start].strip()}) önce."
            )

        # Amounts.
        amounts: dict[str, Decimal | None] = {}
        for name, i in amount_columns:
            value = row[i].strip()
            if value in missing:
                amounts[name] = None
                continue
            try:
                amounts[name] = parse_amount(value)
            except BadValue as exc:
                problems.append(f"Geçersiz tutar ({name}): {exc}")
                amounts[name] = None
        contribution = amounts.get("eu_contribution")
        if contribution is None:
            contribution = amounts.get("ec_contribution")

        # Country.
        raw_code = row[i_country].strip()
        country = ""
        country_unknown = False
        if raw_code == "NA" and layout.na_is_country:
            country = "NA"
        elif raw_code in missing:
            country_unknown = True
        else:
            iso = iso_from_cordis(raw_code)
            if iso is None:
                problems.append(f"Bilinmeyen ülke kodu (country_code): '{raw_code}'")
            else:
                country = iso

        # Role.
        raw_role = row[i_role].strip()
        role = ROLE_MAP.get(_code_key(raw_role)) if raw_role not in missing else None
        if role is None:
            problems.append(f"Bilinmeyen rol (partner_role): '{raw_role}'")
        elif i_type is not None:
            raw_type = row[i_type].strip()
            typed = PARTNER_TYPE_MAP.get(_code_key(raw_type)) if raw_type not in missing else None
            if typed is None:
                problems.append(f"Bilinmeyen ortak türü (partner_type): '{raw_type}'")
            elif role != "coordinator":
                role = typed

        project_id = row[i_id].strip()
        if project_id in missing:
            problems.append("Proje kimliği (project_id) yok.")

        if problems:
            errors.extend(RecordError(position, reason) for reason in problems)
            continue

        name = cell(row, i_name)
        if not name:
            name_missing += 1
        if country_unknown:
            country_missing += 1
        nuts3 = cell(row, i_nuts)
        city = cell(row, i_city)
        plate = how = ""
        if country == "TR":
            if nuts3.upper().startswith("TR") and nuts3.upper() not in NUTS3_TO_PLATE:
                errors.append(
                    RecordError(position, f"Türkiye için bilinmeyen NUTS-3 kodu: '{nuts3}'")
                )
                continue
            tr_rows += 1
            turkish.add(project_id)
            tr_orgs.add(cell(row, i_pic) or search_key(name))
            plate, how = plate_for(nuts3, city)
            if not plate and province_from_name:
                plate = plate_in_name(name)
                if plate:
                    how = "name"
                    tr_from_name += 1
            if not plate:
                tr_without_province += 1
        entity = cell(row, i_entity)
        partner = PartnerRecord(
            name=name,
            country=country,
            role=role or "partner",
            city=city,
            nuts3=nuts3,
            province_plate=plate,
            organisation_type=ORGANISATION_TYPES.get(entity.upper(), ""),
            raw_type=entity,
            vat="" if i_vat is None or row[i_vat].strip() in VAT_NONE else row[i_vat].strip(),
            eu_contribution=contribution,
            country_unknown=country_unknown,
            province_source=how,
            pic=cell(row, i_pic),
        )
        project = projects.get(project_id)
        if project is None:
            acronym = cell(row, i_acronym)
            title = cell(row, i_title)
            code, scheme_title = funding_scheme(cell(row, i_scheme))
            programme = cell(row, i_programme)
            project = ProjectRecord(
                position=position,
                source=FORMAT,
                source_id=project_id,
                acronym=acronym,
                title_en=title or acronym,
                programme=PROGRAMMES.get(programme.upper(), programme),
                funding_scheme=code,
                funding_scheme_title=scheme_title,
                call_identifier=cell(row, i_call),
                topic=cell(row, i_topic),
                start_date=start,
                end_date=end,
                duration_months=months_between(start, end),
                stage="completed" if end is not None and end < today else "in_implementation",
                source_url=cell(row, i_link) or CORDIS_PROJECT_URL.format(id=project_id),
            )
            projects[project_id] = project
        project.partners.append(partner)
        if contribution is not None:
            project.grant_amount = (project.grant_amount or Decimal(0)) + contribution
        cost = amounts.get("h2020_total_cost")
        if cost is not None:
            costs[project_id] = costs.get(project_id, Decimal(0)) + cost

    kept: list[ProjectRecord] = []
    for project_id, project in projects.items():
        if turkish_only and project_id not in turkish:
            continue
        project.total_cost = costs.get(project_id)
        project.partners.sort(key=lambda p: p.role != "coordinator")
        project.province_plates = sorted(
            {p.province_plate for p in project.partners if p.country == "TR" and p.province_plate}
        )
        kept.append(project)
    result.projects = kept
    result.stats = {
        "rows": rows,
        "projects_in_file": len(projects),
        "projects": len(kept),
        "tr_rows": tr_rows,
        "tr_projects": len(turkish),
        "tr_organisations": len(tr_orgs),
        "tr_without_province": tr_without_province,
        "tr_province_from_name": tr_from_name,
        "country_missing": country_missing,
        "name_missing": name_missing,
    }
    return result
