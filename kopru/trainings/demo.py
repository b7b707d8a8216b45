"""Demo trainings: past and upcoming events of both offices, with people, attendance,
certificates and feedback; for İzmir, a modest imported history since 2007.

The seeds say İzmir has trained 1690 people since 2007. The demo does not invent
1690 people: it imports a small, plainly fictitious history through the real
import path, and the statistics page shows exactly what was imported.
Participants' e-mail addresses use the reserved ``.invalid`` domain.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from kopru.core.demodata import DemoContext
from kopru.core.scoping import office_scope
from kopru.geo.models import District

from .importers.history import HEADERS
from .models import (
    Attendance,
    Event,
    EventStatus,
    EventType,
    Feedback,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Session,
)
from .selectors import eligible_registrations
from .services import certificate_issue
from .services.imports import history_import

ORDER = 50

FIRST = [
    "Ayşe",
    "Mehmet",
    "Fatma",
    "Mustafa",
    "Emine",
    "Ahmet",
    "Hatice",
    "Ali",
    "Zeynep",
    "Hüseyin",
    "Elif",
    "İbrahim",
    "Şule",
    "Gökhan",
    "Özlem",
    "Çağrı",
    "Işıl",
    "Ümit",
]
LAST = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
]
ORG_TYPES = ["public_body", "municipality", "ngo", "school", "university", "chamber", "sme"]

# key, type, title_tr, title_en, days from today, sessions, capacity, participants
EVENTS: dict[str, list[tuple[str, str, str, str, int, int, int, int]]] = {
    "balikesir": [
        (
            "pdy-2026-1",
            EventType.PCM,
            "Proje Döngüsü Yönetimi Eğitimi (Bandırma)",
            "Project Cycle Management Training (Bandırma)",
            -60,
            2,
            25,
            18,
        ),
        (
            "bilgi-2026-1",
            EventType.INFO_DAY,
            "Erasmus+ 2026 Bilgilendirme Günü",
            "Erasmus+ 2026 Info Day",
            -20,
            1,
            80,
            30,
        ),
        (
            "pdy-2026-2",
            EventType.PCM,
            "Proje Döngüsü Yönetimi Eğitimi (Edremit)",
            "Project Cycle Management Training (Edremit)",
            21,
            2,
            20,
            22,
        ),
        (
            "eurodesk-2026",
            EventType.EURODESK,
            "Eurodesk Gençlik Hareketliliği Oturumu",
            "Eurodesk Youth Mobility Session",
            35,
            1,
            40,
            6,
        ),
    ],
    "izmir": [
        (
            "pdy-2026-1",
            EventType.PCM,
            "Proje Döngüsü Yönetimi Eğitimi",
            "Project Cycle Management Training",
            -45,
            3,
            30,
            24,
        ),
        (
            "paydas-2026",
            EventType.STAKEHOLDER,
            "AB Projeleri Paydaş Toplantısı",
            "EU Projects Stakeholder Meeting",
            -10,
            1,
            50,
            15,
        ),
        (
            "bilgi-2026-2",
            EventType.INFO_DAY,
            "Ufuk Avrupa Bilgilendirme Günü",
            "Horizon Europe Info Day",
            14,
            1,
            60,
            12,
        ),
        (
            "pdy-2026-2",
            EventType.PCM,
            "Proje Döngüsü Yönetimi İleri Düzey Eğitimi",
            "Advanced Project Cycle Management Training",
            40,
            2,
            25,
            5,
        ),
    ],
}

PLACES = {
    "balikesir": "Balıkesir Valiliği Toplantı Salonu",
    "izmir": "İzmir Valiliği Konferans Salonu",
}


def _person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]}"


def _event(office: Any, spec: tuple[str, str, str, str, int, int, int, int]) -> Event:
    key, etype, title_tr, title_en, days, n_sessions, capacity, _n = spec
    today = timezone.localdate()
    event = Event.objects.filter(office=office, source_id=f"demo-{key}").first() or Event(
        office=office, source_id=f"demo-{key}"
    )
    event.type, event.title_tr, event.title_en = etype, title_tr, title_en
    event.description_tr = (
        "Tanıtım verisi. AB hibe programlarına başvuru hazırlayan kurumlar için uygulamalı eğitim."
    )
    event.description_en = (
        "Demo data. A hands-on training for bodies preparing EU grant applications."
    )
    event.capacity, event.status, event.is_demo = capacity, EventStatus.PUBLISHED, True
    event.trainers = "Proje uzmanları (demo)"
    event.audience = "Kamu kurumları, belediyeler, STK'lar"
    start_day = today + dt.timedelta(days=days)
    event.registration_closes = timezone.make_aware(
        dt.datetime.combine(start_day - dt.timedelta(days=2), dt.time(17, 0))
    )
    event.starts_on = start_day
    event.refresh_derived()
    event.save()
    if not Session.objects.filter(event=event).exists():
        for d in range(n_sessions):
            begin = timezone.make_aware(
                dt.datetime.combine(start_day + dt.timedelta(days=d), dt.time(9, 30))
            )
            Session.objects.create(
                office=office,
                event=event,
                starts_at=begin,
                ends_at=begin + dt.timedelta(hours=6, minutes=30),
                place=PLACES[office.slug],
            )
    return event


def _participants(office: Any, event: Event, count: int, offset: int, past: bool) -> None:
    districts = list(District.objects.filter(province=office.province).order_by("name_sort")[:8])
    sessions = list(Session.objects.filter(event=event))
    for i in range(count):
        n = offset + i
        email = f"katilimci{n}.{office.slug}@example.invalid"
        reg = Registration.objects.filter(event=event, email_key=email).first()
        if reg is None:
            confirmed = Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            ).count()
            reg = Registration(
                office=office,
                event=event,
                full_name=_person(n),
                email=email,
                organisation_name=f"Örnek Kurum {n % 9 + 1} (demo)",
                organisation_type=ORG_TYPES[n % len(ORG_TYPES)],
                district=districts[n % len(districts)] if districts else None,
                age_group=["18_30", "31_50", "51p"][n % 3],
                priority_group=n % 4 == 0,
                status=RegistrationStatus.CONFIRMED
                if confirmed < event.capacity
                else RegistrationStatus.WAITING,
                source=RegistrationSource.PUBLIC,
                consent_text="KVKK aydınlatma metni (tanıtım verisi)",
                consent_at=timezone.now(),
                is_demo=True,
            )
            reg.refresh_derived()
            reg.save()
        if not past or reg.status != RegistrationStatus.CONFIRMED:
            continue
        # Most came to every session; every fifth missed the last one.
        attended = sessions if n % 5 else sessions[:-1] or sessions
        if n % 11 == 0:
            attended = []
        for s in attended:
            Attendance.objects.get_or_create(
                registration=reg, session=s, defaults={"office": office}
            )
        if attended and not reg.attended:
            Registration.objects.filter(pk=reg.pk).update(attended=True)
            reg.attended = True
        if attended and n % 3 == 0:
            Feedback.objects.get_or_create(
                registration=reg,
                defaults={
                    "office": office,
                    "overall": 4 + n % 2,
                    "usefulness": 3 + n % 3,
                    "trainer": 5,
                    "comment": "Çok faydalı oldu (demo)." if n % 2 else "",
                },
            )


def _certificates(office: Any, event: Event) -> int:
    issued = 0
    with office_scope(office):
        event = Event.objects.select_related("office").prefetch_related("sessions").get(pk=event.pk)
        for reg in eligible_registrations(event):
            reg.event = event
            certificate_issue(registration=reg, language="tr", actor=None, audit=False)
            issued += 1
    return issued


def _history_rows(office: Any) -> list[list[Any]]:
    """A small fictitious history (about 60 participations, 2007–2024)."""
    districts = list(
        District.objects.filter(province=office.province)
        .order_by("name_sort")
        .values_list("name", flat=True)[:10]
    )
    rows: list[list[Any]] = []
    years = [2007, 2009, 2011, 2013, 2015, 2017, 2019, 2022, 2024]
    for y_i, year in enumerate(years):
        code = f"{year}-PDY-01"
        for p in range(5 + y_i % 4):
            n = 500 + y_i * 3 + p  # overlapping people: some came back in later years
            rows.append(
                [
                    code,
                    f"Proje Döngüsü Yönetimi Eğitimi {year}",
                    "pcm" if y_i % 3 else "info_day",
                    dt.date(year, 4 + y_i % 6, 10),
                    _person(n),
                    "",
                    "",
                    f"Örnek Kurum {n % 9 + 1} (demo)",
                    ORG_TYPES[n % len(ORG_TYPES)],
                    districts[n % len(districts)] if districts else "",
                    ["18_30", "31_50", "51p"][n % 3],
                    "evet" if n % 4 == 0 else "hayır",
                ]
            )
    return rows


def _import_history(office: Any, actor: Any) -> str:
    wb = Workbook()
    ws = wb.active
    ws.title = "katilimcilar"
    ws.append(HEADERS)
    for row in _history_rows(office):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    with office_scope(office):  # a bad row raises ImportRejected with every error
        report = history_import(office=office, data=buf.getvalue(), filename="", actor=actor)
    Event.objects.filter(office=office, is_historical=True).update(is_demo=True)
    Registration.objects.filter(office=office, source=RegistrationSource.IMPORT).update(
        is_demo=True
    )
    return f"history {report.created} new / {report.unchanged} unchanged"


def load(ctx: DemoContext) -> str:
    events = certificates = 0
    notes = []
    for slug, specs in EVENTS.items():
        office = ctx.offices[slug]
        for idx, spec in enumerate(specs):
            event = _event(office, spec)
            past = spec[4] < 0
            _participants(office, event, spec[7], offset=idx * 40, past=past)
            if past:
                certificates += _certificates(office, event)
            events += 1
    notes.append(_import_history(ctx.offices["izmir"], ctx.users.get("izmir.koordinator")))
    return f"{events} events, {certificates} certificates issued, " + "; ".join(notes)
