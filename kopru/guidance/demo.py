"""Demo cases of the guidance desk, for both offices: every channel, open and closed.

The requests are typical of what the two offices describe (project writing, calls,
partners, reporting, Eurodesk questions); requesters are invented people marked
"(demo)" with ``.invalid`` addresses. Cases are spread over the last twelve months so
the desk overview has figures. Rewritten on every run: the same data each time.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from kopru.core.demodata import DemoContext

from .models import PUBLIC_KINDS, Case, CaseEntry, Channel, EntryKind, Outcome, Status, Topic

ORDER = 60

# channel, topic, subject, message, requester, organisation key (or stated name), advice
REQUESTS: list[tuple[str, str, str, str, str, str, str]] = [
    (
        Channel.WEB_FORM,
        Topic.PROJECT_WRITING,
        "Erasmus+ KA210 küçük ölçekli ortaklık başvurusu",
        "Okulumuzla ilk kez Erasmus+ başvurusu hazırlıyoruz. Bütçe kalemlerini ve ortak "
        "sayısını nasıl belirlemeliyiz?",
        "Seda Arı (demo)",
        "mem",
        "KA210 program rehberindeki götürü bütçe seçenekleri ve en az iki ülkeden ortak "
        "koşulu anlatıldı; örnek başvuru paylaşıldı.",
    ),
    (
        Channel.PHONE,
        Topic.FUNDING,
        "Kalkınma ajansı mali destek programı son başvuru tarihi",
        "Telefonla arayıp ajansın KOBİ programının son başvuru tarihini ve eş finansman "
        "oranını sordu.",
        "Murat Ekinci (demo)",
        "Ekinci Tarım Ürünleri Ltd. (demo)",
        "Program duyurusu ve eş finansman oranı (%50) iletildi.",
    ),
    (
        Channel.VISIT,
        Topic.IMPLEMENTATION,
        "Ara rapor ve harcama belgeleri",
        "Yürüttükleri projenin ara raporu için ofise geldiler; harcama belgelerinin "
        "düzenlenmesi konusunda destek istediler.",
        "Gökhan Er (demo)",
        "bbb",
        "Ara rapor şablonu üzerinden birlikte geçildi, eksik belgeler listelendi.",
    ),
    (
        Channel.EMAIL,
        Topic.PARTNER,
        "Horizon Europe konsorsiyumu için Türk ortak",
        "Bir Avrupa üniversitesinden gelen ortaklık teklifini değerlendirmek ve ilimizden "
        "uygun ortak bulmak istiyoruz.",
        "Aylin Tunç (demo)",
        "bau",
        "",
    ),
    (
        Channel.EURODESK,
        Topic.YOUTH_MOBILITY,
        "Avrupa Dayanışma Programı gönüllülük",
        "Üniversite öğrencisiyim; yurt dışında gönüllü olarak çalışabileceğim projeleri "
        "nasıl bulabilirim?",
        "Ece Kartal (demo)",
        "",
        "Avrupa Gençlik Portalı ve Avrupa Dayanışma Programı gönüllülük fırsatları gösterildi.",
    ),
    (
        Channel.WEB_FORM,
        Topic.TRAINING,
        "Proje Döngüsü Yönetimi eğitimi tarihleri",
        "Belediyemizin proje ekibi için PCM eğitimi ne zaman düzenlenecek?",
        "Serkan Baysal (demo)",
        "edremit-bel",
        "",
    ),
    (
        Channel.PHONE,
        Topic.EU_AFFAIRS,
        "Kardeş şehir protokolü",
        "Bir Alman belediyesiyle kardeş şehir protokolü imzalama sürecini sordu.",
        "Nilay Çetin (demo)",
        "bandirma-bel",
        "İçişleri Bakanlığı onay süreci ve gerekli belgeler anlatıldı.",
    ),
    (
        Channel.WEB_FORM,
        Topic.FUNDING,
        "Kadın kooperatifleri için hibe",
        "Kooperatifimiz için makine alımına destek veren bir hibe programı var mı?",
        "Hatice Durmaz (demo)",
        "Köy Kadınları Kooperatifi (demo)",
        "",
    ),
    (
        Channel.VISIT,
        Topic.PROJECT_WRITING,
        "Mantıksal çerçeve matrisi",
        "Hazırladıkları projenin mantıksal çerçeve matrisini birlikte gözden geçirmek "
        "için ofise geldiler.",
        "Barış Güneş (demo)",
        "gsim",
        "Göstergeler ölçülebilir hale getirildi, varsayımlar sütunu tamamlandı.",
    ),
    (
        Channel.EURODESK,
        Topic.YOUTH_MOBILITY,
        "DiscoverEU başvurusu",
        "18 yaşındayım, DiscoverEU tren biletine başvurabilir miyim?",
        "Kerem Aksoy (demo)",
        "",
        "Türkiye'den başvuru koşulları ve başvuru dönemleri anlatıldı.",
    ),
    (
        Channel.EMAIL,
        Topic.IMPLEMENTATION,
        "Proje süresi uzatma talebi",
        "Projemizin bitiş tarihini üç ay uzatmak için ajansa nasıl başvurmalıyız?",
        "Derya Koçak (demo)",
        "bto",
        "",
    ),
    (
        Channel.WEB_FORM,
        Topic.PARTNER,
        "Gençlik değişimi için Yunan ortak",
        "Okulumuzun gençlik kulübü için Ege adalarından bir ortak kuruluş arıyoruz.",
        "Onur Yalçın (demo)",
        "ayvalik-mtal",
        "",
    ),
]

# The statuses of the newest cases (oldest first); every older case is closed.
RECENT_STATUSES = [
    Status.CLOSED,
    Status.ANSWERED,
    Status.WAITING,
    Status.IN_PROGRESS,
    Status.CLOSED,
    Status.WAITING,
    Status.ANSWERED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.NEW,
    Status.NEW,
    Status.NEW,
]
OUTCOMES = [Outcome.ADVICE, Outcome.ADVICE, Outcome.SUBMITTED, Outcome.REFERRED, Outcome.FUNDED]
CASES_PER_OFFICE = 48


# The organisation keys above are Balıkesir's demo organisations; İzmir's counterparts.
IZMIR_KEYS = {
    "bbb": "ibb",
    "bau": "ege",
    "edremit-bel": "karsiyaka-bel",
    "bandirma-bel": "bergama-bel",
    "gsim": "valilik",
    "bto": "ito",
    "ayvalik-mtal": "ikcu",
}


def _requester(ctx: DemoContext, slug: str, key: str) -> tuple[Any, str]:
    """The demo organisation a key names in this office, or the stated name."""
    if not key or " " in key:
        return None, key
    if slug == "izmir":
        key = IZMIR_KEYS.get(key, key)
    org = ctx.organisations.get(slug, {}).get(key)
    return (org, "") if org is not None else (None, "")


def load(ctx: DemoContext) -> str:
    now = timezone.now()
    total = 0
    for slug, office in ctx.offices.items():
        experts = [u for name, u in sorted(ctx.users.items()) if name.startswith(f"{slug}.uzman")]
        coordinator = ctx.users.get(f"{slug}.koordinator")
        staff = experts or ([coordinator] if coordinator else [])
        Case.objects.filter(office=office, is_demo=True).delete()
        rng = random.Random(f"kopru-guidance-{slug}")  # noqa: S311 - demo data, not security
        plate = office.province.plate
        for i in range(CASES_PER_OFFICE):
            channel, topic, subject, message, person, org_key, advice = REQUESTS[i % len(REQUESTS)]
            org, stated = _requester(ctx, slug, org_key)
            age_days = int(360 * (CASES_PER_OFFICE - i) / CASES_PER_OFFICE) + rng.randint(0, 6)
            opened = now - dt.timedelta(days=age_days, hours=rng.randint(0, 9))
            recent = i - (CASES_PER_OFFICE - len(RECENT_STATUSES))
            status = RECENT_STATUSES[recent] if recent >= 0 else Status.CLOSED
            expert = staff[i % len(staff)] if staff and status != Status.NEW else None
            first_hours = rng.choice([0, 2, 5, 20, 26, 50, 70, 120])
            if channel in (Channel.PHONE, Channel.VISIT):
                first_hours = 0
            answered = status not in (Status.NEW, Status.ASSIGNED)
            first = opened + dt.timedelta(hours=first_hours) if answered else None
            closed = (
                opened + dt.timedelta(hours=first_hours + rng.randint(24, 24 * 30))
                if status == Status.CLOSED
                else None
            )
            if closed and closed > now:
                closed = now - dt.timedelta(hours=1)
            follow_up = None
            if status == Status.WAITING:  # the requester was to send documents: overdue
                follow_up = (now - dt.timedelta(days=rng.randint(2, 9))).date()
            elif status == Status.IN_PROGRESS:
                follow_up = (now + dt.timedelta(days=rng.randint(3, 14))).date()
            case = Case(
                office=office,
                reference=f"{plate}-DEMO-{i + 1:04d}",
                channel=channel,
                topic=topic,
                subject=subject,
                message=message,
                requester_name=person,
                requester_email=(
                    f"talep{i + 1}@{slug}.example.invalid" if channel != Channel.VISIT else ""
                ),
                requester_organisation_name=stated,
                organisation=org,
                priority_group=topic == Topic.YOUTH_MOBILITY,
                status=status,
                assigned_to=expert,
                assigned_at=opened + dt.timedelta(minutes=1) if expert else None,
                opened_at=opened,
                first_response_at=first,
                first_response_seconds=int((first - opened).total_seconds()) if first else None,
                closed_at=closed,
                resolution_seconds=int((closed - opened).total_seconds()) if closed else None,
                outcome=OUTCOMES[i % len(OUTCOMES)] if closed else "",
                follow_up_on=follow_up,
                consent_text="KVKK (demo)" if channel == Channel.WEB_FORM else "",
                consent_at=opened if channel == Channel.WEB_FORM else None,
                is_demo=True,
            )
            case.refresh_derived()
            case.save(force_insert=True)
            entries: list[tuple[str, dt.datetime, Any, str, dict[str, Any]]] = [
                (EntryKind.REQUEST, opened, None, message, {})
            ]
            if expert:
                entries.append(
                    (
                        EntryKind.ASSIGNMENT,
                        opened + dt.timedelta(minutes=1 if first_hours == 0 else 30),
                        coordinator,
                        "",
                        {"to": str(expert), "to_id": expert.pk},
                    )
                )
            if first:
                reply = advice or (
                    "İlgili program rehberini ve başvuru takvimini paylaştık; "
                    "sorularınız için bize yazabilirsiniz."
                )
                at = max(first, opened + dt.timedelta(minutes=2))
                entries.append((EntryKind.REPLY, at, expert, reply, {}))
            if follow_up:
                entries.append(
                    (EntryKind.FOLLOW_UP, first or opened, expert, "", {"date": str(follow_up)})
                )
            if closed:
                entries.append((EntryKind.OUTCOME, closed, expert, "", {"outcome": case.outcome}))
            CaseEntry.objects.bulk_create(
                [
                    CaseEntry(
                        office=office,
                        case=case,
                        kind=kind,
                        created_at=at,
                        author=author,
                        body=body,
                        data=data,
                        is_public=kind in PUBLIC_KINDS,
                    )
                    for kind, at, author, body, data in entries
                ]
            )
            total += 1
    return f"{total} guidance cases"
