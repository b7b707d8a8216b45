"""The office's bulk-entry template for calls (format ``template``; see
``docs/calls-imports.md`` and the template's notes sheet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Final

from kopru.core.imports.files import is_zip
from kopru.core.imports.workbook import (
    EXAMPLE_ID,
    NOTES_TITLE,
    Column,
    Sheet,
    is_example,
    notes_sheet,
    template_workbook,
)
from kopru.core.text import search_key

from ..agencies import get_agency
from ..richtext import to_safe_html
from .cleaning import clean_text
from .records import CallDeadline, CallRecord, Collector, ParseResult, Problem, Problems, message
from .values import (
    DEADLINE_MODEL_WORDS,
    deadline_from_cell,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_int,
    zone_from_name,
)

FORMAT = "template"
SHEET_TITLE = "Çağrılar - Calls"

# A column per :class:`CallRecord` field (and "timezone").
TEMPLATE_COLUMNS: Final[tuple[Column, ...]] = (
    Column("source_id", "Kayıt Kimliği", "Record ID", False,
        "Bu satırın kalıcı kimliği; aynı dosya yeniden yüklendiğinde kayıt güncellenir. Boşsa "
        "Çağrı Kodu kullanılır.",
        "Permanent ID of this row; re-importing updates the record. Empty: the call identifier is "
        "used.", EXAMPLE_ID),
    Column("call_identifier", "Çağrı Kodu", "Call identifier", True,
        "Çağrının resmi kodu; kodu yoksa kısa bir kod yazın (ör. IZKA-2026-MDP).",
        "The call's official code; if it has none, write a short code (e.g. IZKA-2026-MDP).",
        "IZKA-2026-MDP"),
    Column("title_tr", "Çağrı Adı (Türkçe)", "Title (Turkish)", False,
        "Türkçe başlık. Türkçe veya İngilizce başlıktan en az biri zorunludur.",
        "Turkish title. At least one of the Turkish or English titles is required.",
        "2026 Yılı Yeşil Dönüşüm Mali Destek Programı"),
    Column("title_en", "Çağrı Adı (İngilizce)", "Title (English)", False, "İngilizce başlık.",
        "English title.", "2026 Green Transition Financial Support Programme"),
    Column("summary_tr", "Özet (Türkçe)", "Summary (Turkish)", False,
        "Kısa açıklama; düz metin veya basit HTML (p, ul, li, strong, em, a).",
        "Short description; plain text or simple HTML (p, ul, li, strong, em, a).",
        "KOBİ'lerin yeşil dönüşüm yatırımlarına destek."),
    Column("summary_en", "Özet (İngilizce)", "Summary (English)", False, "İngilizce açıklama.",
        "English description.", "Support for SMEs' green transition investments."),
    Column("funder", "Destek Veren Kurum", "Funder", True, "Desteği veren kurumun tam adı.",
        "Full name of the funding body.", "İzmir Kalkınma Ajansı"),
    Column("programme", "Program", "Programme", False,
        "Programın adı (ör. Ufuk Avrupa, Erasmus+, Mali Destek Programı).",
        "Programme name (e.g. Horizon Europe, Erasmus+, Financial Support Programme).",
        "Mali Destek Programı"),
    Column("programme_code", "Program Kodu", "Programme code", False, "Programın kodu, varsa.",
        "Programme code, if any.", ""),
    Column("level", "Düzey", "Level", True, "ab, ulusal, bölgesel veya yerel.",
        "eu, national, regional or local.", "bölgesel"),
    Column("instrument", "Destek Türü", "Instrument", False,
        "hibe (varsayılan), kredi, faizsiz kredi, teknik destek veya ödül.",
        "grant (default), credit, interest-free credit, technical support or prize.", "hibe"),
    Column("action_type", "Faaliyet Türü", "Action type", False,
        "Faaliyet/proje türü (ör. RIA, IA, CSA, KOBİ projeleri).",
        "Type of action (e.g. RIA, IA, CSA, SME projects).", ""),
    Column("deadline_model", "Son Tarih Modeli", "Deadline model", False,
        "tek aşamalı, iki aşamalı veya çoklu son tarih. Boşsa tarih sayısından çıkarılır.",
        "single-stage, two-stage or multiple cut-off. Empty: inferred from the number of "
        "deadlines.", "tek aşamalı"),
    Column("deadlines", "Son Başvuru Tarihleri", "Deadlines", False,
        "YYYY-AA-GG SS:DD; birden çok tarih ';' ile ayrılır. Saat yoksa 23:59 (Brüksel saatinde "
        "17:00). İki aşamalı çağrıda ikinci tarih 2. aşamadır.",
        "YYYY-MM-DD HH:MM; several dates separated by ';'. Without a time: 23:59 (17:00 in "
        "Brussels time). For two-stage calls the second date is stage 2.", "2026-10-15 23:59"),
    Column("timezone", "Saat Dilimi", "Time zone", False,
        "Son tarihlerin saat dilimi; varsayılan Europe/Istanbul. AB çağrıları için "
        "Europe/Brussels.",
        "Time zone of the deadlines; default Europe/Istanbul. For EU calls Europe/Brussels.",
        "Europe/Istanbul"),
    Column("opening_date", "Açılış Tarihi", "Opening date", False, "YYYY-AA-GG.", "YYYY-MM-DD.",
        "2026-09-01"),
    Column("budget_total", "Toplam Bütçe", "Total budget", False, "Çağrının toplam bütçesi.",
        "Total budget of the call.", "150.000.000"),
    Column("grant_min", "Asgari Destek Tutarı", "Minimum grant", False,
        "Proje başına en az destek.", "Minimum support per project.", "250.000"),
    Column("grant_max", "Azami Destek Tutarı", "Maximum grant", False,
        "Proje başına en çok destek.", "Maximum support per project.", "2.000.000"),
    Column("expected_grants", "Beklenen Proje Sayısı", "Expected number of grants", False,
        "Desteklenmesi beklenen proje sayısı.", "Expected number of funded projects.", "60"),
    Column("cofinancing_rate", "Destek Oranı (%)", "Co-financing rate (%)", False,
        "Desteğin proje bütçesine oranı, yüzde olarak (0-100).",
        "Share of the project budget the funder pays, in per cent (0-100).", "75"),
    Column("currency", "Para Birimi", "Currency", False, "EUR (varsayılan), TRY, USD...",
        "EUR (default), TRY, USD...", "TRY"),
    Column("keywords", "Anahtar Kelimeler", "Keywords", False,
        "';' ile ayrılmış anahtar kelimeler.", "Keywords separated by ';'.",
        "yeşil dönüşüm; KOBİ; enerji verimliliği"),
    Column("agency_code", "Kalkınma Ajansı Kodu", "Development agency code", False,
        "Kalkınma ajansı çağrılarında ajansın kısa kodu (ör. izka, gmka).",
        "For development agency calls, the agency's short code (e.g. izka, gmka).", "izka"),
    Column("source_url", "Bağlantı", "Link (URL)", False,
        "Çağrı sayfasının adresi (http:// veya https://).",
        "Address of the call page (http:// or https://).", "https://www.izka.org.tr/"),
    Column("source_status", "Kaynaktaki Durum", "Status at source", False,
        "Kaynağın belirttiği durum (bilgi amaçlı; durum tarihlerden hesaplanır).",
        "Status as the source states it (for information; status is derived from dates).", ""),
)  # fmt: skip

_BY_NAME = {c.key: c for c in TEMPLATE_COLUMNS}
ALIASES = {c.key: c.aliases for c in TEMPLATE_COLUMNS}
REQUIRED = {c.key: c.name_tr for c in TEMPLATE_COLUMNS if c.required}

_LEVELS = {
    "eu": "eu", "ab": "eu", "avrupa birligi": "eu", "european union": "eu",
    "national": "national", "ulusal": "national", "milli": "national",
    "regional": "regional", "bolgesel": "regional",
    "local": "local", "yerel": "local",
}  # fmt: skip
_INSTRUMENTS = {
    "grant": "grant", "hibe": "grant", "mali destek": "grant",
    "credit": "credit", "kredi": "credit",
    "interest free credit": "interest_free_credit", "faizsiz kredi": "interest_free_credit",
    "technical support": "technical_support", "teknik destek": "technical_support",
    "prize": "prize", "odul": "prize", "award": "prize",
}  # fmt: skip
_CURRENCIES = {"tl": "TRY", "₺": "TRY", "€": "EUR", "$": "USD", "avro": "EUR", "euro": "EUR"}
_TEXTS = """source_id call_identifier title_tr title_en funder programme programme_code
    action_type source_status""".split()  # noqa: SIM905
Reader = Callable[[object, str], Any]


def _choice(table: dict[str, str], default: str) -> Reader:
    def read(value: object, header: str) -> str:
        text = clean_text(value)
        if not text:
            return default
        found = table.get(search_key(text).replace("_", " "))
        if found is None:
            raise Problem(
                "bad_choice", value=text, field=header, choices=", ".join(sorted(set(table)))
            )
        return found

    return read


def _currency(value: object, header: str) -> str:
    text = clean_text(value)
    if not text:
        return "EUR"
    mapped = _CURRENCIES.get(search_key(text) or text)
    if mapped:
        return mapped
    if len(text) == 3 and text.isalpha():
        return text.upper()
    raise Problem("bad_choice", value=text, field=header, choices="EUR, TRY, USD, ...")


def _deadlines(value: object, model: str, timezone: object) -> tuple[list[CallDeadline], str]:
    zone = zone_from_name(clean_text(timezone))
    parts: Sequence[object] = [value] if isinstance(value, datetime) else _items(value)
    moments = [deadline_from_cell(p, _BY_NAME["deadlines"].name_tr, zone) for p in parts]
    ats = [m for m in moments if m is not None]
    if not model:
        model = "" if not ats else "single_stage" if len(ats) == 1 else "multiple_cutoff"
    if (model == "single_stage" and len(ats) > 1) or (model == "two_stage" and len(ats) > 2):
        raise Problem("deadline_count", model=model.replace("_", "-"), count=len(ats))
    if model == "two_stage":
        return [CallDeadline(at, stage=i) for i, at in enumerate(ats, start=1)], model
    return [CallDeadline(at) for at in sorted(ats)], model


def _url(value: object, header: str) -> str:
    text = clean_text(value)
    if text and not text.lower().startswith(("http://", "https://")):
        raise Problem("bad_url", value=text, field=header)
    return text


def _items(value: object, _header: str = "") -> list[str]:
    """The items of a cell separated by ';' or line breaks (keywords, deadlines)."""
    items = (clean_text(k) for k in str(value or "").replace("\n", ";").split(";"))
    return [k for k in items if k]


def _agency(value: object, _header: str) -> str:
    code = clean_text(value)
    agency = get_agency(code) if code else None
    if code and agency is None:
        raise Problem("unknown_agency", code=code)
    return agency.code if agency else ""


#: Field → how a cell becomes its value (given the column's Turkish header for messages),
#: in the order their problems are reported; a blank result keeps the record's default.
_READERS: dict[str, Reader] = {
    **dict.fromkeys(_TEXTS, lambda v, _h: clean_text(v)),
    **dict.fromkeys(("summary_tr", "summary_en"), lambda v, _h: to_safe_html(v)),
    "source_url": _url,
    "instrument": _choice(_INSTRUMENTS, "grant"),
    "opening_date": parse_date,
    **dict.fromkeys(("budget_total", "grant_min", "grant_max"), parse_amount),
    "expected_grants": parse_int,
    "cofinancing_rate": parse_decimal,
    "currency": _currency,
    "level": _choice(_LEVELS, ""),
    "deadline_model": _choice(DEADLINE_MODEL_WORDS, ""),
    "keywords": _items,
    "agency_code": _agency,
}


def build_record(values: dict[str, Any], position: str) -> tuple[CallRecord, list[Problem]]:
    """One template row (``values``: field name → cell value) as a record."""
    problems = Problems()
    identified = clean_text(values.get("source_id"))
    for name, header in REQUIRED.items():
        # (no code and no record ID: reported once, as a missing identifier)
        if not clean_text(values.get(name)) and (name != "call_identifier" or identified):
            problems.append(Problem("missing_value", field=header))
    record = CallRecord(position=position, source=FORMAT, source_id="")
    for name, read in _READERS.items():
        found = problems.read(read, values.get(name), _BY_NAME[name].name_tr)
        if found not in (None, ""):
            setattr(record, name, found)
    record.source_id = record.source_id or record.call_identifier
    model, timezone = record.deadline_model, values.get("timezone")
    deadlines = problems.read(_deadlines, values.get("deadlines"), model, timezone)
    record.deadlines, record.deadline_model = deadlines or ([], model)
    return record, problems


def parse_template(data: bytes, filename: str, *_: object) -> ParseResult:
    """Parse a filled-in template, XLSX or CSV (see the module doc)."""
    out = Collector(FORMAT)
    rows: Iterable[tuple[str, dict[str, Any]]]
    if is_zip(data) or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = ((p, v) for _s, p, v in out.sheet_rows(data, ALIASES, REQUIRED, first=True))
    else:
        rows = out.csv_rows(data, ALIASES, REQUIRED)
    for position, values in rows:
        if is_example(values.get("source_id")):
            out.result.skipped.append((position, message("example_row")))
        else:
            out.add(*build_record(values, position))
    return out.result


# --- the downloadable template ---------------------------------------------------

_GENERAL_NOTES = (
    ("Tarih biçimi / Date format", "YYYY-AA-GG SS:DD (ör. 2026-10-15 23:59)",
        "YYYY-MM-DD HH:MM (e.g. 2026-10-15 23:59)"),
    ("Birden çok son tarih / Several deadlines",
        "';' ile ayırın: 2026-10-15 23:59; 2027-02-15 23:59",
        "Separate with ';': 2026-10-15 23:59; 2027-02-15 23:59"),
    ("Saat yoksa / No time given", "23:59; saat dilimi Europe/Brussels ise 17:00 (AB portalı)",
        "23:59; 17:00 if the time zone is Europe/Brussels (EU portal)"),
    ("Tutarlar / Amounts", "1500000, 1.500.000 veya 1.500.000,50",
        "1500000, 1.500.000 or 1,500,000.50"),
    ("Örnek satır / Example row",
        f"Kayıt Kimliği '{EXAMPLE_ID}' olan satır içe aktarılmaz; silebilirsiniz.",
        f"The row whose Record ID is '{EXAMPLE_ID}' is not imported; you may delete it."),
    ("Zorunlu sütunlar / Required columns",
        "Başlığında * olan sütunlar ve iki başlıktan en az biri.",
        "Columns marked * and at least one of the two titles."),
)  # fmt: skip


_DROP_DOWNS = {
    "level": "ab,ulusal,bölgesel,yerel",
    "instrument": "hibe,kredi,faizsiz kredi,teknik destek,ödül",
    "deadline_model": "tek aşamalı,iki aşamalı,çoklu son tarih",
    "currency": "EUR,TRY,USD",
}
_TEXT_COLUMNS = ("deadlines", "opening_date", "source_id", "call_identifier")


def build_template_xlsx() -> bytes:
    """The downloadable template: a data sheet (header + example row) and a notes sheet."""
    names = [c.key for c in TEMPLATE_COLUMNS]
    data = Sheet(
        SHEET_TITLE,
        [[c.header for c in TEMPLATE_COLUMNS], [c.example or None for c in TEMPLATE_COLUMNS]],
        text_columns=[names.index(n) for n in _TEXT_COLUMNS],
        choices={names.index(n): allowed for n, allowed in _DROP_DOWNS.items()},
    )
    notes = notes_sheet(NOTES_TITLE, [c.note for c in TEMPLATE_COLUMNS], _GENERAL_NOTES)
    return template_workbook([data, notes])
