"""Demo decisions of both offices, real-shaped from the seeds: Balıkesir's EU
harmonisation actions assigned to the province and its governance aims (one hand for
the bodies' work, the disadvantaged groups in the solution), İzmir's Eurodesk, training
and social-inclusion work. Every status: planned, in progress, late, done, cancelled.

When the boards demo has a past meeting of a body, the first decisions are recorded as
taken in it (so its minutes and the next agenda draft show them); the rest are entered
alone, as actions of a provincial plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from kopru.boards.models import Meeting
from kopru.core.demodata import DemoContext
from kopru.geo.models import District

from .models import Decision, Milestone, Status, Update

ORDER = 90

PLAN = "AB Uyum Eylem Planı — il düzeyine verilen eylemler (tanıtım verisi)"


@dataclass(frozen=True)
class Spec:
    ref: str
    owner: str
    title_tr: str
    title_en: str
    text_tr: str
    theme: str
    decided: int  # days ago
    due: int  # days from today (negative: past)
    status: str
    progress: int
    district: str = ""
    in_meeting: bool = False
    cancel: str = ""
    contact: str = ""
    milestones: list[tuple[str, int, bool]] = field(default_factory=list)  # title, days, done
    notes: list[tuple[int, int, str]] = field(default_factory=list)  # days ago, %, note


S = Status
SPECS: dict[str, list[Spec]] = {
    "balikesir": [
        Spec(
            "2026/1",
            "gsim",
            "Kırsal mahallelerdeki gençler için Erasmus+ ve Avrupa Dayanışma Programı bilgi "
            "günleri",
            "Erasmus+ and European Solidarity Corps information days for young people in rural "
            "neighbourhoods",
            "Gençlik ve Spor İl Müdürlüğü, dezavantajlı ve kırsalda yaşayan gençlere öncelik "
            "vererek "
            "yedi ilçede bilgi günü düzenler; katılımcı listeleri ofisle paylaşılır.",
            "youth",
            70,
            90,
            S.IN_PROGRESS,
            45,
            "Kepsut",
            True,
            contact="Gençlik Hizmetleri Şube Müdürü",
            milestones=[
                ("Kepsut ve Susurluk bilgi günleri", -20, True),
                ("Dursunbey, Sındırgı, Bigadiç", 30, False),
                ("Değerlendirme raporu", 85, False),
            ],
            notes=[
                (40, 20, "Kepsut'ta 64 gence ulaşıldı."),
                (18, 45, "Susurluk bilgi günü yapıldı; iki gençlik değişimi fikri çıktı."),
            ],
        ),
        Spec(
            "2026/2",
            "valilik",
            "Kamu kurumlarının AB projelerinin tek elden izlenmesi için il proje envanteri",
            "A provincial project inventory so that the public bodies' EU projects are followed "
            "from one hand",
            "Tüm kamu kurumları yürüttükleri ve hazırladıkları AB ve uluslararası projeleri "
            "Köprü proje veri bankasına girer; ofis üç ayda bir özet rapor sunar.",
            "governance",
            70,
            -10,
            S.IN_PROGRESS,
            70,
            "",
            True,
            contact="Vali Yardımcısı",
            milestones=[
                ("Kurumlara yazı gönderilmesi", -60, True),
                ("Envanterin tamamlanması", -10, False),
            ],
            notes=[
                (50, 40, "22 kurumdan 14'ü projelerini girdi."),
                (12, 70, "Eksik 6 kurumla birebir görüşüldü."),
            ],
        ),
        Spec(
            "2026/3",
            "bto",
            "Genç girişimcilere KOBİ destek çağrıları için aylık danışma günü",
            "A monthly advice day on SME support calls for young entrepreneurs",
            "Balıkesir Ticaret Odası, genç girişimcilere açık çağrılar için her ay bir danışma "
            "günü düzenler.",
            "industry",
            70,
            -30,
            S.DONE,
            100,
            "Karesi",
            True,
            notes=[(35, 100, "Altı danışma günü yapıldı, 41 girişimciye danışmanlık verildi.")],
        ),
        Spec(
            "UEP-4.2",
            "mem",
            "Okullarda AB Bilgi Köşeleri ve Avrupa Günü etkinlikleri",
            "EU information corners in schools and Europe Day events",
            "İl Milli Eğitim Müdürlüğü ilçelerde birer okulda AB bilgi köşesi kurar ve 9 Mayıs "
            "Avrupa Günü'nü öğrencilerle kutlar.",
            "education",
            40,
            160,
            S.PLANNED,
            0,
            "Ayvalık",
            milestones=[
                ("Okulların belirlenmesi", 30, False),
                ("Avrupa Günü etkinliği", 150, False),
            ],
        ),
        Spec(
            "UEP-2.7",
            "bbb",
            "Engelli bireylerin kamu binalarına erişimi için envanter ve iyileştirme planı",
            "An inventory and improvement plan for access to public buildings by people with "
            "disabilities",
            "Büyükşehir Belediyesi il merkezindeki kamu binalarının erişilebilirlik envanterini "
            "çıkarır; engelli dernekleriyle önceliklendirilmiş bir iyileştirme planı hazırlar.",
            "social",
            120,
            -45,
            S.IN_PROGRESS,
            30,
            "Altıeylül",
            contact="Engelli Hizmetleri Birimi",
            notes=[
                (90, 10, "Envanter formu engelli dernekleriyle birlikte hazırlandı."),
                (60, 30, "110 binanın 41'i incelendi."),
            ],
        ),
        Spec(
            "UEP-3.1",
            "gmka",
            "Kalkınma ajansı destekleriyle AB fonlarının birlikte kullanımı rehberi",
            "A guide to combining development agency support with EU funds",
            "Güney Marmara Kalkınma Ajansı, ajans destekleri ile AB programlarının aynı projede "
            "nasıl birlikte kullanılacağını anlatan bir rehber yayımlar.",
            "governance",
            200,
            -60,
            S.DONE,
            100,
            notes=[(70, 100, "Rehber yayımlandı ve eğitimde tanıtıldı.")],
        ),
        Spec(
            "UEP-5.3",
            "edremit-bel",
            "Kıyı turizminde iklim uyumu için Interreg ortaklığı başvurusu",
            "An Interreg partnership application on climate adaptation in coastal tourism",
            "Edremit Belediyesi Yunan ortaklarla iklim uyumu başvurusu hazırlar.",
            "environment",
            150,
            20,
            S.CANCELLED,
            15,
            "Edremit",
            cancel="Çağrı programı 2026'da açılmadı; başvuru bir sonraki döneme ertelendi.",
        ),
    ],
    "izmir": [
        Spec(
            "2026/1",
            "izka",
            "Eurodesk yerel ağının ilçe gençlik merkezlerine genişletilmesi",
            "Extending the local Eurodesk network to district youth centres",
            "İzmir Kalkınma Ajansı ve ofis, Eurodesk temas noktası hizmetini beş ilçe gençlik "
            "merkezine taşır.",
            "youth",
            60,
            120,
            S.IN_PROGRESS,
            35,
            "Karşıyaka",
            True,
            milestones=[
                ("Gençlik çalışanlarına eğitim", -10, True),
                ("Beş merkezde bilgi masası", 100, False),
            ],
            notes=[(15, 35, "12 gençlik çalışanı Eurodesk eğitimini tamamladı.")],
        ),
        Spec(
            "2026/2",
            "ibb",
            "Göçmenlerin ve mültecilerin topluma uyumu için proje fikirleri havuzu",
            "A pool of project ideas for the social inclusion of migrants and refugees",
            "Büyükşehir Belediyesi sivil toplumla birlikte uyum alanında proje fikirlerini "
            "toplar ve "
            "uygun AB çağrılarıyla eşleştirir.",
            "social",
            60,
            -5,
            S.PLANNED,
            0,
            "Konak",
            True,
        ),
        Spec(
            "2026/3",
            "mem",
            "Proje döngüsü yönetimi (PCM) eğitimlerinin okul yöneticilerine açılması",
            "Opening project cycle management (PCM) trainings to school heads",
            "İl Milli Eğitim Müdürlüğü okul yöneticilerini ofisin PCM eğitimlerine yönlendirir.",
            "education",
            60,
            -20,
            S.DONE,
            100,
            "",
            True,
            notes=[(25, 100, "Üç dönemde 96 okul yöneticisi eğitime katıldı.")],
        ),
        Spec(
            "UEP-1.4",
            "ege",
            "Ufuk Avrupa başvurularında üniversite–kamu ortak destek ofisi",
            "A joint university–public support desk for Horizon Europe applications",
            "Ege Üniversitesi ve ofis, kamu kurumlarının Ufuk Avrupa başvurularına ortak destek "
            "masası kurar.",
            "research",
            30,
            200,
            S.PLANNED,
            0,
            "Bornova",
        ),
        Spec(
            "UEP-2.2",
            "bergama-bel",
            "Kültürel miras rotası için Yaratıcı Avrupa başvurusu",
            "A Creative Europe application for a cultural heritage route",
            "Bergama Belediyesi kültür rotası başvurusunu hazırlar.",
            "culture",
            180,
            -90,
            S.CANCELLED,
            20,
            "Bergama",
            cancel="Ortaklık tamamlanamadı; belediye başvuruyu geri çekti.",
        ),
        Spec(
            "UEP-4.1",
            "odemis-koop",
            "Süt üreticisi kadın kooperatiflerine IPARD bilgilendirmesi",
            "IPARD information for women's dairy cooperatives",
            "Ödemiş Süt Üreticileri Kooperatifi ilçedeki kadın üreticilere IPARD bilgilendirmesi "
            "yapar.",
            "social",
            100,
            -15,
            S.IN_PROGRESS,
            60,
            "Ödemiş",
            notes=[(30, 60, "İki köyde bilgilendirme yapıldı.")],
        ),
    ],
}


def _meeting(office: Any) -> Any:
    """The latest past meeting of the office's boards (from the boards demo), if any."""
    return (
        Meeting.objects.filter(office=office, starts_at__lt=timezone.now())
        .select_related("body")
        .order_by("-starts_at")
        .first()
    )


def load(ctx: DemoContext) -> str:
    today = timezone.localdate()
    made = 0
    for slug, specs in SPECS.items():
        office = ctx.offices[slug]
        meeting = _meeting(office)
        for spec in specs:
            owner = ctx.organisations[slug][spec.owner]
            decided = today - dt.timedelta(days=spec.decided)
            in_meeting = meeting if spec.in_meeting and meeting is not None else None
            if in_meeting is not None:
                decided = timezone.localtime(in_meeting.starts_at).date()
            due = today + dt.timedelta(days=spec.due)
            decision = Decision.objects.filter(
                office=office, is_demo=True, reference=spec.ref
            ).first()
            decision = decision or Decision(office=office, reference=spec.ref, is_demo=True)
            decision.meeting = in_meeting
            decision.body = in_meeting.body if in_meeting else None
            decision.title_tr, decision.title_en = spec.title_tr, spec.title_en
            decision.text_tr = spec.text_tr + "\n\nTanıtım verisidir."
            decision.source = "" if in_meeting else PLAN
            decision.owner = owner
            decision.contact_name = spec.contact
            decision.contact_email = f"{slug}.{spec.owner}.sorumlu@example.invalid"
            decision.theme = spec.theme
            decision.district = (
                District.objects.filter(province=office.province, name=spec.district).first()
                if spec.district
                else None
            )
            decision.decided_on = decided
            decision.due_date = max(due, decided)
            decision.status = spec.status
            decision.progress = spec.progress
            decision.cancel_reason = spec.cancel
            decision.completed_on = today - dt.timedelta(days=30) if spec.status == S.DONE else None
            decision.is_public = True
            decision.refresh_derived()
            decision.save()
            made += 1
            Milestone.objects.filter(decision=decision).delete()
            for title, days, done in spec.milestones:
                day = max(today + dt.timedelta(days=days), decided)
                Milestone.objects.create(
                    office=office,
                    decision=decision,
                    title_tr=title,
                    due_date=day,
                    done_on=day if done else None,
                )
            Update.objects.filter(decision=decision).delete()
            start = timezone.make_aware(dt.datetime.combine(decided, dt.time(11, 0)))
            Update.objects.create(
                office=office,
                decision=decision,
                at=start,
                status=S.PLANNED,
                progress=0,
                note="Karar kaydedildi.",
                author_label="Ofis",
            )
            for days, pct, note in spec.notes:
                Update.objects.create(
                    office=office,
                    decision=decision,
                    at=max(start, timezone.now() - dt.timedelta(days=days)),
                    status=S.DONE if pct == 100 else S.IN_PROGRESS,
                    progress=pct,
                    note=note,
                    author_label=spec.contact or owner.name,
                    via_link=bool(spec.contact),
                )
            if spec.cancel:
                Update.objects.create(
                    office=office,
                    decision=decision,
                    status=S.CANCELLED,
                    progress=spec.progress,
                    note=spec.cancel,
                    author_label="Ofis",
                )
    return f"{made} decisions"
