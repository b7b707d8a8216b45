"""The office's XLSX template: one project per row, validated strictly.

Every bad cell is reported as ``RecordError(row number, "column: reason")``; a row with
an error produces no record.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from kopru.core.text import search_key

from ..countries import normalise_country
from .geo import districts
from .records import ROLES, STAGES, ParseResult, PartnerRecord, ProjectRecord, RecordError

SHEET = "Projeler"
NOTES_SHEET = "Açıklamalar - Notes"
CURRENCIES = ("EUR", "TRY")


@dataclass(frozen=True)
class Column:
    key: str
    name_tr: str
    name_en: str
    required: bool
    description_tr: str
    description_en: str
    example: str


TEMPLATE_COLUMNS: list[Column] = [
    Column("source_id", "Kayıt kimliği", "Record id", False,
           "Kurumun kendi proje numarası; aynı numara tekrar yüklenince kayıt güncellenir.",
           "Your own project number; re-uploading the same id updates the record.",
           "IZKA-2025-001"),
    Column("title_tr", "Başlık (TR)", "Title (TR)", True,
           "Projenin Türkçe adı (TR veya EN başlıktan biri zorunlu).",
           "Turkish title (a TR or EN title is required).", "Gençler için dijital beceriler"),
    Column("title_en", "Başlık (EN)", "Title (EN)", False, "Projenin İngilizce adı.",
           "English title.", "Digital skills for young people"),
    Column("summary_tr", "Özet (TR)", "Summary (TR)", False, "Kısa Türkçe özet.",
           "Short Turkish summary.", "Gençlere kodlama eğitimi verilecektir."),
    Column("summary_en", "Özet (EN)", "Summary (EN)", False, "Kısa İngilizce özet.",
           "Short English summary.", "Coding courses for young people."),
    Column("owner_name", "Yürütücü kurum", "Owner organisation", False,
           "Projeyi yürüten kurumun adı (Türk ortak olarak eklenir).",
           "Name of the organisation running the project (added as Turkish coordinator).",
           "Bornova Belediyesi"),
    Column("programme", "Program", "Programme", False, "Fon programı.", "Funding programme.",
           "Erasmus+"),
    Column("call_identifier", "Çağrı kodu", "Call identifier", False, "Çağrının kodu.",
           "Call identifier.", "ERASMUS-YOUTH-2025-KA2"),
    Column("stage", "Aşama", "Stage", True,
           "Aşama kodu: " + ", ".join(STAGES) + ".",
           "Stage code: " + ", ".join(STAGES) + ".", "submitted"),
    Column("start_date", "Başlangıç tarihi", "Start date", False,
           "GG.AA.YYYY veya YYYY-AA-GG.", "DD.MM.YYYY or YYYY-MM-DD.", "01.09.2025"),
    Column("end_date", "Bitiş tarihi", "End date", False,
           "Başlangıçtan önce olamaz.", "Not before the start date.", "31.08.2027"),
    Column("total_cost", "Toplam bütçe", "Total cost", False, "Sayı, negatif olamaz.",
           "Number, not negative.", "250000"),
    Column("grant_amount", "Hibe tutarı", "Grant amount", False, "Sayı, negatif olamaz.",
           "Number, not negative.", "200000"),
    Column("currency", "Para birimi", "Currency", False, "EUR (boşsa) veya TRY.",
           "EUR (default) or TRY.", "EUR"),
    Column("exchange_rate", "Kur (TRY/EUR)", "Exchange rate (TRY per EUR)", False,
           "1 EUR kaç TRY; para birimi TRY ise zorunlu.", "TRY per EUR; required with TRY.", ""),
    Column("exchange_rate_date", "Kur tarihi", "Exchange rate date", False,
           "Kurun tarihi.", "Date of the exchange rate.", ""),
    Column("districts", "İlçeler", "Districts", False,
           "İlçe adları, ';' ile ayrılır.", "District names separated by ';'.", "Bornova; Buca"),
    Column("sectors", "Sektörler", "Sectors", False,
           "Sektör kodları, ';' ile ayrılır.", "Sector codes separated by ';'.",
           "youth; digital"),
    Column("target_groups", "Hedef gruplar", "Target groups", False,
           "Hedef grup kodları, ';' ile ayrılır.", "Target group codes separated by ';'.",
           "youth; students"),
    Column("partners", "Ortaklar", "Partners", False,
           "ad|ülke kodu|rol, ';' ile ayrılır; rol: " + ", ".join(ROLES) + ".",
           "name|country code|role separated by ';'; role: " + ", ".join(ROLES) + ".",
           "Ege Üniversitesi|TR|partner; Universidad de Sevilla|ES|partner"),
]  # fmt: skip
_BY_HEADER = {
    k: c.key
    for c in TEMPLATE_COLUMNS
    for k in (
        search_key(c.key),
        search_key(c.name_tr),
        search_key(c.name_en),
        search_key(f"{c.name_tr} / {c.name_en}"),
    )
}


def header_text(column: Column) -> str:
    return f"{column.name_tr} / {column.name_en}"


def _choices() -> tuple[dict[str, str], dict[str, str]]:
    """Sector and target group codes, accepted by code or Turkish label."""
    from kopru.projects.models import Sector, TargetGroup

    def table(choices: Any) -> dict[str, str]:
        found: dict[str, str] = {}
        for value, label in choices.choices:
            found[search_key(str(value))] = str(value)
            found[search_key(str(label))] = str(value)
        return found

    return table(Sector), table(TargetGroup)


def build_template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append([header_text(c) for c in TEMPLATE_COLUMNS])
    ws.append([c.example for c in TEMPLATE_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(NOTES_SHEET)
    notes.append(["Sütun / Column", "Zorunlu / Required", "Açıklama", "Description", "Örnek"])
    for c in TEMPLATE_COLUMNS:
        notes.append(
            [header_text(c), "Evet / Yes" if c.required else "Hayır / No",
             c.description_tr, c.description_en, c.example]
        )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_DATE_TR = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE_TR.match(text)
    if match:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return dt.date.fromisoformat(text)


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        number = Decimal(text)
    if not number.is_finite():
        raise ValueError(value)
    if number < 0:
        raise ValueError(f"negatif: {value}")
    return number


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def parse_template(data: bytes) -> ParseResult:
    from openpyxl import load_workbook

    result = ParseResult(format="template")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any unreadable workbook
        result.errors.append(RecordError(1, f"XLSX dosyası okunamadı: {exc}"))
        return result
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _BY_HEADER.get(search_key(_text(cell)))
        if key:
            columns[key] = i
    missing = [c for c in ("title_tr", "stage") if c not in columns]
    if missing:
        result.errors.append(RecordError(1, f"Eksik sütun: {', '.join(missing)}"))
        return result
    sectors, groups = _choices()
    all_districts = districts()
    stage_names = {search_key(s): s for s in STAGES}
    count = 0
    for number, values in enumerate(rows, start=2):
        if not values or all(v in (None, "") for v in values):
            continue
        count += 1
        errors: list[RecordError] = []

        def cell(key: str, values: tuple[Any, ...] = values) -> Any:
            i = columns.get(key)
            return values[i] if i is not None and i < len(values) else None

        def bad(key: str, reason: str, number: int = number, errors: list = errors) -> None:
            errors.append(RecordError(number, f"{key}: {reason}"))

        record = ProjectRecord(
            position=number, source="template", source_id=_text(cell("source_id"))
        )
        for key in ("title_tr", "title_en", "summary_tr", "summary_en", "owner_name",
                    "programme", "call_identifier"):  # fmt: skip
            setattr(record, key, _text(cell(key)))
        if not (record.title_tr or record.title_en):
            bad("title_tr", "Başlık yok.")
        stage = stage_names.get(search_key(_text(cell("stage"))))
        if stage is None:
            bad("stage", f"Bilinmeyen aşama: {_text(cell('stage'))}")
        else:
            record.stage = stage
        for key in ("start_date", "end_date", "exchange_rate_date"):
            try:
                setattr(record, key, _date(cell(key)))
            except (ValueError, TypeError):
                bad(key, f"Geçersiz tarih: {_text(cell(key))}")
        if record.start_date and record.end_date and record.end_date < record.start_date:
            bad("end_date", "Bitiş tarihi başlangıçtan önce.")
        for key in ("total_cost", "grant_amount", "exchange_rate"):
            try:
                setattr(record, key, _amount(cell(key)))
            except (ValueError, InvalidOperation):
                bad(key, f"Geçersiz tutar: {_text(cell(key))}")
        if record.exchange_rate == 0:
            bad("exchange_rate", "Kur sıfır olamaz.")
        currency = _text(cell("currency")).upper() or "EUR"
        if currency not in CURRENCIES:
            bad("currency", f"Bilinmeyen para birimi: {currency}")
        record.currency = currency
        if currency == "TRY" and record.exchange_rate is None:
            bad("exchange_rate", "TRY için kur zorunlu.")
        for name in _split(cell("districts")):
            if search_key(name) not in all_districts:
                bad("districts", f"Bilinmeyen ilçe: {name}")
            else:
                record.districts.append(name)
        for key, table in (("sectors", sectors), ("target_groups", groups)):
            for name in _split(cell(key)):
                code = table.get(search_key(name))
                if code is None:
                    bad(key, f"Bilinmeyen kod: {name}")
                elif code not in getattr(record, key):
                    getattr(record, key).append(code)
        for text in _split(cell("partners")):
            parts = [p.strip() for p in text.split("|")]
            name = parts[0] if parts else ""
            code = parts[1] if len(parts) > 1 else ""
            role = search_key(parts[2]).replace(" ", "_") if len(parts) > 2 else "partner"
            country = normalise_country(code)
            if not name or len(parts) > 3:
                bad("partners", f"Okunamayan ortak: {text}")
                continue
            if country is None:
                bad("partners", f"Bilinmeyen ülke kodu: {code}")
                continue
            if role not in ROLES:
                bad("partners", f"Bilinmeyen rol: {parts[2]}")
                continue
            record.partners.append(PartnerRecord(name=name, country=country, role=role))
        if record.owner_name and not any(
            search_key(p.name) == search_key(record.owner_name) for p in record.partners
        ):
            record.partners.insert(
                0, PartnerRecord(name=record.owner_name, country="TR", role="coordinator")
            )
        if errors:
            result.errors.extend(errors)
        else:
            result.projects.append(record)
    wb.close()
    result.stats = {"rows": count, "projects": len(result.projects)}
    return result
