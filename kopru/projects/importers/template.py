"""The office's XLSX template for the institutions' projects (format ``template``).

:func:`build_template_xlsx` writes two sheets: ``Projeler - Projects`` (the header row,
one cell per :data:`TEMPLATE_COLUMNS` entry written ``Türkçe ad / English name`` with a
``*`` when required, and one example row) and ``Açıklamalar - Notes`` (every column
documented in Turkish and English, then the allowed stage, role and currency codes).
Excel forbids ``/`` in sheet names, hence the dash.

:func:`parse_template` reads the first sheet that has the template's headers. A header
cell may be the Turkish name, the English name, both, or the field name; case,
Turkish letters and punctuation do not matter; column order is free. Validation is
strict and reports *every* problem of *every* row as ``RecordError("row N",
"<column>: <reason>")`` (row 1 is the header); a row with a problem gives no record:

* ``source_id`` is required and unique in the file (it makes re-imports update);
  rows whose id is ``ÖRNEK / EXAMPLE`` are the template's example and are skipped;
* a Turkish or an English title is required; texts longer than the database
  columns are errors;
* stage: a code (``submitted``) or its Turkish/English name (``Başvuruldu``);
* dates: Excel dates, ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``DD.MM.YYYY``; the end date
  may not precede the start date;
* amounts: numbers, or text ``250000``, ``250.000``, ``250.000,50``; never negative;
  the grant may not exceed the total cost;
* currency: ``EUR`` (the default) or ``TRY``; with ``TRY`` the exchange rate (TRY per
  EUR, above zero) and its date are required;
* province: plate (``35``) or name (``İzmir``); districts (``;``-separated) must be
  districts of that province (973 districts). Without a province they must be
  districts somewhere in Turkey, and the import service checks them against the
  province of the office the file is imported into;
* sectors and target groups: codes or labels (Turkish or English) of the model's
  choices when known (see :class:`TemplateChoices`), and the former codes and labels
  of ``kopru.core.vocabularies`` (``smes``, ``KOBİ'ler``, ``Eğitim``), otherwise kept as
  codes for the import service to check;
* partners: ``name | country | role [| province]`` separated by ``;``; country as ISO
  code, CORDIS code or name; role a code or its Turkish/English name. The owner
  organisation, when not among the partners, is added as the Turkish coordinator.

Templates downloaded before the columns were renamed still read: their headers
(``Başlık (TR) / Title (TR)``, ``Özet (EN) / Summary (EN)``, ``Yürütücü kurum / Owner
organisation``) are kept as aliases.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kopru.core.text import search_key

from .geo import district_in_province, districts, province_names, province_plate
from .records import (
    CURRENCIES,
    ROLE_LABELS,
    ROLES,
    STAGE_LABELS,
    STAGES,
    ParseResult,
    PartnerRecord,
    ProjectRecord,
    RecordError,
    row,
)
from .reference import normalise_country
from .values import BadValue, months_between, parse_date, parse_number_text

FORMAT = "template"
SHEET_TITLE = "Projeler - Projects"
NOTES_TITLE = "Açıklamalar - Notes"  # Excel forbids "/" in sheet names
EXAMPLE_ID = "ÖRNEK / EXAMPLE"
_EXAMPLE_KEYS = frozenset({search_key(EXAMPLE_ID), "ornek", "example"})


@dataclass(frozen=True)
class TemplateColumn:
    key: str  # the ProjectRecord field (or "province", "partners")
    name_tr: str
    name_en: str
    required: bool
    description_tr: str
    description_en: str
    example: str
    max_length: int | None = None
    # Headers of earlier versions of the template that still mean this column.
    legacy: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        """The header cell of the downloadable template."""
        return f"{self.name_tr} / {self.name_en}" + (" *" if self.required else "")

    @property
    def aliases(self) -> frozenset[str]:
        names = (
            self.name_tr,
            self.name_en,
            self.key,
            self.key.replace("_", " "),
            self.header,
            f"{self.name_tr} / {self.name_en}",
            *self.legacy,
        )
        return frozenset(search_key(n) for n in names)


def _col(
    key: str,
    tr: str,
    en: str,
    required: bool,
    desc_tr: str,
    desc_en: str,
    example: str,
    max_length: int | None = None,
    legacy: tuple[str, str] | None = None,
) -> TemplateColumn:
    """``legacy``: the (Turkish, English) names of an earlier template's header."""
    old = (*legacy, f"{legacy[0]} / {legacy[1]}") if legacy else ()
    return TemplateColumn(key, tr, en, required, desc_tr, desc_en, example, max_length, old)


_STAGE_LIST = ", ".join(f"{code} ({STAGE_LABELS[code][0]})" for code in STAGES)
_STAGE_LIST_EN = ", ".join(f"{code} ({STAGE_LABELS[code][1]})" for code in STAGES)
_ROLE_LIST = ", ".join(f"{code} ({ROLE_LABELS[code][0]})" for code in ROLES)
_ROLE_LIST_EN = ", ".join(f"{code} ({ROLE_LABELS[code][1]})" for code in ROLES)

TEMPLATE_COLUMNS: tuple[TemplateColumn, ...] = (
    _col("source_id", "Kayıt kimliği", "Record ID", True,
         "Projenin kurumunuzdaki kalıcı numarası; aynı numarayla yeniden yüklenen satır "
         f"kaydı günceller. Dosyada tekrar edemez. Kimliği '{EXAMPLE_ID}' olan satır örnektir, "
         "atlanır.",
         "The project's permanent number in your institution; re-uploading the same number "
         f"updates the record. Unique in the file. The row whose ID is '{EXAMPLE_ID}' is "
         "the example and is skipped.",
         EXAMPLE_ID, 120),
    _col("title_tr", "Proje adı (Türkçe)", "Title (Turkish)", False,
         "Türkçe ad. Türkçe veya İngilizce addan en az biri zorunludur.",
         "Turkish title. At least one of the Turkish or English titles is required.",
         "Gençler için Dijital Beceriler", 500, ("Başlık (TR)", "Title (TR)")),
    _col("title_en", "Proje adı (İngilizce)", "Title (English)", False,
         "İngilizce ad.", "English title.", "Digital Skills for Young People", 500,
         ("Başlık (EN)", "Title (EN)")),
    _col("acronym", "Kısaltma", "Acronym", False,
         "Projenin kısa adı.", "The project's acronym.", "DIGIYOUTH", 60),
    _col("summary_tr", "Özet (Türkçe)", "Summary (Turkish)", False,
         "Kısa Türkçe özet.", "Short Turkish summary.",
         "Bornova ve Buca'daki gençlere kodlama eğitimi verilecektir.", None,
         ("Özet (TR)", "Summary (TR)")),
    _col("summary_en", "Özet (İngilizce)", "Summary (English)", False,
         "Kısa İngilizce özet.", "Short English summary.",
         "Coding courses for young people in Bornova and Buca.", None,
         ("Özet (EN)", "Summary (EN)")),
    _col("owner_name", "Yürütücü kurum", "Lead organisation", False,
         "Projeyi yürüten Türk kurumu; ortaklar arasında yoksa koordinatör olarak eklenir.",
         "The Turkish organisation running the project; added as coordinator when it is "
         "not among the partners.",
         "Bornova Belediyesi", 300, ("Yürütücü kurum", "Owner organisation")),
    _col("programme", "Program", "Programme", False,
         "Fon programı (Erasmus+, Ufuk Avrupa, IPA …).",
         "Funding programme (Erasmus+, Horizon Europe, IPA …).", "Erasmus+", 200),
    _col("call_identifier", "Çağrı kodu", "Call identifier", False,
         "Başvurulan çağrının kodu.", "Identifier of the call applied to.",
         "ERASMUS-YOUTH-2025-KA220-YOU", 200),
    _col("stage", "Aşama", "Stage", True,
         f"Aşama kodu veya adı: {_STAGE_LIST}.", f"Stage code or name: {_STAGE_LIST_EN}.",
         "submitted"),
    _col("start_date", "Başlangıç tarihi", "Start date", False,
         "GG.AA.YYYY, GG/AA/YYYY, YYYY-AA-GG veya Excel tarihi.",
         "DD.MM.YYYY, DD/MM/YYYY, YYYY-MM-DD or an Excel date.", "01.09.2025"),
    _col("end_date", "Bitiş tarihi", "End date", False,
         "Başlangıç tarihinden önce olamaz.", "Not before the start date.", "31.08.2027"),
    _col("total_cost", "Toplam bütçe", "Total cost", False,
         "Sayı: 250000, 250.000 veya 250.000,50; negatif olamaz.",
         "Number: 250000, 250.000 or 250.000,50; not negative.", "250000"),
    _col("grant_amount", "Hibe tutarı", "Grant amount", False,
         "Sayı; negatif olamaz ve toplam bütçeyi aşamaz.",
         "Number; not negative and not above the total cost.", "200000"),
    _col("currency", "Para birimi", "Currency", False,
         "EUR (boşsa) veya TRY.", "EUR (when empty) or TRY.", "EUR"),
    _col("exchange_rate", "Kur (TRY/EUR)", "Exchange rate (TRY per EUR)", False,
         "1 avronun TL karşılığı (ör. 37,25); para birimi TRY ise zorunlu.",
         "Turkish lira per euro (e.g. 37.25); required when the currency is TRY.", ""),
    _col("exchange_rate_date", "Kur tarihi", "Exchange rate date", False,
         "Kurun tarihi; para birimi TRY ise zorunlu.",
         "Date of the exchange rate; required when the currency is TRY.", ""),
    _col("province", "İl", "Province", False,
         "Projenin ili: plaka (35) veya ad (İzmir). Boşsa ilçeler ofisin ilinde aranır.",
         "The project's province: plate (35) or name (İzmir). Without it the districts "
         "are those of the office's province.",
         "İzmir"),
    _col("districts", "İlçeler", "Districts", False,
         "O ilin ilçeleri, ';' ile ayrılır.", "Districts of that province, separated by ';'.",
         "Bornova; Buca"),
    _col("sectors", "Sektörler", "Sectors", False,
         "Sektör kodları veya adları, ';' ile ayrılır.",
         "Sector codes or names, separated by ';'.", "youth; digital"),
    _col("target_groups", "Hedef gruplar", "Target groups", False,
         "Hedef grup kodları veya adları, ';' ile ayrılır.",
         "Target group codes or names, separated by ';'.", "youth; students"),
    _col("partners", "Ortaklar", "Partners", False,
         "Her ortak 'ad | ülke | rol' (Türk ortak için isteğe bağlı '| il'); ortaklar ';' ile "
         f"ayrılır. Ülke: ISO kodu (TR, DE, GR) veya adı. Rol: {_ROLE_LIST}.",
         "Each partner 'name | country | role' (for a Turkish partner optionally "
         "'| province'); partners separated by ';'. Country: ISO code (TR, DE, GR) or name. "
         f"Role: {_ROLE_LIST_EN}.",
         "Ege Üniversitesi | TR | partner | İzmir; Universidad de Sevilla | ES | partner"),
    _col("source_url", "Bağlantı", "Link", False,
         "Projenin web sayfası (http:// veya https://).",
         "The project's web page (http:// or https://).", "", 500),
)  # fmt: skip

_BY_KEY = {c.key: c for c in TEMPLATE_COLUMNS}
_BY_ALIAS = {alias: c.key for c in TEMPLATE_COLUMNS for alias in c.aliases}
_STAGE_NAMES = {
    search_key(name): code
    for code, labels in STAGE_LABELS.items()
    for name in (code, code.replace("_", " "), *labels)
}
_ROLE_NAMES = {
    search_key(name): code
    for code, labels in ROLE_LABELS.items()
    for name in (code, code.replace("_", " "), *labels)
} | {"ortak": "partner", "koordinator": "coordinator", "third party": "third_party"}
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


Pairs = tuple[tuple[str, str], ...]


def _pairs(choices: Iterable[tuple[Any, Any]] | None) -> Pairs | None:
    return None if choices is None else tuple((str(v), str(lb)) for v, lb in choices)


@dataclass(frozen=True)
class TemplateChoices:
    """The allowed sector and target-group ``(code, label)`` pairs (Django's ``.choices``,
    Turkish labels), and optionally the same codes with English labels.

    ``None`` for a field means "not known here": its values are kept as codes and the
    import service checks them. English labels are accepted as well and shown in the
    notes sheet. The ``*_aliases`` are ``(former code or label, code)`` pairs, read
    but not shown.
    """

    sectors: Pairs | None = None
    target_groups: Pairs | None = None
    sectors_en: Pairs = ()
    target_groups_en: Pairs = ()
    sector_aliases: Pairs = ()
    target_group_aliases: Pairs = ()

    @classmethod
    def of(
        cls,
        sectors: Iterable[tuple[Any, Any]] | None,
        target_groups: Iterable[tuple[Any, Any]] | None,
        *,
        sectors_en: Iterable[tuple[Any, Any]] = (),
        target_groups_en: Iterable[tuple[Any, Any]] = (),
    ) -> TemplateChoices:
        return cls(
            _pairs(sectors),
            _pairs(target_groups),
            _pairs(sectors_en) or (),
            _pairs(target_groups_en) or (),
        )


def model_choices() -> TemplateChoices:
    """The choices of ``kopru.projects.models`` when Django is set up, else unknown.

    Labels are taken in Turkish and in English whatever the active language, so that a
    file reads the same whoever imports it.
    """
    try:
        from django.apps import apps
        from django.utils import translation
    except ImportError:  # pragma: no cover - Django is a dependency of the project
        return TemplateChoices()
    if not apps.ready:
        return TemplateChoices()
    from kopru.core.vocabularies import (
        SECTOR_ALIASES,
        TARGET_GROUP_ALIASES,
        Sector,
        TargetGroup,
    )

    with translation.override("tr"):
        sectors, groups = _pairs(Sector.choices), _pairs(TargetGroup.choices)
    with translation.override("en"):
        sectors_en, groups_en = _pairs(Sector.choices), _pairs(TargetGroup.choices)
    return TemplateChoices(
        sectors,
        groups,
        sectors_en or (),
        groups_en or (),
        _pairs(SECTOR_ALIASES.items()) or (),
        _pairs(TARGET_GROUP_ALIASES.items()) or (),
    )


# --- building ---------------------------------------------------------------------------


def _example_cell(column: TemplateColumn) -> str | int | None:
    """Amounts are written as numbers, everything else as text."""
    if column.key in ("total_cost", "grant_amount") and column.example.isdigit():
        return int(column.example)
    return column.example or None


def build_template_xlsx(choices: TemplateChoices | None = None) -> bytes:
    """The downloadable template: a data sheet (header + example row) and a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = choices if choices is not None else model_choices()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        head = sheet.cell(row=1, column=index, value=column.header)
        head.font, head.fill = bold, fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=2, column=index, value=_example_cell(column))
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(16, min(40, len(column.header) + 2))
        if column.key in ("source_id", "start_date", "end_date", "exchange_rate_date"):
            for number in range(2, 502):  # keep ids and dates as typed
                sheet.cell(row=number, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    for key, allowed in (("stage", ",".join(STAGES)), ("currency", ",".join(CURRENCIES))):
        letter = get_column_letter(list(_BY_KEY).index(key) + 1)
        validation = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(validation)

    notes = workbook.create_sheet(NOTES_TITLE)
    notes.append(
        ["Sütun / Column", "Zorunlu / Required", "Açıklama", "Description", "Örnek / Example"]
    )
    for c in notes[1]:
        c.font, c.fill = bold, fill
    for column in TEMPLATE_COLUMNS:
        notes.append(
            [
                column.header,
                "Evet / Yes" if column.required else "Hayır / No",
                column.description_tr,
                column.description_en,
                column.example,
            ]
        )
    notes.append([])
    for topic, desc_tr, desc_en in _GENERAL_NOTES:
        notes.append([topic, "", desc_tr, desc_en, ""])
    lists: list[tuple[str, list[tuple[str, str, str]]]] = [
        ("Aşama kodları / Stage codes", [(c, *STAGE_LABELS[c]) for c in STAGES]),
        ("Rol kodları / Role codes", [(c, *ROLE_LABELS[c]) for c in ROLES]),
        (
            "Para birimleri / Currencies",
            [("EUR", "Avro", "Euro"), ("TRY", "Türk lirası", "Turkish lira")],
        ),
    ]
    for title, pairs, english in (
        ("Sektör kodları / Sector codes", choices.sectors, choices.sectors_en),
        (
            "Hedef grup kodları / Target group codes",
            choices.target_groups,
            choices.target_groups_en,
        ),
    ):
        if pairs:
            en = dict(english)
            lists.append((title, [(code, label, en.get(code, "")) for code, label in pairs]))
    for title, entries in lists:
        notes.append([])
        notes.append([title, "", "Türkçe", "English", ""])
        notes.cell(row=notes.max_row, column=1).font = bold
        for code, label_tr, label_en in entries:
            notes.append([code, "", label_tr, label_en, ""])
    for letter, width in zip("ABCDE", (36, 16, 60, 60, 40), strict=True):
        notes.column_dimensions[letter].width = width
    for line in notes.iter_rows(min_row=2):
        for c in line:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading ----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        raise BadValue(f"tarih değil: '{_text(value)}'")
    return parse_date(str(value), dotted=True)


def _amount(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, dt.date, dt.datetime)):
        raise BadValue(f"sayı değil: '{_text(value)}'")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise BadValue(f"sayı değil: '{value}'")
        if number < 0:
            raise BadValue(f"negatif tutar: '{_text(value)}'")
        return number
    return parse_number_text(str(value))


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _code(value: str) -> str:
    return search_key(value).replace(" ", "_")


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    errors: list[RecordError]

    def cell(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str) -> str:
        return _text(self.values.get(key))

    def bad(self, key: str, reason: str) -> None:
        column = _BY_KEY[key]
        self.errors.append(
            RecordError(row(self.number), f"{column.name_tr} / {column.name_en}: {reason}")
        )


def parse_template(data: bytes, *, choices: TemplateChoices | None = None) -> ParseResult:
    """Parse a filled-in template (see the module docstring)."""
    from openpyxl import load_workbook

    result = ParseResult(format=FORMAT)
    choices = choices if choices is not None else model_choices()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any unreadable workbook: zip, XML or openpyxl errors
        result.errors.append(RecordError("file", f"XLSX dosyası okunamadı: {exc}"))
        return result
    try:
        _parse_sheets(workbook, result, choices)
    finally:
        workbook.close()
    return result


def _header_map(header: tuple[Any, ...]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        key = _BY_ALIAS.get(search_key(text.rstrip("* ")))
        if key is None:
            problems.append(f"bilinmeyen sütun: '{text}'")
        elif key in columns:
            problems.append(f"sütun iki kez var: '{text}'")
        else:
            columns[key] = index
    return columns, problems


def _parse_sheets(workbook: Any, result: ParseResult, choices: TemplateChoices) -> None:
    sheet = None
    header: tuple[Any, ...] = ()
    for candidate in workbook.worksheets:
        first = next(candidate.iter_rows(min_row=1, max_row=1, values_only=True), ())
        if any(search_key(_text(c).rstrip("* ")) in _BY_ALIAS for c in first):
            sheet, header = candidate, tuple(first)
            break
    if sheet is None:
        result.errors.append(
            RecordError(row(1), "Şablon başlıkları bulunamadı (ilk satırda sütun adları yok).")
        )
        return
    columns, problems = _header_map(header)
    for key in ("source_id", "stage"):
        if key not in columns:
            problems.append(f"zorunlu sütun yok: '{_BY_KEY[key].header}'")
    if "title_tr" not in columns and "title_en" not in columns:
        problems.append("proje adı sütunu yok (Türkçe veya İngilizce)")
    if problems:
        result.errors.extend(RecordError(row(1), p) for p in problems)
        return

    seen_ids: dict[str, int] = {}
    rows = examples = 0
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not cells or all(_text(c) == "" for c in cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
        if search_key(_text(values.get("source_id"))) in _EXAMPLE_KEYS:
            examples += 1
            continue
        rows += 1
        current = _Row(number, values, [])
        project = _record(current, choices, seen_ids)
        if current.errors:
            result.errors.extend(current.errors)
        elif project is not None:
            result.projects.append(project)
    result.stats = {"rows": rows, "projects": len(result.projects), "example_rows": examples}


def _record(
    current: _Row, choices: TemplateChoices, seen_ids: dict[str, int]
) -> ProjectRecord | None:
    source_id = current.text("source_id")
    if not source_id:
        current.bad("source_id", "boş olamaz.")
    elif len(source_id) > 120:
        current.bad("source_id", f"en çok 120 karakter olabilir ({len(source_id)} karakter).")
    elif source_id in seen_ids:
        current.bad("source_id", f"'{source_id}' {seen_ids[source_id]}. satırda da var.")
    else:
        seen_ids[source_id] = current.number
    project = ProjectRecord(position=row(current.number), source=FORMAT, source_id=source_id)
    for key in ("title_tr", "title_en", "acronym", "summary_tr", "summary_en", "owner_name",
                "programme", "call_identifier", "source_url"):  # fmt: skip
        value = current.text(key)
        limit = _BY_KEY[key].max_length
        if limit and len(value) > limit:
            current.bad(key, f"en çok {limit} karakter olabilir ({len(value)} karakter).")
        setattr(project, key, value)
    if not (project.title_tr or project.title_en):
        current.bad("title_tr", "Türkçe veya İngilizce proje adından biri zorunludur.")
    if project.source_url and not project.source_url.lower().startswith(("http://", "https://")):
        current.bad("source_url", f"http:// veya https:// ile başlamalı: '{project.source_url}'")

    stage_text = current.text("stage")
    stage = _STAGE_NAMES.get(search_key(stage_text))
    if stage is None:
        shown = f"'{stage_text}'" if stage_text else "boş"
        current.bad("stage", f"bilinmeyen aşama {shown}; izin verilenler: {', '.join(STAGES)}.")
    else:
        project.stage = stage

    for key in ("start_date", "end_date", "exchange_rate_date"):
        try:
            setattr(project, key, _date(current.cell(key)))
        except BadValue as exc:
            current.bad(key, str(exc))
    if project.start_date and project.end_date and project.end_date < project.start_date:
        current.bad(
            "end_date",
            f"bitiş ({project.end_date:%d.%m.%Y}) başlangıçtan "
            f"({project.start_date:%d.%m.%Y}) önce.",
        )
    project.duration_months = months_between(project.start_date, project.end_date)

    for key in ("total_cost", "grant_amount", "exchange_rate"):
        try:
            setattr(project, key, _amount(current.cell(key)))
        except BadValue as exc:
            current.bad(key, str(exc))
    if (
        project.total_cost is not None
        and project.grant_amount is not None
        and project.grant_amount > project.total_cost
    ):
        current.bad("grant_amount", "hibe tutarı toplam bütçeden büyük.")

    currency = current.text("currency").upper() or "EUR"
    if currency == "TL":
        currency = "TRY"
    if currency not in CURRENCIES:
        current.bad("currency", f"bilinmeyen para birimi '{currency}'; yalnız EUR veya TRY.")
    project.currency = currency
    if project.exchange_rate is not None and project.exchange_rate <= 0:
        current.bad("exchange_rate", "kur sıfırdan büyük olmalı.")
    if currency == "TRY":
        if current.cell("exchange_rate") in (None, ""):
            current.bad("exchange_rate", "para birimi TRY iken kur zorunludur.")
        if current.cell("exchange_rate_date") in (None, ""):
            current.bad("exchange_rate_date", "para birimi TRY iken kur tarihi zorunludur.")

    plate = _province(current, project)
    for key, pairs, english, aliases in (
        ("sectors", choices.sectors, choices.sectors_en, choices.sector_aliases),
        (
            "target_groups",
            choices.target_groups,
            choices.target_groups_en,
            choices.target_group_aliases,
        ),
    ):
        _codes(current, project, key, pairs, english, aliases)
    _partners(current, project, plate)
    plates = {p.province_plate for p in project.partners if p.province_plate}
    if plate:
        plates.add(plate)
    project.province_plates = sorted(plates)
    return project


def _province(current: _Row, project: ProjectRecord) -> str:
    province_text = current.text("province")
    plate = province_plate(province_text) if province_text else ""
    if province_text and not plate:
        current.bad("province", f"bilinmeyen il '{province_text}'.")
    names = _split(current.cell("districts"))
    if names and not province_text:
        # The import service checks them against the office's province.
        known = districts()
        for name in names:
            if search_key(name) not in known:
                current.bad("districts", f"'{name}' Türkiye'de bir ilçe değil.")
            elif all(search_key(name) != search_key(d) for d in project.districts):
                project.districts.append(name)
    elif names and plate:
        for name in names:
            found = district_in_province(name, plate)
            if not found:
                current.bad(
                    "districts", f"'{name}' {province_names()[plate]} ilinin bir ilçesi değil."
                )
            elif found not in project.districts:
                project.districts.append(found)
    return plate


def _codes(
    current: _Row,
    project: ProjectRecord,
    key: str,
    pairs: Pairs | None,
    english: Pairs,
    aliases: Pairs = (),
) -> None:
    table: dict[str, str] | None = None
    if pairs is not None:
        # Former names first: a current code or label of the same spelling wins.
        table = {search_key(name): value for name, value in aliases}
        for value, label in (*english, *pairs):
            table[search_key(value)] = value
            table[search_key(value.replace("_", " "))] = value
            table[search_key(label)] = value
    found: list[str] = getattr(project, key)
    for name in _split(current.cell(key)):
        code: str | None = _code(name) if table is None else table.get(search_key(name))
        if code is None:
            current.bad(key, f"bilinmeyen kod '{name}'.")
        elif code not in found:
            found.append(code)


def _partners(current: _Row, project: ProjectRecord, plate: str) -> None:
    for entry in _split(current.cell("partners")):
        parts = [p.strip() for p in entry.split("|")]
        if not parts[0] or len(parts) > 4:
            current.bad("partners", f"okunamayan ortak '{entry}' (ad | ülke | rol [| il]).")
            continue
        name = parts[0]
        code = parts[1] if len(parts) > 1 else ""
        if not code:
            current.bad("partners", f"'{name}' için ülke yazılmamış.")
            continue
        country = normalise_country(code)
        if country is None:
            current.bad("partners", f"'{name}': bilinmeyen ülke '{code}'.")
            continue
        role_text = parts[2] if len(parts) > 2 and parts[2] else "partner"
        role = _ROLE_NAMES.get(search_key(role_text))
        if role is None:
            current.bad("partners", f"'{name}': bilinmeyen rol '{role_text}'.")
            continue
        partner_plate = ""
        if len(parts) > 3 and parts[3]:
            partner_plate = province_plate(parts[3])
            if not partner_plate or country != "TR":
                current.bad("partners", f"'{name}': il '{parts[3]}' yalnız Türk ortak için, "
                            "geçerli bir il olarak yazılabilir.")  # fmt: skip
                continue
        project.partners.append(
            PartnerRecord(name=name, country=country, role=role, province_plate=partner_plate)
        )
    owner = project.owner_name
    if owner and not any(search_key(p.name) == search_key(owner) for p in project.partners):
        project.partners.insert(
            0, PartnerRecord(name=owner, country="TR", role="coordinator", province_plate=plate)
        )
