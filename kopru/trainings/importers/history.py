"""The training history's spreadsheet: past events and their participants.

One row per participation (sheet ``katilimcilar``; ``aciklama`` documents the columns).
Every row is checked and every bad cell reported with its row; a participation is
identified by event code + e-mail, or event code + name when there is no e-mail, and
every row of one event code must give the same event. Writing the rows is
:mod:`kopru.trainings.services.imports`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.imports.files import read_sheets
from kopru.core.imports.problems import MESSAGES, Problem
from kopru.core.imports.report import ImportReport, position_label
from kopru.core.imports.sheets import Field, Reader, choice, date, email, read_rows, text, yes_no
from kopru.core.imports.workbook import Sheet, template_workbook
from kopru.core.spreadsheets import cell_text
from kopru.core.text import normalise_email, search_key
from kopru.core.validation import normalise_phone
from kopru.organisations.models import OrganisationType

from ..models import AgeGroup, EventType

SHEET, DOC = "katilimcilar", "aciklama"
MAX_ROWS = 50_000


@cache
def _codes(name: str) -> dict[str, str]:
    choices = {"type": EventType, "organisation_type": OrganisationType, "age_group": AgeGroup}
    return {search_key(code): code for code in choices[name].values}


def _phone(value: Any) -> str:
    try:
        return normalise_phone(cell_text(value))
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


def _field(name: str, field: str, read: Reader, help_text: Any, required: bool = False) -> Field:
    return Field(name, field, read, required, help_text)


FIELDS = [
    _field("etkinlik_kodu", "code", text(80), gettext_lazy(
        "Etkinliğin sizin verdiğiniz kısa kodu, ör. 2012-PCM-03"), True),
    _field("etkinlik_adi", "title", text(250), gettext_lazy("Etkinliğin adı"), True),
    _field("etkinlik_turu", "type", choice(lambda: _codes("type")), gettext_lazy(
        "pcm, info_day, eurodesk, stakeholder veya other"), True),
    _field("tarih", "date", date(dt.date(1990, 1, 1)), gettext_lazy(
        "Etkinliğin ilk günü (GG.AA.YYYY veya tarih hücresi)"), True),
    _field("ad_soyad", "full_name", text(200), gettext_lazy("Katılımcının adı soyadı"), True),
    _field("e_posta", "email", email, gettext_lazy("Varsa e-posta adresi")),
    _field("telefon", "phone", _phone, gettext_lazy("Varsa Türkiye telefon numarası")),
    _field("kurum", "organisation_name", text(250), gettext_lazy("Kurumunun adı")),
    _field("kurum_turu", "organisation_type", choice(lambda: _codes("organisation_type")),
           gettext_lazy("public_body, municipality, university, school, ngo, ...")),
    _field("ilce", "district", text(), gettext_lazy("İlinizdeki ilçe adı")),
    _field("yas_grubu", "age_group", choice(lambda: _codes("age_group")), gettext_lazy(
        "u18, 18_30, 31_50 veya 51p")),
    _field("oncelikli_grup", "priority_group", yes_no, gettext_lazy("evet / hayır")),
]  # fmt: skip
HEADERS = [f.name for f in FIELDS]
#: (column, required, description), as the import page lists them.
COLUMNS = [(f.name, f.required, f.help) for f in FIELDS]
EXAMPLE = ["2012-PCM-01", "Proje Döngüsü Yönetimi Eğitimi", "pcm", dt.date(2012, 3, 14),
           "Ayşe Yılmaz", "ayse@example.org", "0532 123 45 67", "Örnek Derneği", "ngo", "",
           "18_30", "evet"]  # fmt: skip
#: What a blank optional cell gives.
DEFAULTS = {"email": "", "phone": "", "organisation_name": "", "organisation_type": "",
            "district": None, "age_group": "", "priority_group": False}  # fmt: skip


class HistoryReport(ImportReport):
    def __init__(self) -> None:
        super().__init__()
        self.events_created = 0

    def cell_error(self, sheet: str, row: int | None, column: str, reason: Any) -> None:
        """Positions are rows (one sheet); the reason names the column."""
        where = position_label(f"row {row}") if row else _("dosya")
        self.error(where, f"{column}: {reason}" if column else reason)


def build_template() -> bytes:
    """The template: the participants sheet (header and an example row), the notes."""
    notes = [["Sütun / Column", "Zorunlu / Required", "Açıklama", "Description"]]
    for f in FIELDS:
        helps = []
        for lang in ("tr", "en"):
            with translation.override(lang):
                helps.append(str(f.help))
        notes.append([f.name, "evet / yes" if f.required else "hayır / no", *helps])
    notes += [[], ["Her satır bir kişinin bir etkinliğe katılımıdır. Hatalı satır varsa hiçbir "
                   "kayıt yazılmaz. / One row per participation; when any row is wrong nothing "
                   "is written."]]  # fmt: skip
    return template_workbook([Sheet(SHEET, [HEADERS, EXAMPLE]), Sheet(DOC, notes, wrap=True)])


def read_history(
    data: bytes, district: Reader, report: HistoryReport
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, str, dt.date]]]:
    """The participations (values by field, with their ``source_id``) and each event
    code's (title, type, date); every problem goes to ``report``."""
    try:
        sheets = dict(read_sheets(data))
    except Problem as problem:
        report.cell_error("", None, "", MESSAGES.text(problem.code, problem.params))
        return [], {}
    rows: list[Any] = sheets.get(SHEET) or next(iter(sheets.values()), [])
    read = read_rows(rows, FIELDS, sheet=SHEET, report=report, max_rows=MAX_ROWS,
                     readers={"district": district})  # fmt: skip
    seen: dict[str, int] = {}
    events: dict[str, tuple[str, str, dt.date]] = {}
    participations: list[dict[str, Any]] = []
    for number, values in read or []:
        row = DEFAULTS | values
        ident = normalise_email(row["email"]) or search_key(row["full_name"])
        source_id = f"{row['code']}:{ident}"[:80]
        event = (row["title"], row["type"], row["date"])
        if source_id in seen:
            reason = _("aynı kişi aynı etkinlikte iki kez (satır {m})").format(m=seen[source_id])
            report.cell_error(SHEET, number, "", reason)
        elif events.setdefault(row["code"], event) != event:
            reason = _("“{code}” kodlu etkinliğin adı, türü veya tarihi önceki satırlardan farklı")
            report.cell_error(SHEET, number, "", reason.format(code=row["code"]))
        else:
            seen[source_id] = number
            participations.append(row | {"source_id": source_id})
    if read is not None and not read and not report.errors:
        report.cell_error("", None, "", _("Dosyada veri satırı yok."))
    return participations, events
