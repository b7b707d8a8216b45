"""The directory's XLSX template and reading a filled-in one: ``kurumlar`` (organisations),
``ekip`` (project-team members, naming their organisation by official id or name) and
``aciklama`` (every column in Turkish and English). The export writes the same sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.imports.report import ImportReport
from kopru.core.imports.workbook import (
    NOTES_HEADER,
    REQUIRED_LABEL,
    Column,
    Reader,
    Rows,
    Sheet,
    choices,
    date,
    email,
    in_tr_en,
    read_rows,
    read_workbook,
    text,
    typed_columns,
    url,
    yes_no,
)
from kopru.core.spreadsheets import cell_text

from ..languages import LANGUAGES, parse_languages
from ..models import (
    Organisation,
    OrganisationType,
    TeamMember,
    TeamRole,
    TeamStatus,
    normalise_official_id,
)

ORGS, TEAM, DOC = "kurumlar", "ekip", "aciklama"
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000  # per sheet
CHOICES: dict[str, Any] = {"type": OrganisationType, "team_status": TeamStatus, "role": TeamRole}
TEAM_STATUS_WORDS = {"yok": "none", "kuruluyor": "forming", "kuruldu": "formed"}


def _languages(value: Any) -> list[str]:
    codes, unknown = parse_languages(cell_text(value))
    if unknown:
        raise ValueError(_("bilinmeyen dil: {v}").format(v=", ".join(unknown)))
    return codes


def _country(value: Any) -> str:
    code = cell_text(value).upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError(_("iki harfli ülke kodu olmalı, ör. TR"))
    return code


def _official_id(value: Any) -> str:
    limit = Organisation._meta.get_field("official_id").max_length
    return normalise_official_id(text(limit or 0)(value))


ORG_COLUMNS = typed_columns(
    ("ad", "name", None, gettext_lazy("Kurumun tam adı"), True),
    ("kisa_ad", "short_name", None, gettext_lazy("Kısaltma, ör. GMKA")),
    ("tur", "type", choices(OrganisationType), gettext_lazy("Kurum türü (kod ya da adı)"), True),
    ("ilce", "district", None, gettext_lazy("İlinizdeki ilçenin adı")),
    ("ulke", "country", _country, gettext_lazy("İki harfli ülke kodu; boşsa TR")),
    ("resmi_kimlik_no", "official_id", _official_id, gettext_lazy(
        "Vergi no, MERSİS, kurum kodu ya da PIC; aynı kurumu bulmak için kullanılır")),
    ("web_sitesi", "website", url, gettext_lazy("Web adresi")),
    ("e_posta", "email", email, gettext_lazy("Kurumun e-posta adresi")),
    ("telefon", "phone", None, gettext_lazy("Kurumun telefonu")),
    ("adres", "address", None, gettext_lazy("Posta adresi")),
    ("tanitim", "description", None, gettext_lazy("Rehberde görünen kısa tanıtım")),
    ("irtibat_kisisi", "contact_name", None, gettext_lazy("İrtibat kişisinin adı")),
    ("irtibat_unvani", "contact_title", None, gettext_lazy("İrtibat kişisinin unvanı")),
    ("irtibat_e_postasi", "contact_email", email, gettext_lazy("İrtibat e-postası")),
    ("irtibat_telefonu", "contact_phone", None, gettext_lazy("İrtibat telefonu")),
    ("rehberde_yayimla", "is_public", yes_no, gettext_lazy(
        "Kamuya açık rehberde görünsün mü; yeni kayıtta boşsa evet")),
    ("ekip_durumu", "team_status", choices(TeamStatus, TEAM_STATUS_WORDS), gettext_lazy(
        "Proje ekibinin durumu")),
    ("ekip_kurulus_tarihi", "team_formed_on", date(dt.date(1950, 1, 1)),
     gettext_lazy("Ekibin kurulduğu gün (GG.AA.YYYY); yalnız “kuruldu” ile")),
    model=Organisation,
)  # fmt: skip
TEAM_COLUMNS = typed_columns(
    ("kurum", "organisation", text(), gettext_lazy(
        "Kurumun resmî kimlik numarası ya da adı (bu dosyada ya da kayıtlı)"), True),
    ("ad_soyad", "full_name", None, gettext_lazy("Ekip üyesinin adı soyadı"), True),
    ("gorev", "role", choices(TeamRole), gettext_lazy("Ekipteki görevi; boşsa ekip üyesi")),
    ("unvan", "job_title", None, gettext_lazy("Kurumdaki unvanı")),
    ("beceriler", "skills", None, gettext_lazy("Virgülle ayrılmış beceriler")),
    ("diller", "languages", _languages, gettext_lazy("Virgülle ayrılmış diller")),
    ("e_posta", "email", email, gettext_lazy("E-posta; aynı kişiyi bulmak için")),
    ("telefon", "phone", None, gettext_lazy("Telefon")),
    ("irtibat_kisisi", "is_contact_point", yes_no, gettext_lazy(
        "Ekibin irtibat kişisi mi (kurum başına bir kişi)")),
    model=TeamMember,
)  # fmt: skip
SHEETS = ((ORGS, ORG_COLUMNS), (TEAM, TEAM_COLUMNS))

DOC_HEADERS = ["Sayfa / Sheet", *NOTES_HEADER[:4], "İzin verilen değerler / Allowed values"]
DOC_NOTES = [
    "Hatalı bir satır varsa hiçbir kayıt yazılmaz; bütün hatalar sayfa, satır ve sütunuyla "
    "listelenir. / If any row is wrong nothing is written; every problem is listed with its "
    "sheet, row and column.",
    "Aynı dosyayı yeniden yüklemek kayıtları çoğaltmaz: kurum resmî kimlik numarasıyla, yoksa "
    "adıyla (büyük/küçük harf ve Türkçe harf farkı gözetmeden) bulunur; boş hücre kayıtlı "
    "değeri silmez. / Importing the same file again creates no duplicates: an organisation is "
    "found by its official id, else by its name (ignoring case and Turkish letters); a blank "
    "cell never erases a stored value.",
    "Ekip üyesi aynı kurumda e-postasıyla, yoksa adı soyadıyla bulunur. Dosyada olmayan ekip "
    "üyeleri silinmez. / A team member is found within the organisation by e-mail, else by "
    "full name. Members missing from the file are not deleted.",
]


@dataclass
class DirectoryReport(ImportReport):
    members_created: int = 0
    members_updated: int = 0
    members_unchanged: int = 0

    LABELS = (
        ("created", gettext_lazy("Eklenen kurum")),
        ("updated", gettext_lazy("Güncellenen kurum")),
        ("unchanged", gettext_lazy("Değişmeyen kurum")),
        ("members_created", gettext_lazy("Eklenen ekip üyesi")),
        ("members_updated", gettext_lazy("Güncellenen ekip üyesi")),
        ("members_unchanged", gettext_lazy("Değişmeyen ekip üyesi")),
    )


def allowed_values(column: Column, districts: Iterable[str]) -> str:
    """The values a column accepts (the notes sheet and the import page)."""
    if column.key in CHOICES:
        kind = CHOICES[column.key]
        labels = ["{} = {} / {}".format(value, *in_tr_en(label)) for value, label in kind.choices]
        if column.key == "team_status":
            labels.append("yok / kuruluyor / kuruldu")
        return "; ".join(labels)
    if column.read is yes_no:
        return "evet / hayır (yes / no)"
    by_field = {
        "team_formed_on": "GG.AA.YYYY, YYYY-AA-GG",
        "district": ", ".join(districts),
        "languages": ", ".join(f"{code} = {in_tr_en(name)[0]}" for code, name in LANGUAGES),
        "country": "TR, DE, FR, … (ISO 3166-1 alpha-2)",
        "organisation": _("{sheet} sayfasındaki ya da kayıtlı bir kurum").format(sheet=ORGS),
    }
    if column.key in by_field:
        return by_field[column.key]
    return _("en çok {n} karakter").format(n=column.max_length) if column.max_length else ""


def template_sheets(names: list[str]) -> list[Sheet]:
    """The two data sheets (their headers) and the documentation (``names``: the districts)."""
    doc = [
        [sheet, c.header, REQUIRED_LABEL[c.required], *c.note[2:4], allowed_values(c, names)]
        for sheet, columns in SHEETS
        for c in columns
    ]
    notes = [DOC_HEADERS, *doc, [], *[[n] for n in DOC_NOTES]]
    return [
        *(Sheet(sheet, [[c.header for c in columns]]) for sheet, columns in SHEETS),
        Sheet(DOC, notes, widths=(12, 22, 16, 50, 50, 60), wrap=True),
    ]


def read_directory(data: bytes, district: Reader, report: DirectoryReport) -> tuple[Rows, Rows]:
    """The good rows of ``kurumlar`` and ``ekip`` ((row number, values by field)), every
    bad cell in ``report``; raises ``ImportRejected`` when the file or a sheet cannot be
    read at all."""
    if len(data) > MAX_BYTES:
        report.cell_error(_("dosya"), None, "", _("Dosya çok büyük (en çok 10 MB)."))
        report.check()
    sheets = read_workbook(data, report) or {}
    if ORGS not in sheets and not report.errors:
        reason = _("“{sheet}” sayfası yok; şablonu indirip kullanın.").format(sheet=ORGS)
        report.cell_error(ORGS, None, "", reason)
    report.check()
    orgs, team = (
        read_rows(
            sheets[sheet],
            columns,
            sheet=sheet,
            report=report,
            max_rows=MAX_ROWS,
            readers={"district": district},
        )
        if sheet in sheets
        else []
        for sheet, columns in SHEETS
    )
    if orgs is None or team is None:
        report.check()
    return orgs or [], team or []
