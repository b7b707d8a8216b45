"""The directory's spreadsheet: the documented XLSX template, and reading a filled-in one.

The workbook has three sheets:

``kurumlar``  one row per organisation;
``ekip``      one row per project-team member, naming the organisation by its official
              id or its name (an organisation of the same file or already recorded);
``aciklama``  every column, in Turkish and English, with the values it accepts.

Every cell of both data sheets is checked and every problem reported with its sheet,
row, column and reason; matching the rows with the directory and writing them is
:mod:`kopru.organisations.services.imports`. The export writes the same sheets, so
staff can export, correct and import again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.imports.files import read_sheets
from kopru.core.imports.problems import MESSAGES, Problem
from kopru.core.imports.report import ImportReport
from kopru.core.imports.sheets import (
    Field,
    Reader,
    choice,
    date,
    email,
    header_key,
    read_rows,
    text,
    url,
    yes_no,
)
from kopru.core.imports.workbook import Sheet, template_workbook
from kopru.core.spreadsheets import cell_text
from kopru.core.text import search_key

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
CHOICES: dict[str, type] = {"type": OrganisationType, "team_status": TeamStatus, "role": TeamRole}
TEAM_STATUS_WORDS = {"yok": "none", "kuruluyor": "forming", "kuruldu": "formed"}


@cache
def _words(name: str) -> dict[str, str]:
    """Folded codes and labels (Turkish and English) of a choice field → code."""
    words: dict[str, str] = TEAM_STATUS_WORDS.copy() if name == "team_status" else {}
    for lang in ("tr", "en"):
        with translation.override(lang):
            for value, label in CHOICES[name].choices:  # type: ignore[attr-defined]
                words[search_key(value)] = words[search_key(str(label))] = value
    return words


def _text_of(model: type, name: str) -> Reader:
    return text(int(model._meta.get_field(name).max_length or 0))  # type: ignore[attr-defined]


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
    return normalise_official_id(_text_of(Organisation, "official_id")(value))


def _org(
    name: str, field: str, read: Reader | None, help_text: Any, required: bool = False
) -> Field:
    return Field(name, field, read or _text_of(Organisation, field), required, help_text)


def _member(
    name: str, field: str, read: Reader | None, help_text: Any, required: bool = False
) -> Field:
    return Field(name, field, read or _text_of(TeamMember, field), required, help_text)


def _choice(name: str) -> Reader:
    return choice(lambda: _words(name))


ORG_COLUMNS = [
    _org("ad", "name", None, gettext_lazy("Kurumun tam adı"), True),
    _org("kisa_ad", "short_name", None, gettext_lazy("Kısaltma, ör. GMKA")),
    _org("tur", "type", _choice("type"), gettext_lazy("Kurum türü (kod ya da adı)"), True),
    _org("ilce", "district", None, gettext_lazy("İlinizdeki ilçenin adı")),
    _org("ulke", "country", _country, gettext_lazy("İki harfli ülke kodu; boşsa TR")),
    _org("resmi_kimlik_no", "official_id", _official_id, gettext_lazy(
        "Vergi no, MERSİS, kurum kodu ya da PIC; aynı kurumu bulmak için kullanılır")),
    _org("web_sitesi", "website", url, gettext_lazy("Web adresi")),
    _org("e_posta", "email", email, gettext_lazy("Kurumun e-posta adresi")),
    _org("telefon", "phone", None, gettext_lazy("Kurumun telefonu")),
    _org("adres", "address", None, gettext_lazy("Posta adresi")),
    _org("tanitim", "description", None, gettext_lazy("Rehberde görünen kısa tanıtım")),
    _org("irtibat_kisisi", "contact_name", None, gettext_lazy("İrtibat kişisinin adı")),
    _org("irtibat_unvani", "contact_title", None, gettext_lazy("İrtibat kişisinin unvanı")),
    _org("irtibat_e_postasi", "contact_email", email, gettext_lazy("İrtibat e-postası")),
    _org("irtibat_telefonu", "contact_phone", None, gettext_lazy("İrtibat telefonu")),
    _org("rehberde_yayimla", "is_public", yes_no, gettext_lazy(
        "Kamuya açık rehberde görünsün mü; yeni kayıtta boşsa evet")),
    _org("ekip_durumu", "team_status", _choice("team_status"), gettext_lazy(
        "Proje ekibinin durumu")),
    _org("ekip_kurulus_tarihi", "team_formed_on", date(dt.date(1950, 1, 1)),
         gettext_lazy("Ekibin kurulduğu gün (GG.AA.YYYY); yalnız “kuruldu” ile")),
]  # fmt: skip
TEAM_COLUMNS = [
    _member("kurum", "organisation", text(), gettext_lazy(
        "Kurumun resmî kimlik numarası ya da adı (bu dosyada ya da kayıtlı)"), True),
    _member("ad_soyad", "full_name", None, gettext_lazy("Ekip üyesinin adı soyadı"), True),
    _member("gorev", "role", _choice("role"), gettext_lazy("Ekipteki görevi; boşsa ekip üyesi")),
    _member("unvan", "job_title", None, gettext_lazy("Kurumdaki unvanı")),
    _member("beceriler", "skills", None, gettext_lazy("Virgülle ayrılmış beceriler")),
    _member("diller", "languages", _languages, gettext_lazy("Virgülle ayrılmış diller")),
    _member("e_posta", "email", email, gettext_lazy("E-posta; aynı kişiyi bulmak için")),
    _member("telefon", "phone", None, gettext_lazy("Telefon")),
    _member("irtibat_kisisi", "is_contact_point", yes_no, gettext_lazy(
        "Ekibin irtibat kişisi mi (kurum başına bir kişi)")),
]  # fmt: skip

DOC_HEADERS = [
    "sayfa / sheet",
    "sütun / column",
    "zorunlu / required",
    "açıklama",
    "description",
    "izin verilen değerler / allowed values",
]
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


class DirectoryReport(ImportReport):
    LABELS = (
        ("created", gettext_lazy("Eklenen kurum")),
        ("updated", gettext_lazy("Güncellenen kurum")),
        ("unchanged", gettext_lazy("Değişmeyen kurum")),
        ("members_created", gettext_lazy("Eklenen ekip üyesi")),
        ("members_updated", gettext_lazy("Güncellenen ekip üyesi")),
        ("members_unchanged", gettext_lazy("Değişmeyen ekip üyesi")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.members_created = self.members_updated = self.members_unchanged = 0


def allowed_values(column: Field, districts: Iterable[str]) -> str:
    """The values a column accepts (the notes sheet and the import page); ``districts``:
    the names of the office's districts."""
    if column.field in CHOICES:
        parts = []
        for value, label in CHOICES[column.field].choices:  # type: ignore[attr-defined]
            with translation.override("en"):
                english = str(label)
            with translation.override("tr"):
                parts.append(f"{value} = {label} / {english}")
        return "; ".join(
            parts + (["yok / kuruluyor / kuruldu"] if column.field == "team_status" else [])
        )
    if column.read is yes_no:
        return "evet / hayır (yes / no)"
    with translation.override("tr"):
        languages = ", ".join(f"{code} = {name}" for code, name in LANGUAGES)
    by_field = {
        "team_formed_on": "GG.AA.YYYY, YYYY-AA-GG",
        "district": ", ".join(districts),
        "languages": languages,
        "country": "TR, DE, FR, … (ISO 3166-1 alpha-2)",
        "organisation": _("{sheet} sayfasındaki ya da kayıtlı bir kurum").format(sheet=ORGS),
    }
    if column.field in by_field:
        return by_field[column.field]
    model = TeamMember if column in TEAM_COLUMNS else Organisation
    length = getattr(model._meta.get_field(column.field), "max_length", None)
    return _("en çok {n} karakter").format(n=length) if length else ""


def documentation_rows(districts: Iterable[str]) -> list[list[str]]:
    names = list(districts)
    rows = []
    for sheet, columns in ((ORGS, ORG_COLUMNS), (TEAM, TEAM_COLUMNS)):
        for c in columns:
            helps = []
            for lang in ("tr", "en"):
                with translation.override(lang):
                    helps.append(str(c.help))
            required = "evet / yes" if c.required else "hayır / no"
            rows.append([sheet, c.name, required, *helps, allowed_values(c, names)])
    return rows


def template_sheets(districts: Iterable[str]) -> list[Sheet]:
    """The two data sheets (their headers) and the documentation."""
    notes = [DOC_HEADERS, *documentation_rows(districts), [], *[[n] for n in DOC_NOTES]]
    return [
        Sheet(ORGS, [[c.name for c in ORG_COLUMNS]]),
        Sheet(TEAM, [[c.name for c in TEAM_COLUMNS]]),
        Sheet(DOC, notes, widths=(12, 22, 16, 50, 50, 60), wrap=True),
    ]


def build_template(districts: Iterable[str]) -> bytes:
    """The empty template: the two data sheets with their headers, and the documentation."""
    return template_workbook(template_sheets(districts))


Rows = list[tuple[int, dict[str, Any]]]


def read_directory(
    data: bytes, district: Reader, report: DirectoryReport
) -> tuple[Rows, Rows] | None:
    """The good rows of ``kurumlar`` and ``ekip`` ((row number, values by field)), every
    bad cell in ``report``; None when the file or a sheet cannot be read at all.
    ``district`` reads a district of the office's province."""
    whole = _("dosya")
    if len(data) > MAX_BYTES:
        report.cell_error(whole, None, "", _("Dosya çok büyük (en çok 10 MB)."))
        return None
    try:
        sheets = {header_key(title): rows for title, rows in read_sheets(data)}
    except Problem as problem:
        reason = _("Dosya okunamadı: bir Excel (.xlsx) dosyası değil ya da bozuk.")
        if problem.code != "not_xlsx":
            reason = MESSAGES.text(problem.code, problem.params)
        report.cell_error(whole, None, "", reason)
        return None
    if ORGS not in sheets:
        reason = _("“{sheet}” sayfası yok; şablonu indirip kullanın.").format(sheet=ORGS)
        report.cell_error(ORGS, None, "", reason)
        return None
    orgs, team = (
        read_rows(sheets[sheet], columns, sheet=sheet, report=report, max_rows=MAX_ROWS,
                  readers={"district": district})
        if sheet in sheets else []
        for sheet, columns in ((ORGS, ORG_COLUMNS), (TEAM, TEAM_COLUMNS))
    )  # fmt: skip
    return None if orgs is None or team is None else (orgs, team)
