"""The directory's spreadsheet: a documented XLSX template, its import, and the export.

The workbook has three sheets:

``kurumlar``  one row per organisation;
``ekip``      one row per project-team member, naming the organisation by its official
              id or its name (an organisation of the same file or already recorded);
``aciklama``  every column, in Turkish and English, with the values it accepts.

The import is all-or-nothing: every row of both sheets is checked first and every
problem is reported with its sheet, row, column and reason; only a clean file is
written, inside one transaction, through the app's services (so every created or
changed record is in the audit trail). It is idempotent: an organisation is found by
its official id, else by its folded name (``duplicate_key``, narrowed by district); a
team member by e-mail, else by folded name, within the organisation. A blank cell
never erases a stored value. The export writes the same sheets, so staff can export,
correct and import again.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.errors import ApplicationError
from kopru.core.services import field_changes
from kopru.core.spreadsheets import cell_date, cell_text, workbook_bytes
from kopru.core.text import normalise_email, search_key, sorted_turkish
from kopru.geo.models import District

from . import services
from .languages import LANGUAGES, parse_languages
from .models import (
    Organisation,
    OrganisationType,
    TeamMember,
    TeamRole,
    TeamStatus,
    duplicate_key,
    normalise_official_id,
)

ORGS = "kurumlar"
TEAM = "ekip"
DOC = "aciklama"
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000  # per sheet


@dataclass(frozen=True)
class Column:
    name: str  # the header in the sheet
    field: str  # the model field it fills
    kind: str  # text, choice, bool, date, email, url, district, country, languages, org
    required: bool
    help: Any  # a lazy translation (Turkish source, English catalogue)
    max_length: int = 0


def _len(model: type, name: str) -> int:
    return int(model._meta.get_field(name).max_length or 0)  # type: ignore[attr-defined]


def _org(name: str, field_name: str, kind: str, required: bool, help_text: Any) -> Column:
    length = _len(Organisation, field_name) if kind in ("text", "email", "url") else 0
    return Column(name, field_name, kind, required, help_text, length)


def _member(name: str, field_name: str, kind: str, required: bool, help_text: Any) -> Column:
    length = _len(TeamMember, field_name) if kind in ("text", "email") else 0
    return Column(name, field_name, kind, required, help_text, length)


ORG_COLUMNS = [
    _org("ad", "name", "text", True, gettext_lazy("Kurumun tam adı")),
    _org("kisa_ad", "short_name", "text", False, gettext_lazy("Kısaltma, ör. GMKA")),
    _org("tur", "type", "choice", True, gettext_lazy("Kurum türü (kod ya da adı)")),
    _org("ilce", "district", "district", False, gettext_lazy("İlinizdeki ilçenin adı")),
    _org("ulke", "country", "country", False, gettext_lazy("İki harfli ülke kodu; boşsa TR")),
    _org(
        "resmi_kimlik_no",
        "official_id",
        "text",
        False,
        gettext_lazy("Vergi no, MERSİS, kurum kodu ya da PIC; aynı kurumu bulmak için kullanılır"),
    ),
    _org("web_sitesi", "website", "url", False, gettext_lazy("Web adresi")),
    _org("e_posta", "email", "email", False, gettext_lazy("Kurumun e-posta adresi")),
    _org("telefon", "phone", "text", False, gettext_lazy("Kurumun telefonu")),
    _org("adres", "address", "text", False, gettext_lazy("Posta adresi")),
    _org("tanitim", "description", "text", False, gettext_lazy("Rehberde görünen kısa tanıtım")),
    _org("irtibat_kisisi", "contact_name", "text", False, gettext_lazy("İrtibat kişisinin adı")),
    _org(
        "irtibat_unvani", "contact_title", "text", False, gettext_lazy("İrtibat kişisinin unvanı")
    ),
    _org("irtibat_e_postasi", "contact_email", "email", False, gettext_lazy("İrtibat e-postası")),
    _org("irtibat_telefonu", "contact_phone", "text", False, gettext_lazy("İrtibat telefonu")),
    _org(
        "rehberde_yayimla",
        "is_public",
        "bool",
        False,
        gettext_lazy("Kamuya açık rehberde görünsün mü; yeni kayıtta boşsa evet"),
    ),
    _org("ekip_durumu", "team_status", "choice", False, gettext_lazy("Proje ekibinin durumu")),
    _org(
        "ekip_kurulus_tarihi",
        "team_formed_on",
        "date",
        False,
        gettext_lazy("Ekibin kurulduğu gün (GG.AA.YYYY); yalnız “kuruldu” ile"),
    ),
]
TEAM_COLUMNS = [
    _member(
        "kurum",
        "organisation",
        "org",
        True,
        gettext_lazy("Kurumun resmî kimlik numarası ya da adı (bu dosyada ya da kayıtlı)"),
    ),
    _member("ad_soyad", "full_name", "text", True, gettext_lazy("Ekip üyesinin adı soyadı")),
    _member("gorev", "role", "choice", False, gettext_lazy("Ekipteki görevi; boşsa ekip üyesi")),
    _member("unvan", "job_title", "text", False, gettext_lazy("Kurumdaki unvanı")),
    _member("beceriler", "skills", "text", False, gettext_lazy("Virgülle ayrılmış beceriler")),
    _member("diller", "languages", "languages", False, gettext_lazy("Virgülle ayrılmış diller")),
    _member("e_posta", "email", "email", False, gettext_lazy("E-posta; aynı kişiyi bulmak için")),
    _member("telefon", "phone", "text", False, gettext_lazy("Telefon")),
    _member(
        "irtibat_kisisi",
        "is_contact_point",
        "bool",
        False,
        gettext_lazy("Ekibin irtibat kişisi mi (kurum başına bir kişi)"),
    ),
]
CHOICES: dict[str, type] = {"type": OrganisationType, "team_status": TeamStatus, "role": TeamRole}
TEAM_STATUS_WORDS = {"yok": "none", "kuruluyor": "forming", "kuruldu": "formed"}
YES = {"evet", "e", "yes", "y", "1", "true", "dogru", "x"}
NO = {"hayir", "h", "no", "n", "0", "false", "yanlis"}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    members_created: int = 0
    members_updated: int = 0
    members_unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def error(self, sheet: str, row: int | None, column: str, reason: str) -> None:
        parts = [sheet]
        if row is not None:
            parts.append(_("satır {n}").format(n=row))
        if column:
            parts.append(column)
        self.errors.append(
            {
                "sheet": sheet,
                "row": row,
                "column": column,
                "reason": reason,
                "position": " · ".join(parts),
            }
        )

    def summary(self) -> dict[str, Any]:
        return {
            _("Eklenen kurum"): self.created,
            _("Güncellenen kurum"): self.updated,
            _("Değişmeyen kurum"): self.unchanged,
            _("Eklenen ekip üyesi"): self.members_created,
            _("Güncellenen ekip üyesi"): self.members_updated,
            _("Değişmeyen ekip üyesi"): self.members_unchanged,
            _("Hata"): len(self.errors),
        }


class ImportFailed(ApplicationError):
    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            _("Dosyada {n} hata var; hiçbir kayıt yazılmadı.").format(n=len(report.errors))
        )
        self.report = report


# --- allowed values -----------------------------------------------------------------


def _choice_words(choices: type) -> dict[str, str]:
    """Folded codes and labels (Turkish and English) → code."""
    words: dict[str, str] = {}
    for lang in ("tr", "en"):
        with translation.override(lang):
            for value, label in choices.choices:  # type: ignore[attr-defined]
                words[search_key(value)] = value
                words[search_key(str(label))] = value
    if choices is TeamStatus:
        words.update(TEAM_STATUS_WORDS)
    return words


def allowed_values(column: Column, office: Any) -> str:
    """The values a column accepts, for the ``aciklama`` sheet and the import page."""
    if column.kind == "choice":
        choices = CHOICES[column.field]
        parts = []
        for value, label in choices.choices:  # type: ignore[attr-defined]
            with translation.override("en"):
                english = str(label)
            with translation.override("tr"):
                parts.append(f"{value} = {label} / {english}")
        if choices is TeamStatus:
            parts.append("yok / kuruluyor / kuruldu")
        return "; ".join(parts)
    if column.kind == "bool":
        return "evet / hayır (yes / no)"
    if column.kind == "date":
        return "GG.AA.YYYY, YYYY-AA-GG"
    if column.kind == "district":
        names = District.objects.filter(province=office.province).values_list("name", flat=True)
        return ", ".join(sorted_turkish(names))
    if column.kind == "languages":
        with translation.override("tr"):
            return ", ".join(f"{code} = {name}" for code, name in LANGUAGES)
    if column.kind == "country":
        return "TR, DE, FR, … (ISO 3166-1 alpha-2)"
    if column.kind == "org":
        return _("{sheet} sayfasındaki ya da kayıtlı bir kurum").format(sheet=ORGS)
    if column.max_length:
        return _("en çok {n} karakter").format(n=column.max_length)
    return ""


def documentation_rows(office: Any) -> list[list[str]]:
    rows = []
    for sheet, columns in ((ORGS, ORG_COLUMNS), (TEAM, TEAM_COLUMNS)):
        for c in columns:
            with translation.override("tr"):
                tr = str(c.help)
            with translation.override("en"):
                en = str(c.help)
            rows.append(
                [
                    sheet,
                    c.name,
                    "evet / yes" if c.required else "hayır / no",
                    tr,
                    en,
                    allowed_values(c, office),
                ]
            )
    return rows


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


def template_workbook(office: Any) -> bytes:
    """The empty template: the two data sheets with their headers, and the documentation."""
    return workbook_bytes(
        [
            (ORGS, [c.name for c in ORG_COLUMNS], []),
            (TEAM, [c.name for c in TEAM_COLUMNS], []),
            (DOC, DOC_HEADERS, [*documentation_rows(office), [], *[[n] for n in DOC_NOTES]]),
        ]
    )


# --- export -------------------------------------------------------------------------


def _cell(obj: Any, column: Column) -> Any:
    value = getattr(obj, column.field)
    if column.kind == "choice":
        return value
    if column.kind == "bool":
        return "evet" if value else "hayır"
    if column.kind == "district":
        return value.name if value else ""
    if column.kind == "languages":
        return ", ".join(value or [])
    if column.kind == "org":
        return value.official_id or value.name
    return "" if value is None else value


def export_workbook(organisations: Iterable[Organisation], office: Any) -> bytes:
    """The directory in the template's own format (formulas neutralised)."""
    orgs = list(organisations)
    members = (
        TeamMember.objects.filter(organisation__in=[o.pk for o in orgs], erased_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name_sort", "-is_contact_point", "name_sort")
    )
    return workbook_bytes(
        [
            (
                ORGS,
                [c.name for c in ORG_COLUMNS],
                [[_cell(o, c) for c in ORG_COLUMNS] for o in orgs],
            ),
            (
                TEAM,
                [c.name for c in TEAM_COLUMNS],
                [[_cell(m, c) for c in TEAM_COLUMNS] for m in members],
            ),
            (DOC, DOC_HEADERS, [*documentation_rows(office), [], *[[n] for n in DOC_NOTES]]),
        ]
    )


# --- reading ------------------------------------------------------------------------


def _header(value: Any) -> str:
    return search_key(cell_text(value)).replace(" ", "_")


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]]  # (row number in the sheet, values by header)


def read_workbook(data: bytes, report: ImportReport) -> dict[str, Sheet]:
    """The two data sheets; problems with the file itself go to ``report``."""
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        report.error(_("dosya"), None, "", _("Dosya çok büyük (en çok 10 MB)."))
        return {}
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a zip, not a workbook, or a damaged one
        report.error(
            _("dosya"),
            None,
            "",
            _("Dosya okunamadı: bir Excel (.xlsx) dosyası değil ya da bozuk."),
        )
        return {}
    sheets: dict[str, Sheet] = {}
    names = {_header(n): n for n in wb.sheetnames}
    try:
        for sheet, columns, required in ((ORGS, ORG_COLUMNS, True), (TEAM, TEAM_COLUMNS, False)):
            if sheet not in names:
                if required:
                    report.error(
                        sheet,
                        None,
                        "",
                        _("“{sheet}” sayfası yok; şablonu indirip kullanın.").format(sheet=sheet),
                    )
                continue
            parsed = _read_sheet(wb[names[sheet]], sheet, columns, report)
            if parsed is not None:
                sheets[sheet] = parsed
    except Exception:
        report.error(_("dosya"), None, "", _("Dosya okunamadı: bozuk bir Excel dosyası."))
        return {}
    finally:
        wb.close()
    return sheets


def _read_sheet(ws: Any, sheet: str, columns: list[Column], report: ImportReport) -> Sheet | None:
    rows = ws.iter_rows(values_only=True)
    header = [_header(h) for h in next(rows, None) or []]
    missing = [c.name for c in columns if c.required and c.name not in header]
    if missing:
        report.error(
            sheet,
            1,
            ", ".join(missing),
            _("Zorunlu sütunlar eksik: {cols}").format(cols=", ".join(missing)),
        )
        return None
    out: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or cell_text(v) == "" for v in values):
            continue
        if len(out) >= MAX_ROWS:
            report.error(
                sheet, number, "", _("Bir sayfada en çok {n} satır olabilir.").format(n=MAX_ROWS)
            )
            return None
        out.append((number, {h: v for h, v in zip(header, values, strict=False) if h}))
    return Sheet(sheet, out)


# --- checking one value -------------------------------------------------------------


class BadValue(ValueError):
    pass


def _date(value: Any) -> dt.date:
    try:
        return cell_date(value)
    except ValueError as exc:
        raise BadValue(str(exc)) from exc


class Checker:
    """Turns one cell into a field value, or raises :class:`BadValue` with the reason."""

    def __init__(self, office: Any) -> None:
        self.office = office
        self.districts = {
            d.name_search: d for d in District.objects.filter(province=office.province)
        }
        self.words = {name: _choice_words(choices) for name, choices in CHOICES.items()}
        self.url = URLValidator(schemes=["http", "https"])

    def value(self, column: Column, raw: Any) -> Any:
        kind = column.kind
        if kind == "date":
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                raise BadValue(_("tarih yerine sayı: “{v}”").format(v=cell_text(raw)))
            day = _date(raw)
            if not dt.date(1950, 1, 1) <= day <= timezone.localdate():
                raise BadValue(_("tarih 1950 ile bugün arasında olmalı"))
            return day
        text = cell_text(raw)
        if column.max_length and len(text) > column.max_length:
            raise BadValue(_("en çok {n} karakter olabilir").format(n=column.max_length))
        if kind == "choice":
            code = self.words[column.field].get(search_key(text))
            if code is None:
                raise BadValue(_("bilinmeyen değer: “{v}”").format(v=text))
            return code
        if kind == "bool":
            word = search_key(text)
            if word in YES:
                return True
            if word in NO:
                return False
            raise BadValue(_("“evet” ya da “hayır” olmalı, “{v}” yazılmış").format(v=text))
        if kind == "district":
            district = self.districts.get(search_key(text))
            if district is None:
                raise BadValue(
                    _("{province} ilinde böyle bir ilçe yok: “{v}”").format(
                        province=self.office.province.name, v=text
                    )
                )
            return district
        if kind == "country":
            code = text.upper()
            if len(code) != 2 or not code.isascii() or not code.isalpha():
                raise BadValue(_("iki harfli ülke kodu olmalı, ör. TR"))
            return code
        if kind == "email":
            address = normalise_email(text)
            try:
                validate_email(address)
            except ValidationError as exc:
                raise BadValue(_("geçerli bir e-posta adresi değil: “{v}”").format(v=text)) from exc
            return address
        if kind == "url":
            address = text if "://" in text else f"https://{text}"
            try:
                self.url(address)
            except ValidationError as exc:
                raise BadValue(_("geçerli bir web adresi değil: “{v}”").format(v=text)) from exc
            return address
        if kind == "languages":
            codes, unknown = parse_languages(text)
            if unknown:
                raise BadValue(_("bilinmeyen dil: {v}").format(v=", ".join(unknown)))
            return codes
        if column.field == "official_id":
            return normalise_official_id(text)
        return text


def _check_row(
    checker: Checker,
    sheet: str,
    number: int,
    columns: list[Column],
    row: dict[str, Any],
    report: ImportReport,
) -> dict[str, Any] | None:
    """The row's non-blank values by field (``None`` when a cell is bad)."""
    values: dict[str, Any] = {}
    ok = True
    for column in columns:
        raw = row.get(column.name)
        if raw is None or (not isinstance(raw, dt.date) and cell_text(raw) == ""):
            if column.required:
                report.error(sheet, number, column.name, _("zorunlu alan boş"))
                ok = False
            continue
        if column.kind == "org":
            values[column.field] = cell_text(raw)
            continue
        try:
            values[column.field] = checker.value(column, raw)
        except BadValue as exc:
            report.error(sheet, number, column.name, str(exc))
            ok = False
    return values if ok else None


# --- matching against the file and the directory ------------------------------------


@dataclass
class OrgRow:
    number: int
    values: dict[str, Any]
    existing: Organisation | None = None
    instance: Organisation | None = None  # after writing


class Directory:
    """The office's organisations, indexed the ways the import looks them up."""

    def __init__(self) -> None:
        self.by_official: dict[str, list[Organisation]] = {}
        self.by_key: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.all():
            if org.official_id:
                self.by_official.setdefault(org.official_id, []).append(org)
            self.by_key.setdefault(org.duplicate_key, []).append(org)

    def find(self, official_id: str, name: str, district: Any) -> list[Organisation]:
        if official_id and official_id in self.by_official:
            return self.by_official[official_id]
        found = self.by_key.get(duplicate_key(name), [])
        if district is not None and len(found) > 1:
            same = [o for o in found if o.district_id in (None, district.pk)]
            found = same
        if official_id:  # an official id that is not recorded: not a record with another id
            found = [o for o in found if not o.official_id]
        return found


def _match_organisations(rows: list[OrgRow], directory: Directory, report: ImportReport) -> None:
    seen_official: dict[str, int] = {}
    seen_name: dict[tuple[str, int | None], int] = {}
    for row in rows:
        v = row.values
        official = v.get("official_id", "")
        district = v.get("district")
        if official:
            if official in seen_official:
                report.error(
                    ORGS,
                    row.number,
                    "resmi_kimlik_no",
                    _("aynı resmî kimlik numarası {n}. satırda da var").format(
                        n=seen_official[official]
                    ),
                )
                continue
            seen_official[official] = row.number
        name_key = (duplicate_key(v["name"]), district.pk if district else None)
        if name_key in seen_name:
            report.error(
                ORGS,
                row.number,
                "ad",
                _("aynı kurum {n}. satırda da var").format(n=seen_name[name_key]),
            )
            continue
        seen_name[name_key] = row.number
        found = directory.find(official, v["name"], district)
        if len(found) > 1:
            report.error(
                ORGS,
                row.number,
                "ad",
                _(
                    "bu adla {n} kayıt var; resmî kimlik numarasını yazın ya da önce "
                    "mükerrer kayıtları birleştirin"
                ).format(n=len(found)),
            )
            continue
        row.existing = found[0] if found else None
        if v.get("team_formed_on") and v.get("team_status", TeamStatus.FORMED) != (
            TeamStatus.FORMED
        ):
            report.error(
                ORGS,
                row.number,
                "ekip_kurulus_tarihi",
                _("kuruluş tarihi yalnız “kuruldu” durumuyla yazılabilir"),
            )


def _resolve_org(reference: str, rows: list[OrgRow], directory: Directory) -> list[Any]:
    """The organisation a team row names: an :class:`OrgRow` of this file or a record."""
    official = normalise_official_id(reference)
    in_file = [r for r in rows if official and r.values.get("official_id") == official]
    if in_file:
        return in_file
    if official in directory.by_official:
        return directory.by_official[official]
    key = duplicate_key(reference)
    in_file = [r for r in rows if duplicate_key(r.values["name"]) == key]
    if in_file:
        return in_file
    return directory.by_key.get(key, [])


@dataclass
class MemberRow:
    number: int
    values: dict[str, Any]
    target: Any  # OrgRow or Organisation


def _member_key(values: dict[str, Any]) -> str:
    return values.get("email") or "n:" + search_key(values.get("full_name", ""))


def _check_members(
    rows: list[tuple[int, dict[str, Any]]],
    org_rows: list[OrgRow],
    directory: Directory,
    report: ImportReport,
) -> list[MemberRow]:
    out: list[MemberRow] = []
    seen: dict[tuple[int, str], int] = {}
    contact: dict[int, int] = {}
    for number, values in rows:
        targets = _resolve_org(values["organisation"], org_rows, directory)
        if not targets:
            report.error(
                TEAM,
                number,
                "kurum",
                _("kurum bulunamadı: “{v}”").format(v=values["organisation"]),
            )
            continue
        if len(targets) > 1:
            report.error(
                TEAM,
                number,
                "kurum",
                _("bu adla birden çok kurum var; resmî kimlik numarasını yazın: “{v}”").format(
                    v=values["organisation"]
                ),
            )
            continue
        target = targets[0]
        ident = id(target)
        key = (ident, _member_key(values))
        if key in seen:
            report.error(
                TEAM, number, "ad_soyad", _("aynı kişi {n}. satırda da var").format(n=seen[key])
            )
            continue
        seen[key] = number
        if values.get("is_contact_point"):
            if ident in contact:
                report.error(
                    TEAM,
                    number,
                    "irtibat_kisisi",
                    _("kurumun irtibat kişisi {n}. satırda da işaretli").format(n=contact[ident]),
                )
                continue
            contact[ident] = number
        out.append(MemberRow(number, values, target))
    return out


# --- the import ---------------------------------------------------------------------


def import_directory(
    *,
    office: Any,
    data: bytes,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check the whole file, then write it in one transaction; raises
    :class:`ImportFailed` (nothing written) when anything is wrong.

    Runs in the active scope, which must be ``office``'s (job, command, test).
    """
    report = ImportReport()
    sheets = read_workbook(data, report)
    if report.errors:
        raise ImportFailed(report)
    checker = Checker(office)
    org_rows: list[OrgRow] = []
    for number, cells in sheets[ORGS].rows:
        values = _check_row(checker, ORGS, number, ORG_COLUMNS, cells, report)
        if values is not None:
            org_rows.append(OrgRow(number, values))
    team_values: list[tuple[int, dict[str, Any]]] = []
    if TEAM in sheets:
        for number, cells in sheets[TEAM].rows:
            values = _check_row(checker, TEAM, number, TEAM_COLUMNS, cells, report)
            if values is not None:
                team_values.append((number, values))
    directory = Directory()
    _match_organisations(org_rows, directory, report)
    members = _check_members(team_values, org_rows, directory, report)
    if not org_rows and not team_values and not report.errors:
        report.error(_("dosya"), None, "", _("Dosyada veri satırı yok."))
    if report.errors:
        raise ImportFailed(report)
    total = len(org_rows) + len(members)
    done = 0
    with transaction.atomic():
        for row in org_rows:
            row.instance = _write_organisation(office, row, actor, report)
            done += 1
            if progress and done % 50 == 0:
                progress(done, total)
        for member in members:
            _write_member(member, actor, report)
            done += 1
            if progress and done % 50 == 0:
                progress(done, total)
        if progress:
            progress(total, total)
    return report


def _write_organisation(office: Any, row: OrgRow, actor: Any, report: ImportReport) -> Organisation:
    data = dict(row.values)
    if data.get("team_formed_on"):
        data.setdefault("team_status", TeamStatus.FORMED)
    elif data.get("team_status") and data["team_status"] != TeamStatus.FORMED:
        data["team_formed_on"] = None
    existing = row.existing
    if existing is None:
        report.created += 1
        return services.organisation_create(office=office, data=data, actor=actor)
    if not field_changes(existing, data):
        report.unchanged += 1
        return existing
    report.updated += 1
    return services.organisation_update(
        organisation=existing, data=data, actor=actor, expected_version=None
    )


def _write_member(row: MemberRow, actor: Any, report: ImportReport) -> None:
    organisation = row.target.instance if isinstance(row.target, OrgRow) else row.target
    assert organisation is not None  # organisations are written before their members
    data = dict(row.values)
    data.pop("organisation")
    existing = _find_member(organisation, data)
    if existing is None:
        data.setdefault("role", TeamRole.MEMBER)
        services.team_member_create(organisation=organisation, data=data, actor=actor)
        report.members_created += 1
        return
    if existing.erased_at or not field_changes(existing, data):
        report.members_unchanged += 1
        return
    services.team_member_update(member=existing, data=data, actor=actor, expected_version=None)
    report.members_updated += 1


def _find_member(organisation: Organisation, data: dict[str, Any]) -> TeamMember | None:
    members = list(TeamMember.objects.filter(organisation=organisation))
    if data.get("email"):
        for m in members:
            if m.email == data["email"]:
                return m
    key = search_key(data.get("full_name", ""))
    for m in members:
        if search_key(m.full_name) == key:
            return m
    return None


def result_for_job(report: ImportReport) -> dict[str, Any]:
    return {"summary": report.summary(), "errors": report.errors[:500]}
