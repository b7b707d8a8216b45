"""The training history's XLSX template and reading a filled-in one: one row per
participation (sheet ``katilimcilar``, documented in ``aciklama``), identified by event
code + e-mail, or + name without one; every row of one event code gives the same event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.imports.report import ImportReport
from kopru.core.imports.workbook import (
    Reader,
    Sheet,
    choices,
    date,
    email,
    notes_sheet,
    read_rows,
    read_workbook,
    template_workbook,
    text,
    typed_columns,
    yes_no,
)
from kopru.core.spreadsheets import cell_text
from kopru.core.text import normalise_email, search_key
from kopru.core.validation import normalise_phone
from kopru.organisations.models import OrganisationType

from ..models import AgeGroup, EventType

SHEET, DOC = "katilimcilar", "aciklama"
MAX_ROWS = 50_000


def _phone(value: Any) -> str:
    try:
        return normalise_phone(cell_text(value))
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


FIELDS = typed_columns(
    ("etkinlik_kodu", "code", text(80), gettext_lazy(
        "Etkinliğin sizin verdiğiniz kısa kodu, ör. 2012-PCM-03"), True),
    ("etkinlik_adi", "title", text(250), gettext_lazy("Etkinliğin adı"), True),
    ("etkinlik_turu", "type", choices(EventType), gettext_lazy(
        "pcm, info_day, eurodesk, stakeholder veya other"), True),
    ("tarih", "date", date(dt.date(1990, 1, 1)), gettext_lazy(
        "Etkinliğin ilk günü (GG.AA.YYYY veya tarih hücresi)"), True),
    ("ad_soyad", "full_name", text(200), gettext_lazy("Katılımcının adı soyadı"), True),
    ("e_posta", "email", email, gettext_lazy("Varsa e-posta adresi")),
    ("telefon", "phone", _phone, gettext_lazy("Varsa Türkiye telefon numarası")),
    ("kurum", "organisation_name", text(250), gettext_lazy("Kurumunun adı")),
    ("kurum_turu", "organisation_type", choices(OrganisationType),
     gettext_lazy("public_body, municipality, university, school, ngo, ...")),
    ("ilce", "district", text(), gettext_lazy("İlinizdeki ilçe adı")),
    ("yas_grubu", "age_group", choices(AgeGroup), gettext_lazy("u18, 18_30, 31_50 veya 51p")),
    ("oncelikli_grup", "priority_group", yes_no, gettext_lazy("evet / hayır")),
)  # fmt: skip
HEADERS = [c.header for c in FIELDS]
EXAMPLE = ["2012-PCM-01", "Proje Döngüsü Yönetimi Eğitimi", "pcm", dt.date(2012, 3, 14),
           "Ayşe Yılmaz", "ayse@example.org", "0532 123 45 67", "Örnek Derneği", "ngo", "",
           "18_30", "evet"]  # fmt: skip
#: What a blank optional cell gives.
DEFAULTS: dict[str, Any] = {"email": "", "phone": "", "organisation_name": "",
                            "organisation_type": "", "district": None, "age_group": "",
                            "priority_group": False}  # fmt: skip
NOTE = (
    "",
    "Her satır bir kişinin bir etkinliğe katılımıdır. Hatalı satır varsa hiçbir kayıt yazılmaz.",
    "One row per participation; when any row is wrong nothing is written.",
)


class HistoryReport(ImportReport):
    events_created = 0


def build_template() -> bytes:
    """The participants sheet (header and an example row) and the notes."""
    notes = notes_sheet(DOC, [c.note for c in FIELDS], [NOTE])
    return template_workbook([Sheet(SHEET, [HEADERS, EXAMPLE]), notes])


def read_history(
    data: bytes, district: Reader, report: HistoryReport
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, str, dt.date]]]:
    """The participations (values by field, with their ``source_id``) and each event
    code's (title, type, date); every problem goes to ``report``."""
    sheets = read_workbook(data, report)
    if sheets is None:
        return [], {}
    # the participants sheet, else the first: positions name the sheet read (its folded title)
    sheet = SHEET if SHEET in sheets else next(iter(sheets), SHEET)
    read = read_rows(
        sheets.get(sheet, []),
        FIELDS,
        sheet=sheet,
        report=report,
        max_rows=MAX_ROWS,
        readers={"district": district},
    )
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
            report.cell_error(sheet, number, "", reason)
        elif events.setdefault(row["code"], event) != event:
            reason = _("“{code}” kodlu etkinliğin adı, türü veya tarihi önceki satırlardan farklı")
            report.cell_error(sheet, number, "", reason.format(code=row["code"]))
        else:
            seen[source_id] = number
            participations.append(row | {"source_id": source_id})
    if read is not None and not read and not report.errors:
        report.cell_error(_("dosya"), None, "", _("Dosyada veri satırı yok."))
    return participations, events
