"""History import: past events and their participant lists from the XLSX template.

One row per participation. All-or-nothing: every row is checked first, every bad
row is reported with its position and reason, and only a clean file is written,
inside one transaction. Importing the same file again changes nothing (rows are
identified by event code + e-mail, or event code + name when there is no e-mail).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core.audit import audit_log
from kopru.core.spreadsheets import cell_date, cell_text
from kopru.core.text import normalise_email, search_key
from kopru.core.validation import check_email, normalise_phone
from kopru.geo.models import District
from kopru.organisations.models import OrganisationType

from .models import (
    AgeGroup,
    Event,
    EventStatus,
    EventType,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

# (column, required, description)
COLUMNS: list[tuple[str, bool, Any]] = [
    ("etkinlik_kodu", True, gettext_lazy("Etkinliğin sizin verdiğiniz kısa kodu, ör. 2012-PCM-03")),
    ("etkinlik_adi", True, gettext_lazy("Etkinliğin adı")),
    (
        "etkinlik_turu",
        True,
        gettext_lazy("pcm, info_day, eurodesk, stakeholder veya other"),
    ),
    ("tarih", True, gettext_lazy("Etkinliğin ilk günü (GG.AA.YYYY veya tarih hücresi)")),
    ("ad_soyad", True, gettext_lazy("Katılımcının adı soyadı")),
    ("e_posta", False, gettext_lazy("Varsa e-posta adresi")),
    ("telefon", False, gettext_lazy("Varsa Türkiye telefon numarası")),
    ("kurum", False, gettext_lazy("Kurumunun adı")),
    ("kurum_turu", False, gettext_lazy("public_body, municipality, university, school, ngo, ...")),
    ("ilce", False, gettext_lazy("İlinizdeki ilçe adı")),
    ("yas_grubu", False, gettext_lazy("u18, 18_30, 31_50 veya 51p")),
    ("oncelikli_grup", False, gettext_lazy("evet / hayır")),
]
HEADERS = [c[0] for c in COLUMNS]
MAX_ROWS = 50_000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    events_created: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def template_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "katilimcilar"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(
        [
            "2012-PCM-01",
            "Proje Döngüsü Yönetimi Eğitimi",
            "pcm",
            dt.date(2012, 3, 14),
            "Ayşe Yılmaz",
            "ayse@example.org",
            "0532 123 45 67",
            "Örnek Derneği",
            "ngo",
            "",
            "18_30",
            "evet",
        ]
    )
    doc = wb.create_sheet("aciklama")
    doc.append([_("Sütun"), _("Zorunlu"), _("Açıklama")])
    for name, required, help_text in COLUMNS:
        doc.append([name, _("evet") if required else _("hayır"), str(help_text)])
    doc.append([])
    doc.append(
        [
            _(
                "Her satır bir kişinin bir etkinliğe katılımıdır. "
                "Hatalı satır varsa hiçbir kayıt yazılmaz."
            )
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _parse_row(row: dict[str, Any], districts: dict[str, District]) -> dict[str, Any]:
    problems: list[str] = []
    out: dict[str, Any] = {}
    for name, required, _help in COLUMNS:
        if required and not cell_text(row.get(name)):
            problems.append(_("“{col}” boş").format(col=name))
    code = cell_text(row.get("etkinlik_kodu"))
    out["code"] = code[:80]
    out["title"] = cell_text(row.get("etkinlik_adi"))[:250]
    etype = cell_text(row.get("etkinlik_turu"))
    if etype and etype not in EventType.values:
        problems.append(_("etkinlik türü geçersiz: “{v}”").format(v=etype))
    out["type"] = etype
    if cell_text(row.get("tarih")):
        try:
            out["date"] = cell_date(row.get("tarih"))
            if not dt.date(1990, 1, 1) <= out["date"] <= dt.date.today():
                problems.append(_("tarih geçmişte olmalı"))
        except ValueError as exc:
            problems.append(str(exc))
    out["full_name"] = cell_text(row.get("ad_soyad"))[:200]
    for col, key, check in (
        ("e_posta", "email", check_email),
        ("telefon", "phone", normalise_phone),
    ):
        try:
            out[key] = check(cell_text(row.get(col)))
        except ValidationError as exc:
            problems.append(f"{col}: {exc.messages[0]}")
    out["organisation_name"] = cell_text(row.get("kurum"))[:250]
    org_type = cell_text(row.get("kurum_turu"))
    if org_type and org_type not in OrganisationType.values:
        problems.append(_("kurum türü geçersiz: “{v}”").format(v=org_type))
    out["organisation_type"] = org_type
    district = cell_text(row.get("ilce"))
    out["district"] = None
    if district:
        out["district"] = districts.get(search_key(district))
        if out["district"] is None:
            problems.append(_("ilçe bu ilde yok: “{v}”").format(v=district))
    age = cell_text(row.get("yas_grubu"))
    if age and age not in AgeGroup.values:
        problems.append(_("yaş grubu geçersiz: “{v}”").format(v=age))
    out["age_group"] = age
    flag = search_key(cell_text(row.get("oncelikli_grup")))
    if flag not in ("", "evet", "hayir", "yes", "no", "1", "0", "e", "h"):
        problems.append(_("öncelikli grup “evet” ya da “hayır” olmalı"))
    out["priority_group"] = flag in ("evet", "yes", "1", "e")
    if problems:
        raise ValueError("; ".join(problems))
    return out


def read_rows(fileobj: BinaryIO) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    wb = load_workbook(fileobj, read_only=True, data_only=True)
    ws = wb["katilimcilar"] if "katilimcilar" in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [cell_text(h) for h in next(rows, [])]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise ValueError(_("Şablonda eksik sütunlar: {cols}").format(cols=", ".join(missing)))
    result: list[dict[str, Any]] = []
    for values in rows:
        if values is None or all(v in (None, "") for v in values):
            result.append({})
            continue
        result.append(dict(zip(header, values, strict=False)))
        if len(result) > MAX_ROWS:
            raise ValueError(_("Dosyada en çok {n} satır olabilir.").format(n=MAX_ROWS))
    return result


def import_history(*, office: Any, fileobj: BinaryIO, actor: Any) -> ImportReport:
    report = ImportReport()
    try:
        raw_rows = read_rows(fileobj)
    except Exception as exc:  # a corrupt or foreign file: one error, nothing written
        report.errors.append({"position": _("dosya"), "reason": str(exc) or exc.__class__.__name__})
        return report
    districts = {d.name_search: d for d in District.objects.filter(province=office.province)}
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    event_info: dict[str, tuple[str, str, dt.date]] = {}
    for index, row in enumerate(raw_rows, start=2):
        if not row:
            continue
        try:
            data = _parse_row(row, districts)
        except ValueError as exc:
            report.errors.append({"position": _("satır {n}").format(n=index), "reason": str(exc)})
            continue
        ident = normalise_email(data["email"]) or search_key(data["full_name"])
        source_id = f"{data['code']}:{ident}"[:80]
        if source_id in seen:
            report.errors.append(
                {
                    "position": _("satır {n}").format(n=index),
                    "reason": _("aynı kişi aynı etkinlikte iki kez (satır {m})").format(
                        m=seen[source_id]
                    ),
                }
            )
            continue
        seen[source_id] = index
        info = (data["title"], data["type"], data["date"])
        if data["code"] in event_info and event_info[data["code"]] != info:
            report.errors.append(
                {
                    "position": _("satır {n}").format(n=index),
                    "reason": _(
                        "“{code}” kodlu etkinliğin adı, türü veya tarihi önceki satırlardan farklı"
                    ).format(code=data["code"]),
                }
            )
            continue
        event_info[data["code"]] = info
        data["source_id"] = source_id
        parsed.append((index, data))
    if not parsed and not report.errors:
        report.errors.append({"position": _("dosya"), "reason": _("Dosyada veri satırı yok.")})
    if report.errors:
        return report
    with transaction.atomic():
        events = _write_events(office, event_info, report)
        _write_registrations(office, events, parsed, report)
        audit_log(
            actor=actor,
            action="trainings.history.imported",
            office=office,
            data={
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "events_created": report.events_created,
            },
        )
    return report


def _write_events(
    office: Any, event_info: dict[str, tuple[str, str, dt.date]], report: ImportReport
) -> dict[str, Event]:
    existing = {
        e.source_id: e
        for e in Event._base_manager.filter(
            office=office, is_historical=True, source_id__in=event_info
        )
    }
    events: dict[str, Event] = {}
    for code, (title, etype, date) in event_info.items():
        event = existing.get(code)
        if event is None:
            event = Event(
                office=office,
                source_id=code,
                is_historical=True,
                status=EventStatus.PUBLISHED,
                capacity=0,
            )
            report.events_created += 1
        event.title_tr, event.type, event.starts_on = title, etype, date
        event.refresh_derived()
        event.save()
        events[code] = event
    return events


FIELDS = [
    "full_name",
    "email",
    "phone",
    "organisation_name",
    "organisation_type",
    "district",
    "age_group",
    "priority_group",
]


def _write_registrations(
    office: Any,
    events: dict[str, Event],
    parsed: list[tuple[int, dict[str, Any]]],
    report: ImportReport,
) -> None:
    existing = {
        r.source_id: r
        for r in Registration._base_manager.filter(
            office=office, source=RegistrationSource.IMPORT, event__in=events.values()
        )
    }
    new: list[Registration] = []
    for _index, data in parsed:
        reg = existing.get(data["source_id"])
        values = {f: data[f] for f in FIELDS}
        if reg is not None:
            if reg.erased_at:
                report.unchanged += 1
                continue
            if all(getattr(reg, f) == v for f, v in values.items()):
                report.unchanged += 1
                continue
            for f, v in values.items():
                setattr(reg, f, v)
            reg.refresh_derived()
            reg.save()
            report.updated += 1
            continue
        reg = Registration(
            office=office,
            event=events[data["code"]],
            status=RegistrationStatus.CONFIRMED,
            source=RegistrationSource.IMPORT,
            attended=True,
            source_id=data["source_id"],
            **values,
        )
        reg.refresh_derived()
        new.append(reg)
    Registration._base_manager.bulk_create(new, batch_size=500)
    report.created += len(new)
