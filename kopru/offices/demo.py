"""Demo offices: the facts of the two offices' own descriptions (shared/seeds)."""

from __future__ import annotations

import datetime as dt

from kopru.core.demodata import DemoContext
from kopru.geo.models import Province

from .models import ActivityArea, Office

ORDER = 10

BALIKESIR_TR = (
    "Balıkesir Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu, “Projeler Koordinasyon Merkezi "
    "ve AB Ofisi” olarak 10 Şubat 2010 tarihinde Balıkesir Valiliği bünyesinde kurulmuştur.\n\n"
    "Büro; AB uyum süreci konusunda ilimizde farkındalık yaratmayı, uluslararası, ulusal, "
    "bölgesel ve yerel mali fonların kamu kurumları, sivil toplum örgütleri, özel kuruluşlar ve "
    "kişiler tarafından verimli kullanılmasına önderlik etmeyi hedefler. Dezavantajlı "
    "grupların, gençlerin, genç girişimcilerin ve gençlik çalışanlarının desteklenmesine "
    "öncelik verir.\n\n"
    "Hibe teklif çağrılarını duyurur, AB hibe programları ve proje döngüsü yönetimi eğitimleri "
    "düzenler, proje yazan kurumlara ortak bulmada ve başvuruda destek olur, kabul edilen "
    "projelerin yürütülmesine yardım eder. 1 koordinatör ve 4 proje uzmanı ile çalışır."
)
BALIKESIR_EN = (
    "The EU and Foreign Relations Office of the Governorship of Balıkesir was founded on "
    "10 February 2010 as the “Project Coordination Centre and EU Office”.\n\n"
    "It raises awareness of the EU accession process in the province and leads public bodies, "
    "NGOs, companies and individuals to use international, national, regional and local funds "
    "well, giving priority to disadvantaged groups, young people, young entrepreneurs and youth "
    "workers.\n\n"
    "It announces calls for proposals, runs trainings on EU grant programmes and Project Cycle "
    "Management, helps applicants find partners and apply, and supports funded projects during "
    "implementation. It works with one coordinator and four project experts."
)
IZMIR_TR = (
    "İzmir Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu 12 Haziran 2007'de kurulmuştur ve "
    "İzmir'de dört alanda çalışır: tanıtım ve yaygınlaştırma, eğitim, rehberlik ve danışmanlık, "
    "proje faaliyetleri.\n\n"
    "Proje döngüsü yönetimi (PCM) eğitimlerinin ilki 2007'de düzenlenmiştir; o günden bu yana "
    "kamu kurumlarından, sivil toplumdan ve üniversitelerden 1690 kişi bu eğitimlere katılmıştır. "
    "Büro Eurodesk temas noktasıdır; gençleri öğrenme hareketliliği fırsatları konusunda "
    "bilgilendirir ve yüz yüze görüşme, telefon ve e-posta ile proje yazan ya da yürüten kişi "
    "ve kurumlara danışmanlık verir."
)
IZMIR_EN = (
    "The EU and Foreign Relations Office of the Governorship of İzmir was established on "
    "12 June 2007 and works in four areas in İzmir: promotion and dissemination, training, "
    "guidance and consulting, and project activities.\n\n"
    "Its first training on introducing and writing projects (PCM) was organised in 2007; in "
    "total 1690 people from public bodies, NGOs, universities and other organisations have "
    "taken part since. The office is a Eurodesk contact point, raising young people's awareness "
    "of learning mobility opportunities, and guides individuals and organisations writing or "
    "running projects face to face, by phone and by e-mail."
)

OFFICES = [
    {
        "slug": "balikesir",
        "plate": "10",
        "name_tr": "Balıkesir Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu",
        "name_en": "Governorship of Balıkesir EU and Foreign Relations Office",
        "founding_name": "Projeler Koordinasyon Merkezi ve AB Ofisi",
        "founded_on": dt.date(2010, 2, 10),
        "description_tr": BALIKESIR_TR,
        "description_en": BALIKESIR_EN,
        "activity_areas": [
            ActivityArea.DISSEMINATION,
            ActivityArea.TRAINING,
            ActivityArea.GUIDANCE,
            ActivityArea.PROJECTS,
            ActivityArea.GOVERNANCE,
        ],
        "is_eurodesk_point": False,
        "address": "Balıkesir Valiliği, Eski Kuyumcular Mah. Milli Kuvvetler Cad. No: 2, "
        "Karesi / Balıkesir",
        # No phone number: the demo does not invent one (the contact block shows none).
        "phone": "",
        "email": "abdis.balikesir@example.invalid",
        "opening_hours_tr": "Hafta içi 08.00–12.00 ve 13.00–17.00 (resmî tatillerde kapalı)",
        "opening_hours_en": "Weekdays 08:00–12:00 and 13:00–17:00 (closed on public holidays)",
        "map_url": "https://www.openstreetmap.org/search?query=Bal%C4%B1kesir%20Valili%C4%9Fi",
    },
    {
        "slug": "izmir",
        "plate": "35",
        "name_tr": "İzmir Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu",
        "name_en": "Governorship of İzmir EU and Foreign Relations Office",
        "founding_name": "",
        "founded_on": dt.date(2007, 6, 12),
        "description_tr": IZMIR_TR,
        "description_en": IZMIR_EN,
        "activity_areas": [
            ActivityArea.DISSEMINATION,
            ActivityArea.TRAINING,
            ActivityArea.GUIDANCE,
            ActivityArea.PROJECTS,
        ],
        "is_eurodesk_point": True,
        "address": "İzmir Valiliği, Konak / İzmir",
        "phone": "",
        "email": "abdis.izmir@example.invalid",
        "opening_hours_tr": "Hafta içi 08.00–12.00 ve 13.00–17.00 (resmî tatillerde kapalı)",
        "opening_hours_en": "Weekdays 08:00–12:00 and 13:00–17:00 (closed on public holidays)",
        "map_url": "https://www.openstreetmap.org/search?query=%C4%B0zmir%20Valili%C4%9Fi",
    },
]


def load(ctx: DemoContext) -> str:
    for spec in OFFICES:
        data = dict(spec)
        plate = str(data.pop("plate"))
        slug = str(data.pop("slug"))
        office, _created = Office.objects.update_or_create(
            slug=slug,
            defaults={**data, "province": Province.objects.get(plate=plate), "is_demo": True},
        )
        ctx.offices[slug] = office
    return f"{len(OFFICES)} offices"
