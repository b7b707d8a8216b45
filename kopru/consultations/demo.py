"""Demo consultations of both offices: one open and one answered each, on city policy
the seeds name — Balıkesir's youth policy with the disadvantaged groups in the solution,
and its "one hand" coordination of the bodies' EU work; İzmir's local Eurodesk and
youth mobility strategy, and the social inclusion of migrants.

Contributors are invented; their addresses use the reserved ``.invalid`` domain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from kopru.core.demodata import DemoContext
from kopru.geo.models import District

from .models import AuthorKind, Consultation, Contribution, Outcome, Section, Status

ORDER = 92

CONSENT = "KVKK aydınlatma metni (tanıtım verisi)"


@dataclass(frozen=True)
class Say:
    section: int
    body: str
    name: str = ""
    district: str = ""
    age: str = ""
    group: str = ""
    member: str = ""  # username of a demo institution account
    outcome: str = ""
    answer: str = ""


@dataclass(frozen=True)
class Spec:
    title_tr: str
    title_en: str
    summary_tr: str
    summary_en: str
    theme: str
    opened: int  # days ago
    closes: int  # days from today (negative: closed)
    answered: bool
    sections: list[tuple[str, str, str, str]]  # heading tr/en, body tr, final tr ("" = unchanged)
    says: list[Say] = field(default_factory=list)
    outcome_tr: str = ""


A, P, N = Outcome.ACCEPTED, Outcome.PARTLY, Outcome.NOT_ACCEPTED

SPECS: dict[str, list[Spec]] = {
    "balikesir": [
        Spec(
            "Balıkesir Kent Gençlik Politikası taslağı (2027–2030)",
            "Draft Balıkesir city youth policy (2027–2030)",
            "Gençlerin kent yönetimine katılımı, kırsaldaki gençlere erişim ve dezavantajlı "
            "gençlerin "
            "çözüme katılımı için taslak ilkeler. Her bölüme katkınızı yazın. (Tanıtım verisi.)",
            "Draft principles on young people's part in city governance, reaching rural youth and "
            "involving disadvantaged young people in the solution. (Demo data.)",
            "youth",
            6,
            24,
            False,
            [
                (
                    "Gençlerin karar süreçlerine katılımı",
                    "Young people in decision-making",
                    "Her ilçede yılda en az iki kez toplanan bir gençlik meclisi kurulur; meclisin "
                    "önerileri kent konseyinin gündemine alınır.",
                    "",
                ),
                (
                    "Kırsaldaki gençlere erişim",
                    "Reaching rural youth",
                    "Gençlik merkezleri kırsal mahallelere ayda bir gezici bilgi masası götürür.",
                    "",
                ),
                (
                    "Dezavantajlı gençlerin çözüme katılımı",
                    "Disadvantaged youth in the solution",
                    "Engelli, göçmen ve eğitim dışındaki gençler için programlar, bu gençlerle "
                    "birlikte "
                    "tasarlanır.",
                    "",
                ),
            ],
            [
                Say(
                    1,
                    "Meclis toplantıları okul saatleri dışında ve hafta sonu yapılmalı; yoksa "
                    "lise öğrencileri katılamaz.",
                    "Ece",
                    "Karesi",
                    "under_18",
                    "youth",
                ),
                Say(
                    2,
                    "Gezici masa köylere pazar günleri gelmeli, hafta içi gençler tarlada ya da "
                    "işte oluyor.",
                    "",
                    "Kepsut",
                    "18_29",
                    "youth",
                ),
                Say(
                    3,
                    "İşaret dili tercümanı olmadan engelli gençlerin katılımı sağlanamaz; her "
                    "toplantıda tercüman olmalı.",
                    "Işık",
                    "Altıeylül",
                    "18_29",
                    "disabled",
                ),
                Say(
                    1,
                    "Üniversite öğrenci toplulukları mecliste gözlemci olarak yer almalı.",
                    member="balikesir.kurum2",
                ),
            ],
        ),
        Spec(
            "Kurumlar arası AB çalışmalarının tek elden eşgüdümü ilkeleri",
            "Principles for coordinating the bodies' EU work from one hand",
            "Kamu kurumları ve sivil toplumun ilimize dönük AB çalışmalarının tek elden eşgüdümü "
            "için "
            "ilkeler. İstişare kapandı, katkılar yanıtlandı. (Tanıtım verisi.)",
            "Principles for coordinating the public bodies' and NGOs' EU work in the province "
            "from one "
            "hand. Closed and answered. (Demo data.)",
            "governance",
            75,
            -40,
            True,
            [
                (
                    "Proje envanteri",
                    "Project inventory",
                    "Kamu kurumları AB projelerini yılda bir kez ofise bildirir.",
                    "Kamu kurumları AB projelerini Köprü proje veri bankasına girer ve üç ayda "
                    "bir günceller; "
                    "sivil toplum kuruluşları da isterse girer.",
                ),
                (
                    "Proje ekipleri",
                    "Project teams",
                    "Her kamu kurumunda en az iki kişilik bir proje ekibi kurulur.",
                    "",
                ),
            ],
            [
                Say(
                    1,
                    "Yılda bir bildirim çok seyrek; çağrı takvimleriyle uyum için üç ayda bir "
                    "güncelleme gerekir.",
                    "Murat",
                    "Bandırma",
                    "30_49",
                    "none",
                    outcome=A,
                    answer="Katılıyoruz: envanter üç ayda bir güncellenecek (son metin 1. bölüm).",
                ),
                Say(
                    1,
                    "Sivil toplum kuruluşlarının projeleri de envantere girebilmeli.",
                    "",
                    "Edremit",
                    "50_64",
                    "disadvantaged",
                    outcome=P,
                    answer="Kısmen kabul: STK'lar isteğe bağlı olarak girebilecek; zorunluluk "
                    "yalnız kamu kurumları için.",
                ),
                Say(
                    2,
                    "Küçük ilçe belediyelerinde iki kişilik ekip kurulamaz, bir kişi yeterli "
                    "olmalı.",
                    "",
                    "Susurluk",
                    "30_49",
                    "none",
                    outcome=N,
                    answer="Kabul edilmedi: tek kişilik ekipler kişi ayrılınca dağılıyor; küçük "
                    "belediyeler ortak ekip kurabilir.",
                ),
                Say(
                    2,
                    "Proje ekiplerine ofis yılda bir PCM eğitimi vermeli.",
                    member="balikesir.kurum",
                    outcome=A,
                    answer="Kabul: ekip üyeleri her yıl ofisin PCM eğitimine davet edilecek.",
                ),
            ],
            outcome_tr="Dört katkıdan ikisi kabul, biri kısmen kabul edildi: envanter üç ayda "
            "bir güncellenecek, "
            "STK'lar isterse girecek ve proje ekipleri her yıl eğitime çağrılacak.",
        ),
    ],
    "izmir": [
        Spec(
            "İzmir Gençlik Hareketliliği ve Eurodesk Yerel Stratejisi taslağı",
            "Draft İzmir youth mobility and Eurodesk local strategy",
            "Gençlerin öğrenme hareketliliği fırsatlarından haberdar olması ve aktif yurttaşlığı "
            "için "
            "yerel strateji taslağı. (Tanıtım verisi.)",
            "Draft local strategy on young people's awareness of learning mobility and active "
            "citizenship. (Demo data.)",
            "youth",
            3,
            27,
            False,
            [
                (
                    "Bilgiye erişim",
                    "Access to information",
                    "Eurodesk bilgi masaları ilçe gençlik merkezlerinde haftada bir gün açık olur.",
                    "",
                ),
                (
                    "Fırsat eşitliği",
                    "Equal opportunities",
                    "Hareketlilik projelerinde kontenjanın en az üçte biri az fırsatlı gençlere "
                    "ayrılır.",
                    "",
                ),
            ],
            [
                Say(
                    1,
                    "Bilgi masası üniversite kampüslerinde de olmalı.",
                    "Can",
                    "Bornova",
                    "18_29",
                    "youth",
                ),
                Say(
                    2,
                    "Az fırsatlı gençler için pasaport ve vize masrafı da karşılanmalı.",
                    "",
                    "Buca",
                    "18_29",
                    "disadvantaged",
                ),
            ],
        ),
        Spec(
            "Göçmenlerin topluma uyumu için il eylem planı taslağı",
            "Draft provincial action plan for the social inclusion of migrants",
            "Dezavantajlı grupların topluma uyumu için taslak eylemler. İstişare kapandı, katkılar "
            "yanıtlandı. (Tanıtım verisi.)",
            "Draft actions for the social inclusion of disadvantaged groups. Closed and answered. "
            "(Demo data.)",
            "social",
            90,
            -50,
            True,
            [
                (
                    "Dil ve meslek eğitimi",
                    "Language and vocational training",
                    "Halk eğitim merkezleri göçmenlere Türkçe ve meslek kursu açar.",
                    "Halk eğitim merkezleri göçmenlere Türkçe ve meslek kursu açar; kurslar "
                    "çocuk bakımı "
                    "desteğiyle akşam saatlerinde de verilir.",
                ),
            ],
            [
                Say(
                    1,
                    "Kadınlar çocuk bakımı yüzünden kurslara gelemiyor; kurs sırasında çocuk "
                    "bakımı olmalı.",
                    "",
                    "Konak",
                    "30_49",
                    "migrants",
                    outcome=A,
                    answer="Kabul: kurslar çocuk bakımı desteğiyle verilecek.",
                ),
                Say(
                    1,
                    "Kurslar akşam da açılmalı, çalışanlar gündüz gelemiyor.",
                    "Ahmet",
                    "Karşıyaka",
                    "30_49",
                    "migrants",
                    outcome=P,
                    answer="Kısmen kabul: talep olan merkezlerde akşam kursu açılacak.",
                ),
            ],
            outcome_tr="İki katkı son metne işlendi: çocuk bakımı desteği ve akşam kursları.",
        ),
    ],
}


def load(ctx: DemoContext) -> str:
    now = timezone.now()
    made = says = 0
    for slug, specs in SPECS.items():
        office = ctx.offices[slug]
        for spec in specs:
            consultation = Consultation.objects.filter(
                office=office, is_demo=True, title_tr=spec.title_tr
            ).first() or Consultation(office=office, title_tr=spec.title_tr, is_demo=True)
            consultation.title_en = spec.title_en
            consultation.summary_tr, consultation.summary_en = spec.summary_tr, spec.summary_en
            consultation.theme = spec.theme
            consultation.opens_at = now - dt.timedelta(days=spec.opened)
            consultation.closes_at = now + dt.timedelta(days=spec.closes)
            consultation.status = Status.PUBLISHED
            consultation.outcome_tr = spec.outcome_tr
            consultation.answers_published_at = (
                now - dt.timedelta(days=max(1, -spec.closes - 10)) if spec.answered else None
            )
            consultation.save()
            made += 1
            sections = []
            for number, (heading, heading_en, body, final) in enumerate(spec.sections, start=1):
                section, _created = Section.objects.update_or_create(
                    consultation=consultation,
                    number=number,
                    defaults={
                        "office": office,
                        "heading_tr": heading,
                        "heading_en": heading_en,
                        "body_tr": body,
                        "final_tr": final if spec.answered else "",
                    },
                )
                sections.append(section)
            if Contribution.objects.filter(consultation=consultation).exists():
                continue
            for i, say in enumerate(spec.says):
                member = ctx.users.get(say.member) if say.member else None
                at = consultation.opens_at + dt.timedelta(days=1 + i, hours=3)
                district = (
                    District.objects.filter(province=office.province, name=say.district).first()
                    if say.district
                    else None
                )
                contribution = Contribution(
                    office=office,
                    consultation=consultation,
                    section=sections[say.section - 1],
                    body=say.body,
                    author_kind=AuthorKind.MEMBER if member else AuthorKind.PUBLIC,
                    author_name=say.name if not member else member.get_full_name(),
                    email=member.email if member else f"katilimci{i + 1}.{slug}@example.invalid",
                    user=member,
                    organisation=member.organisation if member else None,
                    consent_text=CONSENT,
                    consent_at=at,
                    profile_consent=bool(say.age),
                    district=district,
                    age_group=say.age,
                    priority_group=say.group,
                    outcome=say.outcome,
                    answer_tr=say.answer,
                    answered_at=consultation.closes_at + dt.timedelta(days=5)
                    if say.outcome
                    else None,
                    is_demo=True,
                )
                contribution.refresh_derived()
                contribution.save()
                Contribution.objects.filter(pk=contribution.pk).update(created_at=at)
                says += 1
    return f"{made} consultations, {says} new contributions"
