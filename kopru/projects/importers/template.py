"""The office's XLSX template for the institutions' projects (format ``template``); its
rules are in ``docs/projects-imports.md``, its columns in :data:`TEMPLATE_COLUMNS`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kopru.core.imports.files import read_sheets
from kopru.core.imports.problems import Problem
from kopru.core.imports.values import cell_number
from kopru.core.imports.workbook import (
    EXAMPLE_ID,
    NOTES_TITLE,
    Column,
    Sheet,
    choices,
    in_tr_en,
    is_example,
    notes_sheet,
    template_workbook,
)
from kopru.core.text import search_key
from kopru.core.vocabularies import SECTOR_ALIASES, TARGET_GROUP_ALIASES, Sector, TargetGroup
from kopru.geo.places import district_in_province, districts, province_names, province_plate

from .records import (
    CURRENCIES,
    MESSAGES,
    ROLE_LABELS,
    STAGE_LABELS,
    STAGES,
    ParseResult,
    PartnerRecord,
    ProjectRecord,
)
from .reference import normalise_country
from .values import BadValue, months_between, parse_date

FORMAT = "template"
SHEET_TITLE = "Projeler - Projects"


def _old(tr: str, en: str) -> tuple[str, str, str]:
    """The header of an earlier template (its Turkish and English names)."""
    return tr, en, f"{tr} / {en}"


def _listed(labels: dict[str, tuple[str, str]], language: int) -> str:
    return ", ".join(f"{code} ({names[language]})" for code, names in labels.items())


TEMPLATE_COLUMNS: tuple[Column, ...] = (
    Column("source_id", "Kayıt kimliği", "Record ID", True,
         "Projenin kurumunuzdaki kalıcı numarası; aynı numarayla yeniden yüklenen satır "
         f"kaydı günceller. Dosyada tekrar edemez. Kimliği '{EXAMPLE_ID}' olan satır örnektir, "
         "atlanır.",
         "The project's permanent number in your institution; re-uploading the same number "
         f"updates the record. Unique in the file. The row whose ID is '{EXAMPLE_ID}' is "
         "the example and is skipped.",
         EXAMPLE_ID, 120),
    Column("title_tr", "Proje adı (Türkçe)", "Title (Turkish)", False,
         "Türkçe ad. Türkçe veya İngilizce addan en az biri zorunludur.",
         "Turkish title. At least one of the Turkish or English titles is required.",
         "Gençler için Dijital Beceriler", 500, _old("Başlık (TR)", "Title (TR)")),
    Column("title_en", "Proje adı (İngilizce)", "Title (English)", False,
         "İngilizce ad.", "English title.", "Digital Skills for Young People", 500,
         _old("Başlık (EN)", "Title (EN)")),
    Column("acronym", "Kısaltma", "Acronym", False,
         "Projenin kısa adı.", "The project's acronym.", "DIGIYOUTH", 60),
    Column("summary_tr", "Özet (Türkçe)", "Summary (Turkish)", False,
         "Kısa Türkçe özet.", "Short Turkish summary.",
         "Bornova ve Buca'daki gençlere kodlama eğitimi verilecektir.", None,
         _old("Özet (TR)", "Summary (TR)")),
    Column("summary_en", "Özet (İngilizce)", "Summary (English)", False,
         "Kısa İngilizce özet.", "Short English summary.",
         "Coding courses for young people in Bornova and Buca.", None,
         _old("Özet (EN)", "Summary (EN)")),
    Column("owner_name", "Yürütücü kurum", "Lead organisation", False,
         "Projeyi yürüten Türk kurumu; ortaklar arasında yoksa koordinatör olarak eklenir.",
         "The Turkish organisation running the project; added as coordinator when it is "
         "not among the partners.",
         "Bornova Belediyesi", 300, _old("Yürütücü kurum", "Owner organisation")),
    Column("programme", "Program", "Programme", False,
         "Fon programı (Erasmus+, Ufuk Avrupa, IPA …).",
         "Funding programme (Erasmus+, Horizon Europe, IPA …).", "Erasmus+", 200),
    Column("call_identifier", "Çağrı kodu", "Call identifier", False,
         "Başvurulan çağrının kodu.", "Identifier of the call applied to.",
         "ERASMUS-YOUTH-2025-KA220-YOU", 200),
    Column("stage", "Aşama", "Stage", True,
         f"Aşama kodu veya adı: {_listed(STAGE_LABELS, 0)}.",
         f"Stage code or name: {_listed(STAGE_LABELS, 1)}.",
         "submitted"),
    Column("start_date", "Başlangıç tarihi", "Start date", False,
         "GG.AA.YYYY, GG/AA/YYYY, YYYY-AA-GG veya Excel tarihi.",
         "DD.MM.YYYY, DD/MM/YYYY, YYYY-MM-DD or an Excel date.", "01.09.2025"),
    Column("end_date", "Bitiş tarihi", "End date", False,
         "Başlangıç tarihinden önce olamaz.", "Not before the start date.", "31.08.2027"),
    Column("total_cost", "Toplam bütçe", "Total cost", False,
         "Sayı: 250000, 250.000 veya 250.000,50; negatif olamaz.",
         "Number: 250000, 250.000 or 250.000,50; not negative.", "250000"),
    Column("grant_amount", "Hibe tutarı", "Grant amount", False,
         "Sayı; negatif olamaz ve toplam bütçeyi aşamaz.",
         "Number; not negative and not above the total cost.", "200000"),
    Column("currency", "Para birimi", "Currency", False,
         "EUR (boşsa) veya TRY.", "EUR (when empty) or TRY.", "EUR"),
    Column("exchange_rate", "Kur (TRY/EUR)", "Exchange rate (TRY per EUR)", False,
         "1 avronun TL karşılığı (ör. 37,25); para birimi TRY ise zorunlu.",
         "Turkish lira per euro (e.g. 37.25); required when the currency is TRY.", ""),
    Column("exchange_rate_date", "Kur tarihi", "Exchange rate date", False,
         "Kurun tarihi; para birimi TRY ise zorunlu.",
         "Date of the exchange rate; required when the currency is TRY.", ""),
    Column("province", "İl", "Province", False,
         "Projenin ili: plaka (35) veya ad (İzmir). Boşsa ilçeler ofisin ilinde aranır.",
         "The project's province: plate (35) or name (İzmir). Without it the districts "
         "are those of the office's province.",
         "İzmir"),
    Column("districts", "İlçeler", "Districts", False,
         "O ilin ilçeleri, ';' ile ayrılır.", "Districts of that province, separated by ';'.",
         "Bornova; Buca"),
    Column("sectors", "Sektörler", "Sectors", False,
         "Sektör kodları veya adları, ';' ile ayrılır.",
         "Sector codes or names, separated by ';'.", "youth; digital"),
    Column("target_groups", "Hedef gruplar", "Target groups", False,
         "Hedef grup kodları veya adları, ';' ile ayrılır.",
         "Target group codes or names, separated by ';'.", "youth; students"),
    Column("partners", "Ortaklar", "Partners", False,
         "Her ortak 'ad | ülke | rol' (Türk ortak için isteğe bağlı '| il'); ortaklar ';' ile "
         f"ayrılır. Ülke: ISO kodu (TR, DE, GR) veya adı. Rol: {_listed(ROLE_LABELS, 0)}.",
         "Each partner 'name | country | role' (for a Turkish partner optionally "
         "'| province'); partners separated by ';'. Country: ISO code (TR, DE, GR) or name. "
         f"Role: {_listed(ROLE_LABELS, 1)}.",
         "Ege Üniversitesi | TR | partner | İzmir; Universidad de Sevilla | ES | partner"),
    Column("source_url", "Bağlantı", "Link", False,
         "Projenin web sayfası (http:// veya https://).",
         "The project's web page (http:// or https://).", "", 500),
)  # fmt: skip

_BY_KEY = {c.key: c for c in TEMPLATE_COLUMNS}
_BY_ALIAS = {alias: c.key for c in TEMPLATE_COLUMNS for alias in c.aliases}
_STAGE_NAMES, _ROLE_NAMES = (
    {search_key(n): code for code, names in t.items() for n in (code, *names)}
    for t in (STAGE_LABELS, ROLE_LABELS)
)
_GENERAL_NOTES = (
    (
        "Zorunlu sütunlar / Required columns",
        "Başlığında * olan sütunlar ve iki proje adından en az biri.",
        "Columns marked * and at least one of the two titles.",
    ),
    (
        "Hatalar / Errors",
        "Bir satırda hata varsa dosyadaki hiçbir kayıt yazılmaz; her hata satır numarası ve "
        "sütun adıyla bildirilir.",
        "When any row has an error nothing is written; every error names its row and column.",
    ),
)
#: The columns of the shared vocabularies: their heading in the notes, the choices (a code,
#: or its Turkish or English label) and the former codes and labels, read but not shown.
_VOCABULARIES = {
    "sectors": ("Sektör kodları / Sector codes", Sector, SECTOR_ALIASES),
    "target_groups": ("Hedef grup kodları / Target group codes", TargetGroup, TARGET_GROUP_ALIASES),
}


# --- building ---------------------------------------------------------------------------


def build_template_xlsx() -> bytes:
    """The downloadable template: a data sheet (header + example row) and a notes sheet."""
    keys = list(_BY_KEY)
    example = [
        int(c.example) if c.key in ("total_cost", "grant_amount") else c.example or None
        for c in TEMPLATE_COLUMNS
    ]
    data = Sheet(
        SHEET_TITLE,
        [[c.header for c in TEMPLATE_COLUMNS], example],
        text_columns=[
            keys.index(k) for k in ("source_id", "start_date", "end_date", "exchange_rate_date")
        ],
        choices={
            keys.index("stage"): ",".join(STAGES),
            keys.index("currency"): ",".join(CURRENCIES),
        },
    )
    lists = [
        ("Aşama kodları / Stage codes", [(c, *names) for c, names in STAGE_LABELS.items()]),
        ("Rol kodları / Role codes", [(c, *names) for c, names in ROLE_LABELS.items()]),
        (
            "Para birimleri / Currencies",
            [("EUR", "Avro", "Euro"), ("TRY", "Türk lirası", "Turkish lira")],
        ),
    ]
    for heading, kind, _aliases in _VOCABULARIES.values():
        lists.append((heading, [(code, *in_tr_en(label)) for code, label in kind.choices]))
    notes = notes_sheet(NOTES_TITLE, [c.note for c in TEMPLATE_COLUMNS], _GENERAL_NOTES, lists)
    return template_workbook([data, notes])


# --- reading ----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return "" if value is None else str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) or not _text(value):
        return value.date() if isinstance(value, dt.datetime) else value or None
    if isinstance(value, int | float):
        raise BadValue("not_a_date", value=_text(value))
    return parse_date(str(value), dotted=True)


def read_amount(value: Any) -> Decimal | None:
    """A number cell, or a number typed as text (``250.000,50``, ``37,5``, ``€ 7 000``; see
    :func:`kopru.core.imports.values.cell_number`); never negative."""
    try:
        number = cell_number(value)
    except ValueError:
        raise BadValue("not_a_number", value=_text(value)) from None
    if number is not None and number < 0:
        raise BadValue("negative_amount", value=_text(value))
    return number


def _rate(value: Any) -> Decimal | None:
    rate = read_amount(value)
    if rate is not None and rate <= 0:
        raise BadValue("rate_not_positive")
    return rate


def _stage(value: Any) -> str:
    stage = _STAGE_NAMES.get(search_key(_text(value)))
    if stage is None:
        shown = f"“{_text(value)}”" if _text(value) else "–"
        raise BadValue("unknown_stage", value=shown, choices=", ".join(STAGES))
    return stage


def _currency(value: Any) -> str:
    currency = _text(value).upper() or "EUR"
    currency = "TRY" if currency == "TL" else currency
    if currency not in CURRENCIES:
        raise BadValue("unknown_currency", value=currency)
    return currency


def _url(value: Any) -> str:
    url = _text(value)
    if url and not url.lower().startswith(("http://", "https://")):
        raise BadValue("bad_url", value=url)
    return url


#: The reader of each column that fills a record field of the same name (texts: ``_text``).
_READERS: dict[str, Callable[[Any], Any]] = {
    "stage": _stage, "start_date": _date, "end_date": _date, "exchange_rate_date": _date,
    "total_cost": read_amount, "grant_amount": read_amount, "exchange_rate": _rate,
    "currency": _currency, "source_url": _url,
}  # fmt: skip
_FIELDS = ("title_tr", "title_en", "acronym", "summary_tr", "summary_en", "owner_name",
           "programme", "call_identifier", *_READERS)  # fmt: skip


def _column(cell: Any) -> str | None:
    """The field a header cell names; "" for a blank cell, None for an unknown one."""
    return _BY_ALIAS.get(search_key(_text(cell).rstrip("* "))) if _text(cell) else ""


def _header_map(header: tuple[Any, ...]) -> tuple[dict[str, int], list[Problem]]:
    """The column of each field, and the problems of the header row."""
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(header):
        key = _column(cell)
        if key is None:
            problems.append(Problem("unknown_column", value=_text(cell)))
        elif key in columns:
            problems.append(Problem("repeated_column", value=_text(cell)))
        elif key:
            columns[key] = index
    for key in ("source_id", "stage"):
        if key not in columns:
            problems.append(Problem("missing_column", value=_BY_KEY[key].header))
    if "title_tr" not in columns and "title_en" not in columns:
        problems.append(Problem("no_title_column"))
    return columns, problems


def parse_template(data: bytes) -> ParseResult:
    result = ParseResult(format=FORMAT)
    try:
        sheets = [rows for _title, rows in read_sheets(data)]
    except Problem as problem:
        result.errors.append(MESSAGES.at("file", problem))
        return result
    rows = next((r for r in sheets if r and any(_column(c) for c in r[0])), None)
    if rows is None:
        result.errors.append(MESSAGES.error("row 1", "no_template_header"))
        return result
    columns, problems = _header_map(rows[0])
    if problems:
        result.errors.extend(MESSAGES.at("row 1", p) for p in problems)
        return result
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if all(_text(c) == "" for c in cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
        if is_example(_text(values.get("source_id"))):
            continue
        current = _Row(number, values)
        project = current.project(seen)
        result.errors.extend(current.errors)
        if not current.errors:
            result.projects.append(project)
    return result


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    errors: list[Any] = field(default_factory=list)

    def bad(self, key: str, code: str, /, **params: object) -> None:
        column = _BY_KEY[key]
        label = f"{column.name_tr} / {column.name_en}"
        self.errors.append(MESSAGES.at(f"row {self.number}", Problem(code, **params), label))

    def project(self, seen: dict[str, int]) -> ProjectRecord:
        source_id = _text(self.values.get("source_id"))
        project = ProjectRecord(position=f"row {self.number}", source=FORMAT, source_id=source_id)
        if not source_id:
            self.bad("source_id", "empty")
        elif source_id in seen:
            self.bad("source_id", "repeated_id", value=source_id, row=seen[source_id])
        elif len(source_id) <= 120:
            seen[source_id] = self.number
        for key in ("source_id", *_FIELDS):
            try:
                value = _READERS.get(key, _text)(self.values.get(key))
            except BadValue as problem:
                self.bad(key, problem.code, **problem.params)
                continue
            limit = _BY_KEY[key].max_length
            if limit and isinstance(value, str) and len(value) > limit:
                self.bad(key, "longer", limit=limit, length=len(value))
            setattr(project, key, value)
        self._check(project)
        province = _text(self.values.get("province"))
        plate = province_plate(province) if province else ""
        if province and not plate:
            self.bad("province", "unknown_province", value=province)
        else:
            project.districts = self._list("districts", _district_reader(plate), key=search_key)
        for key, read in _CODE_READERS.items():
            setattr(project, key, self._list(key, read))
        project.partners = self._list("partners", _partner, key=None)
        owner = project.owner_name
        if owner and not any(search_key(p.name) == search_key(owner) for p in project.partners):
            coordinator = PartnerRecord(
                owner, country="TR", role="coordinator", province_plate=plate
            )
            project.partners.insert(0, coordinator)
        plates = {p.province_plate for p in project.partners if p.province_plate} | {plate}
        project.province_plates = sorted(plates - {""})
        return project

    def _list(self, column: str, read: Callable[[str], Any], key: Any = str) -> list[Any]:
        """The ``;``-separated entries of ``column``, each read by ``read`` (repeats, the
        same by ``key``, once)."""
        found: list[Any] = []
        for entry in filter(None, (e.strip() for e in _text(self.values.get(column)).split(";"))):
            try:
                value = read(entry)
            except BadValue as problem:
                self.bad(column, problem.code, **problem.params)
                continue
            if key is None or all(key(value) != key(f) for f in found):
                found.append(value)
        return found

    def _check(self, project: ProjectRecord) -> None:
        """What involves several columns: a title, dates and amounts in order, a rate."""
        if not (project.title_tr or project.title_en):
            self.bad("title_tr", "title_required")
        start, end = project.start_date, project.end_date
        if start and end and end < start:
            self.bad(
                "end_date", "end_before_start", end=f"{end:%d.%m.%Y}", start=f"{start:%d.%m.%Y}"
            )
        project.duration_months = months_between(start, end)
        total, grant = project.total_cost, project.grant_amount
        if total is not None and grant is not None and grant > total:
            self.bad("grant_amount", "grant_above_total")
        if project.currency == "TRY":
            for key, code in (
                ("exchange_rate", "rate_required"),
                ("exchange_rate_date", "rate_date_required"),
            ):
                if self.values.get(key) in (None, ""):
                    self.bad(key, code)


def _district_reader(plate: str) -> Callable[[str], str]:
    """A district of the province ``plate``; without one, of Turkey (the import service
    checks it against the office's province)."""

    def read(name: str) -> str:
        if not plate:
            if search_key(name) in districts():
                return name
            raise BadValue("not_a_district", value=name, province="")
        if found := district_in_province(name, plate):
            return found
        raise BadValue("district_elsewhere", value=name, province=province_names()[plate])

    return read


def _code_reader(kind: Any, aliases: dict[str, str]) -> Callable[[str], str]:
    """A code of ``kind``, its Turkish or English label, or a former code or label (a
    current code or label of the same spelling wins)."""
    read = choices(kind, {search_key(name): str(code) for name, code in aliases.items()})

    def code(name: str) -> str:
        try:
            return str(read(name))
        except ValueError:
            raise BadValue("unknown_code", value=name) from None

    return code


_CODE_READERS = {
    key: _code_reader(kind, aliases) for key, (_h, kind, aliases) in _VOCABULARIES.items()
}


def _partner(entry: str) -> PartnerRecord:
    """``name | country | role [| province]``."""
    parts = [p.strip() for p in entry.split("|")]
    name, code, role_text, province = (*parts, "", "", "")[:4]
    country = normalise_country(code) if code else None
    role = _ROLE_NAMES.get(search_key(role_text or "partner"))
    plate = province_plate(province) if province else ""
    if not name or len(parts) > 4:
        raise BadValue("bad_partner", name=name, value=entry)
    if country is None:
        raise BadValue(
            "partner_country" if code else "partner_without_country", name=name, value=code
        )
    if role is None:
        raise BadValue("partner_role", name=name, value=role_text)
    if province and (not plate or country != "TR"):
        raise BadValue("partner_province", name=name, value=province)
    return PartnerRecord(name=name, country=country, role=role, province_plate=plate)
