"""The records the project parsers produce, and the message of every problem they find
(a code, its Turkish text; English in the catalogue). Positions are ``"line 214"`` (CSV),
``"record 7"`` (M-LAB), ``"row 12"`` (spreadsheet; the header is row 1) or ``"file"``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kopru.core.imports.problems import Messages, RecordError
from kopru.core.imports.workbook import in_tr_en

from ..models import Currency, PartnerRole, Stage

# The model's stages and roles with their Turkish and English labels (template notes, and
# the names a template cell may give).
STAGE_LABELS = {code: in_tr_en(label) for code, label in Stage.choices}
ROLE_LABELS = {code: in_tr_en(label) for code, label in PartnerRole.choices}
STAGES, CURRENCIES = tuple(Stage.values), tuple(Currency.values)


@dataclass
class PartnerRecord:
    name: str
    # ISO 3166-1 alpha-2, or "" when the source does not state it (M-LAB partner lists,
    # CORDIS rows whose country code is missing); a code that is present but unknown is a
    # RecordError.
    country: str
    role: str  # one of PartnerRole
    city: str = ""
    province_plate: str = ""  # "35": a participant in Turkey whose province is known
    # university, company, public_body, research, other, "" or a CORDIS code without one
    organisation_type: str = ""
    eu_contribution: Decimal | None = None


@dataclass
class ProjectRecord:
    position: str
    source: str  # cordis, izmir-mlab or template
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
    source_url: str = ""
    # Template-only fields (empty for the public sources).
    owner_name: str = ""
    exchange_rate: Decimal | None = None  # TRY per EUR
    exchange_rate_date: dt.date | None = None
    districts: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    format: str
    projects: list[ProjectRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)


def decode(data: bytes, result: ParseResult) -> str | None:
    """The UTF-8 text of ``data``; None, with the error in ``result``, when it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lines = data[: exc.start].count(b"\n") + 1
        result.errors.append(MESSAGES.error(f"line {lines}", "not_utf8", offset=exc.start))
        return None


MESSAGES = Messages(
    {
        # values
        "bad_date": _("“{value}” okunamadı (YYYY-AA-GG veya GG/AA/YYYY bekleniyordu)"),
        "bad_date_dotted": _(
            "“{value}” okunamadı (YYYY-AA-GG, GG/AA/YYYY veya GG.AA.YYYY bekleniyordu)"
        ),
        "impossible_date": _("olmayan bir tarih: “{value}”"),
        "not_a_date": _("tarih değil: “{value}”"),
        "not_a_number": _("sayı değil: “{value}”"),
        "negative_amount": _("negatif tutar: “{value}”"),
        "bad_duration": _("okunamayan süre: “{value}”"),
        "durations_differ": _("süreler birbirini tutmuyor: “{value}”"),
        "partial_months": _("tam ay sayısı olmayan süre: “{value}”"),
        # files
        "unknown_format": _(
            "Tanınmayan dosya biçimi: {filename} (CORDIS CSV, M-LAB projects.txt veya XLSX "
            "şablonu bekleniyordu)."
        ),
        "no_such_format": _("Bilinmeyen biçim: {value} ({formats})."),
        "empty_file": _("Dosya boş: başlık satırı yok."),
        "bad_header": _("Başlık satırı okunamadı: {detail}"),
        "unknown_header": _(
            "Tanınmayan CORDIS başlık satırı (project_id, partner_role, legal_name, "
            "country_code ve proje tarihleri bekleniyordu)."
        ),
        "broken_row": _("Bozuk CSV satırı ({detail}); dosya yarıda kesilmiş olabilir."),
        "too_many_fields": _("Satırda {found} alan var, {expected} bekleniyordu."),
        # CORDIS rows
        "end_before_start": _("bitiş tarihi ({end}) başlangıçtan ({start}) önce."),
        "unknown_country": _("bilinmeyen ülke kodu “{value}”"),
        "unknown_role": _("bilinmeyen rol “{value}”"),
        "unknown_partner_type": _("bilinmeyen ortak türü “{value}”"),
        "missing_project_id": _("proje kimliği yok."),
        "unknown_nuts3": _("Türkiye için bilinmeyen NUTS-3 kodu “{value}”"),
        # M-LAB records
        "line_before_records": _(
            "ilk kayıttan önce okunamayan satır (kayıtlar “1 Başlık:” ile başlar): “{text}”"
        ),
        "unreadable_line": _("satır {line} okunamadı: “{text}”"),
        "unknown_field_number": _("satır {line}: bilinmeyen alan numarası {n}"),
        "wrong_field": _("satır {line}: {n}. alan “{expected}” olmalı, bulunan: “{found}”"),
        "repeated_field": _("satır {line}: {n}. alan ikinci kez geçiyor"),
        "field_out_of_order": _("satır {line}: {expected}. alan bekleniyordu, bulunan {n}."),
        "missing_fields": _(
            "eksik alan: {fields} (kaydın ilk satırı {line}; dosya yarıda kesilmiş olabilir)"
        ),
        "empty_title": _("satır {line}: başlık boş"),
        "bad_value_at_line": _("satır {line}, {label}: {detail}"),
        "unknown_status": _(
            "satır {line}, Durum: bilinmeyen durum “{value}” (Devam Ediyor veya Tamamlandı "
            "bekleniyordu)"
        ),
        "no_partners": _("satır {line}: paydaş yok"),
        "no_records": _("Dosyada hiç kayıt yok."),
        # the template
        "no_template_header": _("Şablon başlıkları bulunamadı (ilk satırda sütun adları yok)."),
        "unknown_column": _("bilinmeyen sütun: “{value}”"),
        "repeated_column": _("sütun iki kez var: “{value}”"),
        "missing_column": _("zorunlu sütun yok: “{value}”"),
        "no_title_column": _("proje adı sütunu yok (Türkçe veya İngilizce)"),
        "empty": _("boş olamaz."),
        "longer": _("en çok {limit} karakter olabilir ({length} karakter)."),
        "repeated_id": _("“{value}” {row}. satırda da var."),
        "title_required": _("Türkçe veya İngilizce proje adından biri zorunludur."),
        "bad_url": _("http:// veya https:// ile başlamalı: “{value}”"),
        "unknown_stage": _("bilinmeyen aşama {value}; izin verilenler: {choices}."),
        "grant_above_total": _("hibe tutarı toplam bütçeden büyük."),
        "unknown_currency": _("bilinmeyen para birimi “{value}”; yalnız EUR veya TRY."),
        "rate_not_positive": _("kur sıfırdan büyük olmalı."),
        "rate_required": _("para birimi TRY iken kur zorunludur."),
        "rate_date_required": _("para birimi TRY iken kur tarihi zorunludur."),
        "unknown_province": _("bilinmeyen il “{value}”."),
        "not_a_district": _("“{value}” Türkiye'de bir ilçe değil."),
        "district_elsewhere": _("“{value}” {province} ilinin bir ilçesi değil."),
        "unknown_code": _("bilinmeyen kod “{value}”."),
        "bad_partner": _("okunamayan ortak “{value}” (ad | ülke | rol [| il])."),
        "partner_without_country": _("“{name}” için ülke yazılmamış."),
        "partner_country": _("“{name}”: bilinmeyen ülke “{value}”."),
        "partner_role": _("“{name}”: bilinmeyen rol “{value}”."),
        "partner_province": _(
            "“{name}”: il “{value}” yalnız Türk ortak için, geçerli bir il olarak yazılabilir."
        ),
    }
)
