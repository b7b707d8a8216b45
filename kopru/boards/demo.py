"""Demo boards of both offices: the provincial EU advisory board (public) with its seats
drawn from the stakeholder directory, two past meetings with attendance and approved,
published minutes, and the next meeting with its agenda; and an internal working group.

The seats and invitees are the directory's demo organisations and people (their
addresses use the reserved ``.invalid`` domain). What the meetings discuss follows the
offices' own description of their work (coordination "from one hand", grant calendars,
project teams, governance with the city's stakeholders).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kopru.core.demodata import DemoContext
from kopru.organisations.models import TeamMember

from .models import (
    AgendaItem,
    Body,
    BodyKind,
    Invitation,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Minutes,
    MinutesStatus,
    Rsvp,
    Visibility,
)

ORDER = 60

# office -> [(organisation key, role)]; the person is the organisation's team contact
# point when the directory has one.
SEATS: dict[str, list[tuple[str, str]]] = {
    "balikesir": [
        ("valilik", MemberRole.CHAIR),
        ("bbb", MemberRole.VICE_CHAIR),
        ("gmka", MemberRole.MEMBER),
        ("bau", MemberRole.MEMBER),
        ("mem", MemberRole.MEMBER),
        ("bandirma-bel", MemberRole.MEMBER),
        ("edremit-bel", MemberRole.OBSERVER),
    ],
    "izmir": [
        ("valilik", MemberRole.CHAIR),
        ("ibb", MemberRole.VICE_CHAIR),
        ("izka", MemberRole.MEMBER),
        ("ege", MemberRole.MEMBER),
        ("mem", MemberRole.MEMBER),
        ("karsiyaka-bel", MemberRole.MEMBER),
        ("deu", MemberRole.OBSERVER),
    ],
}

BOARD = {
    "name_tr": "{province} İl Avrupa Birliği Danışma Kurulu",
    "name_en": "{province} Provincial EU Advisory Board",
    "mandate_tr": (
        "Kamu kurumlarının ve sivil toplum kuruluşlarının ilimize dönük AB ve dış ilişkiler "
        "çalışmalarını tek elden eşgüdümlemek; hibe programlarının takvimini paylaşmak, "
        "kurumlarda proje ekiplerinin kurulmasını izlemek ve kent politikasını ildeki "
        "paydaşlarla birlikte belirlemek (yönetişim)."
    ),
    "mandate_en": (
        "To coordinate, from one hand, the EU and foreign-relations work of the public bodies "
        "and NGOs in the province; to share the calendar of grant programmes, follow the "
        "forming of project teams in the institutions and set city policy together with the "
        "province's stakeholders (governance)."
    ),
}

GROUP = {
    "name_tr": "Yeşil Mutabakat ve İklim Uyum Çalışma Grubu",
    "name_en": "Green Deal and Climate Adaptation Working Group",
    "mandate_tr": (
        "Avrupa Yeşil Mutabakatı'na uyum kapsamında ilde hazırlanacak proje fikirlerini "
        "olgunlaştırmak ve kurumlar arası ortaklıkları kurmak."
    ),
}

# (days from today, title_tr, title_en, agenda [(title, presenter, minutes)], discussion)
MEETINGS: list[tuple[int, str, str, list[tuple[str, str, int]], str]] = [
    (
        -120,
        "Olağan toplantı: hibe takvimi ve proje ekipleri",
        "Regular meeting: grant calendar and project teams",
        [
            ("Açılış ve bir önceki dönemin değerlendirilmesi", "Kurul Başkanı", 10),
            ("Yılın AB hibe programları takvimi", "AB ve Dış İlişkiler Bürosu", 30),
            ("Kurumlarda proje ekiplerinin kurulması", "AB ve Dış İlişkiler Bürosu", 20),
            ("Dilek ve öneriler", "", 10),
        ],
        "Büro, yılın Erasmus+, Ufuk Avrupa, LIFE ve Katılım Öncesi Yardım Aracı (IPA) "
        "çağrılarının takvimini sundu; kurumlardan, başvuru hazırlığına en az üç ay önce "
        "başlamaları istendi.\n\n"
        "Proje ekiplerinin durumu görüşüldü: ekibi kurulmuş kurumların irtibat kişileri "
        "rehbere işlendi; ekibi olmayan kurumlara Büro'nun rehberlik edeceği belirtildi.\n\n"
        "Üyeler, eğitim takviminin ilçelere de yayılmasını önerdi.",
    ),
    (
        -40,
        "Olağan toplantı: ortak akıl ve kent politikası",
        "Regular meeting: common sense and city policy",
        [
            ("Açılış ve önceki toplantı kararlarının izlenmesi", "Sekretarya", 15),
            ("Dezavantajlı grupların çözüm sürecine katılımı", "İl Milli Eğitim Müdürlüğü", 25),
            ("Kardeş şehir ve eşleştirme olanakları", "AB ve Dış İlişkiler Bürosu", 20),
        ],
        "Önceki toplantıda alınan kararların izlenmesi yapıldı; eğitim takviminin "
        "ilçelere yayılması için iki ilçede bilgilendirme günü düzenlendiği bildirildi.\n\n"
        "Dezavantajlı grupların kendilerini ilgilendiren sorunların çözümüne katılımı için "
        "kamu istişarelerinde öz-tanım seçeneği sunulması önerildi.\n\n"
        "Eşleştirme projeleri için belediyelerin kardeş şehir ilişkilerinin derlenmesine "
        "karar verildi.",
    ),
    (
        21,
        "Olağan toplantı: çağrı dönemi hazırlığı",
        "Regular meeting: preparing the call season",
        [
            ("Açılış", "Kurul Başkanı", 5),
            ("Açık çağrılar ve il önceliklerinin eşleştirilmesi", "Kalkınma ajansı", 30),
            ("Bir sonraki dönemin eğitim ihtiyacı", "AB ve Dış İlişkiler Bürosu", 20),
        ],
        "",
    ),
]


def _seat_person(org: Any) -> tuple[Any, str, str, str]:
    person = (
        TeamMember.objects.filter(organisation=org, erased_at__isnull=True)
        .order_by("-is_contact_point", "id")
        .first()
    )
    if person is not None:
        return person, person.full_name, person.job_title, person.email
    key = org.name_search.split(" ")[0] if org.name_search else "kurum"
    return None, org.contact_name or "", org.contact_title or "", f"{key}@demo.invalid"


def _body(office: Any, spec: dict[str, str], visibility: str, kind: str, founded: dt.date) -> Body:
    name = spec["name_tr"].format(province=office.province.name)
    body = Body.objects.filter(office=office, name_tr=name).first() or Body(
        office=office, name_tr=name
    )
    body.name_en = spec.get("name_en", "").format(province=office.province.name)
    body.mandate_tr = spec["mandate_tr"]
    body.mandate_en = spec.get("mandate_en", "")
    body.visibility = visibility
    body.kind = kind
    body.established_on = founded
    body.is_demo = True
    body.refresh_derived()
    body.save()
    return body


def _seats(ctx: DemoContext, slug: str, body: Body, seats: list[tuple[str, str]]) -> list[Any]:
    made = []
    starts = body.established_on or timezone.localdate()
    for key, role in seats:
        org = ctx.organisations[slug][key]
        person, name, title, email = _seat_person(org)
        seat = Membership.objects.filter(body=body, organisation=org).first() or Membership(
            office=body.office, body=body, organisation=org
        )
        seat.person = person
        seat.full_name = name
        seat.job_title = title
        seat.email = email
        seat.role = role
        seat.term_starts_on = starts
        seat.term_ends_on = dt.date(starts.year + 3, starts.month, 1)
        seat.refresh_derived()
        seat.save()
        made.append(seat)
    return made


def _meeting(body: Body, number: int, spec: tuple[Any, ...], seats: list[Any]) -> Meeting:
    days, title_tr, title_en, agenda, discussion = spec
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=days)
    meeting = Meeting.objects.filter(body=body, number=number).first() or Meeting(
        office=body.office, body=body, number=number
    )
    meeting.title_tr, meeting.title_en = title_tr, title_en
    meeting.starts_at, meeting.ends_at = start, start + dt.timedelta(hours=2)
    meeting.place = "Valilik Toplantı Salonu"
    meeting.status = MeetingStatus.HELD if days < 0 else MeetingStatus.PLANNED
    meeting.is_demo = True
    meeting.save()
    for order, (title, presenter, minutes) in enumerate(agenda, start=1):
        AgendaItem.objects.update_or_create(
            meeting=meeting,
            order=order,
            defaults={
                "office": body.office,
                "title_tr": title,
                "presenter": presenter,
                "minutes_allotted": minutes,
            },
        )
    for index, seat in enumerate(seats):
        past = days < 0
        absent = past and index == len(seats) - 1
        inv = Invitation.objects.filter(meeting=meeting, membership=seat).first() or Invitation(
            office=body.office, meeting=meeting, membership=seat
        )
        inv.full_name = seat.full_name or seat.organisation.name
        inv.organisation_name = seat.organisation.name
        inv.email = seat.email
        inv.sent_at = start - dt.timedelta(days=14)
        if past:
            inv.rsvp = Rsvp.NO if absent else Rsvp.YES
            inv.responded_at = start - dt.timedelta(days=10)
            inv.checked_in_at = None if absent else start - dt.timedelta(minutes=5)
        else:
            inv.rsvp = Rsvp.YES if index % 3 == 0 else Rsvp.PENDING
        inv.refresh_derived()
        inv.save()
    if days < 0:
        approved = start + dt.timedelta(days=12)
        Minutes.objects.update_or_create(
            meeting=meeting,
            number=1,
            defaults={
                "office": body.office,
                "status": MinutesStatus.PUBLISHED
                if body.visibility == Visibility.PUBLIC
                else MinutesStatus.APPROVED,
                "opening": (
                    f"{body.name_tr} {number}. toplantısı {start:%d.%m.%Y} saat 10.00'da "
                    f"Valilik Toplantı Salonu'nda {len(seats) - 1} üyenin katılımıyla açıldı; "
                    "yeter sayının bulunduğu görüldü."
                ),
                "discussion": discussion,
                "closing": "Gündemde başka madde bulunmadığından toplantı kapatıldı.",
                "circulated_at": start + dt.timedelta(days=3),
                "approved_at": approved,
                "published_at": approved if body.visibility == Visibility.PUBLIC else None,
            },
        )
    return meeting


def load(ctx: DemoContext) -> str:
    bodies = meetings = 0
    for slug, seats in SEATS.items():
        office = ctx.offices[slug]
        board = _body(office, BOARD, Visibility.PUBLIC, BodyKind.BOARD, dt.date(2024, 1, 15))
        board_seats = _seats(ctx, slug, board, seats)
        for number, spec in enumerate(MEETINGS, start=1):
            _meeting(board, number, spec, board_seats)
            meetings += 1
        group = _body(
            office, GROUP, Visibility.INTERNAL, BodyKind.WORKING_GROUP, dt.date(2025, 3, 1)
        )
        _seats(ctx, slug, group, seats[1:4])
        bodies += 2
    return f"{bodies} boards, {meetings} meetings"
