"""Demo youth opportunities of both offices, shaped like the ones the European Youth
Portal, SALTO-YOUTH and the Turkish National Agency publish: European Solidarity Corps
volunteering, youth exchanges, DiscoverEU, traineeships, training courses for youth
workers, a scholarship, a solidarity project. Deadlines are relative to today (some open,
one opening later, one closed) and given in the organiser's time zone. The organisers
are invented but plausible; the links point at the real programmes' pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from kopru.core.demodata import DemoContext

from .models import Opportunity, OpportunityType, PublicationState

ORDER = 62

ALL_COSTS = ["travel", "accommodation", "food", "insurance", "pocket_money"]
ESC_URL = "https://youth.europa.eu/solidarity/placement_en"


@dataclass(frozen=True)
class Demo:
    type: str
    title_tr: str
    title_en: str
    description_tr: str
    description_en: str
    organiser: str
    organiser_country: str
    host_country: str
    host_city: str
    age: tuple[int, int]
    deadline_days: int  # from today
    deadline_time: tuple[int, int]
    zone: str
    url: str
    residents_of: list[str] = field(default_factory=list)
    costs: list[str] = field(default_factory=lambda: list(ALL_COSTS))
    language: str = "İngilizce"
    starts_days: int | None = None  # from today
    months: int = 0
    days: int = 0
    opens_days: int | None = None


COMMON: list[Demo] = [
    Demo(
        OpportunityType.ESC_VOLUNTEERING,
        "Lizbon'da kıyı ve deniz koruma gönüllülüğü (12 ay)",
        "Coastal and marine conservation volunteering in Lisbon (12 months)",
        "Kıyı temizliği, okullarda çevre atölyeleri ve deniz canlıları gözlemi. Portekizce "
        "kursu ve bir mentor sağlanır. Avrupa Dayanışma Programı Portalı'nda hesabınız olmalı.",
        "Beach clean-ups, environmental workshops in schools and marine wildlife "
        "monitoring. Portuguese lessons and a mentor are provided. You need a profile on the "
        "European Solidarity Corps portal.",
        "Associação Mar Limpo",
        "PT",
        "PT",
        "Lizbon",
        (18, 30),
        24,
        (23, 59),
        "Europe/Lisbon",
        ESC_URL,
        residents_of=[],
        starts_days=90,
        months=12,
    ),
    Demo(
        OpportunityType.ESC_VOLUNTEERING,
        "Graz'da engelli gençlerle gündüz merkezi gönüllülüğü (10 ay)",
        "Volunteering in a day centre for young people with disabilities in Graz (10 months)",
        "Sanat ve spor etkinliklerinde destek. Ev sahibi kuruluş yalnız AB'de yaşayan "
        "gönüllüleri kabul ediyor.",
        "Support in arts and sports activities. The host only accepts volunteers resident "
        "in the EU.",
        "Verein Lebenshilfe Steiermark Jugend",
        "AT",
        "AT",
        "Graz",
        (18, 30),
        30,
        (12, 0),
        "Europe/Vienna",
        ESC_URL,
        residents_of=["AT", "DE", "IT", "SI", "HU", "CZ", "SK"],
        language="Almanca, İngilizce",
        starts_days=75,
        months=10,
    ),
    Demo(
        OpportunityType.ESC_VOLUNTEERING,
        "Tartu'da gençlik merkezinde dijital medya gönüllülüğü (2 ay, kısa dönem)",
        "Digital media volunteering in a Tartu youth centre (2 months, short-term)",
        "Gençlik merkezinin video ve sosyal medya çalışmalarına katılım; grup gönüllülüğü, "
        "Türkiye dahil program ülkelerinden başvuru kabul edilir.",
        "Video and social media work in a youth centre; team volunteering, applicants "
        "from programme countries including Türkiye are welcome.",
        "MTÜ Noorte Meediakeskus",
        "EE",
        "EE",
        "Tartu",
        (18, 30),
        12,
        (23, 59),
        "Europe/Tallinn",
        ESC_URL,
        residents_of=["EE", "LV", "LT", "FI", "PL", "TR", "MK", "RS"],
        starts_days=45,
        months=2,
    ),
    Demo(
        OpportunityType.YOUTH_EXCHANGE,
        '"Green Minds" gençlik değişimi: iklim ve şehir bahçeleri',
        '"Green Minds" youth exchange: climate and urban gardens',
        "Beş ülkeden 30 gençle 8 gün; atölyeler, şehir bahçesi kurulumu, kültür geceleri. "
        "Türkiye'den 6 katılımcı ve 1 grup lideri alınacak.",
        "8 days with 30 young people from five countries: workshops, building an urban "
        "garden, intercultural evenings. 6 participants and 1 group leader from Türkiye.",
        "Fundacja Zielone Miasto",
        "PL",
        "PL",
        "Gdańsk",
        (16, 25),
        18,
        (23, 59),
        "Europe/Warsaw",
        "https://www.salto-youth.net/tools/european-training-calendar/",
        residents_of=["PL", "TR", "IT", "ES", "RO"],
        costs=["travel", "accommodation", "food", "insurance"],
        starts_days=60,
        days=8,
    ),
    Demo(
        OpportunityType.DISCOVER_EU,
        "DiscoverEU: 18 yaşındakilere Avrupa'yı trenle keşfetme bileti",
        "DiscoverEU: a rail pass for 18-year-olds to discover Europe",
        "18 yaşındaki gençler 30 güne kadar Avrupa'da ağırlıkla trenle seyahat eder. Türkiye "
        "Erasmus+ programına katılan ülke olduğundan Türkiye'de yaşayanlar başvurabilir; "
        "kısa bir bilgi yarışmasıyla başvurulur.",
        "18-year-olds travel across Europe for up to 30 days, mostly by train. Türkiye takes "
        "part in Erasmus+, so residents of Türkiye may apply; you apply with a short quiz.",
        "Avrupa Komisyonu (European Commission)",
        "BE",
        "BE",
        "",
        (18, 18),
        40,
        (12, 0),
        "Europe/Brussels",
        "https://youth.europa.eu/discovereu_en",
        residents_of=[],
        costs=["travel"],
        language="—",
        opens_days=5,
    ),
    Demo(
        OpportunityType.TRAINEESHIP,
        "Avrupa Komisyonu Blue Book stajı (5 ay, Brüksel)",
        "European Commission Blue Book traineeship (5 months, Brussels)",
        "Üniversite mezunlarına Komisyon'da 5 aylık ücretli staj. AB dışı ülkelerin "
        "vatandaşları da başvurabilir; İngilizce, Fransızca veya Almanca'dan birini çok iyi "
        "bilmek gerekir.",
        "A paid five-month traineeship at the Commission for graduates. Nationals of non-EU "
        "countries may apply too; very good English, French or German is required.",
        "Avrupa Komisyonu, Stajlar Ofisi",
        "BE",
        "BE",
        "Brüksel",
        (21, 35),
        55,
        (12, 0),
        "Europe/Brussels",
        "https://traineeships.ec.europa.eu/",
        residents_of=[],
        costs=["travel", "insurance", "pocket_money"],
        language="İngilizce, Fransızca veya Almanca",
    ),
    Demo(
        OpportunityType.YOUTH_WORKER_TRAINING,
        "Gençlik çalışanları için eğitim kursu: gençlik çalışmasında dijital katılım",
        "Training course for youth workers: digital participation in youth work",
        "Gençlik çalışanları ve liderleri için 6 günlük eğitim; SALTO eğitim takviminde "
        "duyurulan kursa Türkiye'den 2 katılımcı seçilecek.",
        "A 6-day course for youth workers and leaders announced on the SALTO training "
        "calendar; 2 participants will be selected from Türkiye.",
        "Jugend für Europa (Alman Ulusal Ajansı)",
        "DE",
        "DE",
        "Bonn",
        (18, 35),
        21,
        (23, 59),
        "Europe/Berlin",
        "https://www.salto-youth.net/tools/european-training-calendar/",
        residents_of=["DE", "TR", "FR", "NL", "LT", "HR"],
        starts_days=70,
        days=6,
    ),
    Demo(
        OpportunityType.SCHOLARSHIP,
        "Jean Monnet Burs Programı: AB alanında yüksek lisans ve araştırma",
        "Jean Monnet Scholarship Programme: master's and research on the EU",
        "Türkiye vatandaşlarına AB üye ülkelerindeki üniversitelerde AB müktesebatıyla "
        "ilgili alanlarda bir akademik yıl burs. Başvurular her yıl yapılır.",
        "A one-year scholarship for citizens of Türkiye to study fields related to the EU "
        "acquis at universities in EU member states. Calls open yearly.",
        "Dışişleri Bakanlığı Avrupa Birliği Başkanlığı ve AB Türkiye Delegasyonu",
        "TR",
        "BE",
        "",
        (21, 35),
        -20,
        (17, 0),
        "Europe/Istanbul",
        "https://www.ab.gov.tr/",
        residents_of=["TR"],
        costs=["travel", "accommodation", "insurance", "pocket_money"],
        language="İngilizce veya öğrenim dili",
    ),
]

LOCAL: dict[str, list[Demo]] = {
    "balikesir": [
        Demo(
            OpportunityType.SOLIDARITY_PROJECT,
            "Dayanışma projesi yazma atölyesi: Edremit'te gençlerle yerel bir fikir",
            "Solidarity project workshop: a local idea with young people in Edremit",
            "5 gencin birlikte yerel bir sorunu çözmek için Avrupa Dayanışma Programı "
            "dayanışma projesi yazmasına destek. Ulusal Ajans'a başvuru öncesi iki oturum.",
            "Help for five young people writing a European Solidarity Corps solidarity project "
            "to solve a local problem; two sessions before applying to the National Agency.",
            "Edremit Gençlik Merkezi",
            "TR",
            "TR",
            "Edremit",
            (18, 30),
            14,
            (17, 0),
            "Europe/Istanbul",
            "https://www.ua.gov.tr/",
            residents_of=["TR"],
            costs=[],
            language="Türkçe",
            starts_days=20,
            days=2,
        ),
    ],
    "izmir": [
        Demo(
            OpportunityType.YOUTH_EXCHANGE,
            "İzmir'de gençlik değişimi: \"Sea of Stories\" — Akdeniz'in ortak hikâyeleri",
            'Youth exchange in İzmir: "Sea of Stories" — the Mediterranean\'s shared tales',
            "Karşıyaka'da 7 gün; İtalya, Yunanistan ve İspanya'dan gençlerle dijital hikâye "
            "anlatımı. İzmir'de yaşayan 8 genç ev sahibi grup olarak katılacak.",
            "7 days in Karşıyaka with young people from Italy, Greece and Spain, making "
            "digital stories. 8 young people living in İzmir join as the host group.",
            "Karşıyaka Gençlik ve Kültür Derneği",
            "TR",
            "TR",
            "İzmir",
            (16, 24),
            9,
            (23, 59),
            "Europe/Istanbul",
            "https://www.ua.gov.tr/",
            residents_of=["TR", "IT", "GR", "ES"],
            costs=["accommodation", "food", "insurance"],
            starts_days=35,
            days=7,
        ),
        Demo(
            OpportunityType.OTHER,
            "Avrupa Gençlik Etkinliği (EYE): Strazburg'da Avrupa Parlamentosu'nda iki gün",
            "European Youth Event (EYE): two days at the European Parliament in Strasbourg",
            "Avrupa'nın geleceği üzerine tartışmalar ve atölyeler; 18–30 yaş grupları "
            "başvurur, katılım ücretsizdir, yol masrafını grup karşılar.",
            "Debates and workshops on the future of Europe; groups aged 18–30 apply, taking "
            "part is free, groups cover their own travel.",
            "Avrupa Parlamentosu",
            "FR",
            "FR",
            "Strazburg",
            (18, 30),
            33,
            (12, 0),
            "Europe/Paris",
            "https://european-youth-event.europarl.europa.eu/",
            residents_of=[],
            costs=[],
            starts_days=120,
            days=2,
        ),
    ],
}


def _deadline(today: dt.date, demo: Demo) -> dt.datetime:
    day = today + dt.timedelta(days=demo.deadline_days)
    local = dt.datetime.combine(day, dt.time(*demo.deadline_time), tzinfo=ZoneInfo(demo.zone))
    return local.astimezone(dt.UTC)


def load(ctx: DemoContext) -> str:
    today = timezone.localdate()
    count = 0
    for slug in ("balikesir", "izmir"):
        office = ctx.offices.get(slug)
        if office is None:
            continue
        expert = ctx.users.get(f"{slug}.uzman")
        for demo in COMMON + LOCAL.get(slug, []):
            o = Opportunity.objects.filter(office=office, is_demo=True, title_tr=demo.title_tr)
            opportunity = o.first() or Opportunity(
                office=office, is_demo=True, title_tr=demo.title_tr
            )
            opportunity.type = demo.type
            opportunity.state = PublicationState.PUBLISHED
            opportunity.title_en = demo.title_en
            opportunity.description_tr = demo.description_tr
            opportunity.description_en = demo.description_en
            opportunity.organiser = demo.organiser
            opportunity.organiser_country = demo.organiser_country
            opportunity.host_country = demo.host_country
            opportunity.host_city = demo.host_city
            opportunity.residents_of = demo.residents_of
            opportunity.age_min, opportunity.age_max = demo.age
            start = today + dt.timedelta(days=demo.starts_days) if demo.starts_days else None
            opportunity.starts_on = start
            opportunity.ends_on = (
                start + dt.timedelta(days=demo.months * 30 + demo.days - 1) if start else None
            )
            opportunity.opens_on = (
                today + dt.timedelta(days=demo.opens_days) if demo.opens_days else None
            )
            opportunity.deadline = _deadline(today, demo)
            opportunity.deadline_timezone = demo.zone
            opportunity.costs_covered = demo.costs
            opportunity.working_language = demo.language
            opportunity.url = demo.url
            opportunity.published_at = opportunity.published_at or timezone.now()
            opportunity.created_by = expert
            opportunity.refresh_derived()
            opportunity.save()
            count += 1
    return f"{count} youth opportunities"
