"""Demo stories: three or four per office, each told from demo projects of the inventory
(``kopru/projects/demo.py``): success stories of the completed and closed projects, a
good practice and a multi-actor pilot of running ones. The facts are drafted from the
projects as the expert's draft would be; the quotes carry a recorded consent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from kopru.core.demodata import DemoContext
from kopru.projects.models import Project

from .models import Label, Quote, Story, StoryStatus
from .selectors import project_facts

ORDER = 60


@dataclass(frozen=True)
class DemoQuote:
    text_tr: str
    text_en: str
    speaker: str
    role: str


@dataclass(frozen=True)
class DemoStory:
    projects: list[str]  # source_id keys of demo projects ("b05" -> "demo-b05")
    label: str
    title_tr: str
    title_en: str
    summary_tr: str
    summary_en: str
    narrative_tr: str
    narrative_en: str
    partners: str = ""
    quotes: list[DemoQuote] = field(default_factory=list)


STORIES: dict[str, list[DemoStory]] = {
    "balikesir": [
        DemoStory(
            ["b05"],
            Label.SUCCESS_STORY,
            "Kapsayıcı okullar: öğretmenler Avrupa'da öğrendiklerini Karesi ve Susurluk'a taşıdı",
            "Inclusive schools: teachers brought home what they learnt in Europe",
            "Erasmus+ KA1 hareketliliğiyle 24 öğretmen, engelli ve göçmen öğrencileri sınıfa "
            "katan yöntemleri yerinde gördü; ilçelerdeki 11 okulda uygulamaya geçti.",
            "Through Erasmus+ KA1 mobility 24 teachers saw inclusive methods at work and "
            "took them to 11 schools in two districts.",
            "İl Milli Eğitim Müdürlüğü'nün koordinatörlüğündeki proje, Sevilla ve Utrecht'teki "
            "okullarda iş başında gözlem (job shadowing) ile başladı. Öğretmenler döndüklerinde "
            'ortak bir "kapsayıcı sınıf" rehberi yazdı ve ilçe zümre toplantılarında '
            "meslektaşlarına aktardı.\n\nProje bitiminde göstergeler hedefin üzerinde gerçekleşti; "
            "rehber il genelindeki okullara dağıtıldı ve yeni bir KA2 ortaklık başvurusunun "
            "temeli oldu.",
            "Led by the Provincial Directorate of National Education, the project started with "
            "job shadowing in schools in Seville and Utrecht. Back home the teachers wrote a "
            "shared inclusive classroom guide and passed it on to colleagues in district "
            "meetings.\n\nBy the end the indicators exceeded their targets; the guide went to "
            "schools across the province and became the basis of a new KA2 partnership bid.",
            quotes=[
                DemoQuote(
                    "Utrecht'te gördüğüm sınıf düzenini ertesi hafta kendi sınıfımda kurdum; "
                    "işitme engelli öğrencim ilk kez grup çalışmasına katıldı.",
                    "I set up the classroom layout I saw in Utrecht the following week; my "
                    "hearing-impaired pupil joined group work for the first time.",
                    "Zeynep Arslan",
                    "sınıf öğretmeni, Susurluk",
                )
            ],
        ),
        DemoStory(
            ["b10"],
            Label.SUCCESS_STORY,
            "Afete hazır gençlik: ilçelerde gönüllü arama kurtarma ekipleri",
            "Disaster-ready youth: volunteer search and rescue teams in the districts",
            "CERV desteğiyle ilçelerdeki gençler afet farkındalığı eğitimi aldı; gönüllü "
            "ekipler kuruldu ve tatbikatlara katıldı.",
            "With CERV support young people in the districts were trained in disaster "
            "awareness; volunteer teams were formed and joined drills.",
            "Valilik koordinasyonunda AFAD ve gençlik merkezleriyle yürütülen proje, 2023 "
            "depremlerinin ardından gençlerin sorumluluk alma isteğine yanıt verdi. Eğitimler "
            "ilçe gençlik merkezlerinde verildi, her ilçede bir gönüllü ekip kuruldu.",
            "Run by the Governorship with AFAD and youth centres, the project answered young "
            "people's wish to take responsibility after the 2023 earthquakes. Training took "
            "place in the district youth centres and each district formed a volunteer team.",
        ),
        DemoStory(
            ["b01"],
            Label.MULTI_ACTOR_PILOT,
            "Kırsalda dijital beceriler: gençlik merkezi, üniversite ve belediye birlikte",
            "Digital skills in the countryside: a youth centre, a university and a municipality",
            "Kepsut ve Bigadiç'te kırsaldaki gençlere kodlama ve dijital pazarlama atölyeleri; "
            "başka ilçeler için tekrarlanabilir bir model.",
            "Coding and digital marketing workshops for rural youth in Kepsut and Bigadiç; a "
            "model other districts can repeat.",
            "Gençlik ve Spor İl Müdürlüğü, atölyeleri gençlik merkezlerinde düzenliyor; "
            "eğitmenler üniversiteden, ulaşım belediyeden. Model, yeni bir ilçenin üç kurumla "
            "birkaç hafta içinde başlayabileceği biçimde belgelendi.",
            "The Provincial Directorate of Youth and Sports runs the workshops in youth "
            "centres; trainers come from the university, transport from the municipality. The "
            "model is documented so a new district can start with three partners in weeks.",
            partners="Balıkesir Gençlik ve Spor İl Müdürlüğü (gençlik merkezleri)\n"
            "Balıkesir Üniversitesi Bilgisayar Mühendisliği Bölümü (eğitmenler)\n"
            "İlçe belediyesi (ulaşım ve salon)",
        ),
    ],
    "izmir": [
        DemoStory(
            ["i05"],
            Label.SUCCESS_STORY,
            "Yaşlılar için uzaktan sağlık: evden hemşire görüşmesi",
            "Telehealth for the elderly: a nurse's call from home",
            "EU4Health desteğiyle yalnız yaşayan yaşlılar tabletle hemşire görüşmesi yaptı; "
            "acil servis başvuruları azaldı.",
            "With EU4Health support older people living alone had tablet calls with nurses; "
            "emergency visits fell.",
            "İzmir Kâtip Çelebi Üniversitesi'nin yürüttüğü proje, yalnız yaşayan yaşlılara "
            "haftalık hemşire görüşmesi ve ilaç takibi sağladı. Göstergeler hedefine ulaştı; "
            "model ilçe belediyelerinin evde bakım hizmetine eklendi.",
            "Run by İzmir Kâtip Çelebi University, the project gave older people living alone "
            "weekly nurse calls and medication follow-up. The indicators met their targets; the "
            "model was added to the district municipalities' home-care service.",
            quotes=[
                DemoQuote(
                    "Hemşire hanım her salı arıyor; ilaçlarımı artık karıştırmıyorum.",
                    "The nurse calls every Tuesday; I no longer mix up my medicines.",
                    "Hatice Demir",
                    "katılımcı, 78 yaşında, Bornova",
                )
            ],
        ),
        DemoStory(
            ["i10"],
            Label.SUCCESS_STORY,
            "Göçmenler için mesleki beceri: sertifikadan işe",
            "Vocational skills for migrants: from certificate to job",
            "FRIT desteğiyle göçmen ve ev sahibi topluluktan kursiyerler mesleki sertifika "
            "aldı; önemli bir bölümü işe yerleşti.",
            "With FRIT support trainees from migrant and host communities earned vocational "
            "certificates; many found jobs.",
            "Kalkınma ajansının koordinasyonunda meslek odaları ve halk eğitim merkezleriyle "
            "yürütülen kurslar, sanayi bölgelerinin ihtiyaç duyduğu mesleklere odaklandı.",
            "Coordinated by the development agency with chambers and adult education centres, "
            "the courses focused on trades the industrial zones need.",
        ),
        DemoStory(
            ["i01"],
            Label.MULTI_ACTOR_PILOT,
            "Temiz Körfez: belediye, üniversite ve balıkçılar birlikte ölçüyor",
            "Clean Bay: a municipality, a university and fishers measure together",
            "LIFE desteğiyle İzmir Körfezi'nde su kalitesi ölçümü ve deniz çöpü toplama; "
            "kıyı kentleri için tekrarlanabilir bir ortaklık.",
            "Water quality monitoring and marine litter collection in İzmir Bay with LIFE "
            "support; a partnership other coastal cities can repeat.",
            "Büyükşehir belediyesi ölçüm istasyonlarını, üniversite veri analizini, balıkçı "
            "kooperatifi denizden toplanan çöpü üstleniyor. Ortaklık sözleşmesi ve ölçüm "
            "protokolü başka kıyı kentleriyle paylaşılabilir.",
            "The metropolitan municipality runs the stations, the university the data "
            "analysis, the fishers' cooperative the litter collection at sea. The partnership "
            "agreement and monitoring protocol can be shared with other coastal cities.",
            partners="İzmir Büyükşehir Belediyesi (ölçüm istasyonları)\n"
            "Dokuz Eylül Üniversitesi Deniz Bilimleri ve Teknolojisi Enstitüsü (veri)\n"
            "Balıkçı kooperatifi (deniz çöpü toplama)",
        ),
        DemoStory(
            ["i02"],
            Label.GOOD_PRACTICE,
            "Tarımda yapay zekâ: üreticiyle birlikte tasarlanan verim tahmini",
            "AI in farming: yield forecasts designed with the growers",
            "Horizon Europe projesinde Ödemiş ve Bornova'daki üreticiler uygulamayı ilk "
            "günden test ediyor.",
            "In a Horizon Europe project growers in Ödemiş and Bornova test the tool from day one.",
            "Ege Üniversitesi'nin yürüttüğü projede araştırmacılar, üreticilerle aylık saha "
            "günleri düzenleyerek tahmin modelini onların sorularına göre geliştiriyor.",
            "In the project led by Ege University researchers hold monthly field days with "
            "growers and shape the forecasting model around their questions.",
        ),
    ],
}


def load(ctx: DemoContext) -> str:
    count = 0
    now = timezone.now()
    for slug, stories in STORIES.items():
        office = ctx.offices[slug]
        expert = ctx.users.get(f"{slug}.uzman")
        for demo in stories:
            projects = list(
                Project.objects.filter(
                    office=office, source_id__in=[f"demo-{key}" for key in demo.projects]
                ).order_by("pk")
            )
            if not projects:
                continue
            story = Story.objects.filter(
                office=office, is_demo=True, title_tr=demo.title_tr
            ).first()
            if story is None:
                story = Story(office=office, is_demo=True, title_tr=demo.title_tr)
            story.label = demo.label
            story.status = StoryStatus.PUBLISHED
            story.title_en = demo.title_en
            story.summary_tr, story.summary_en = demo.summary_tr, demo.summary_en
            story.narrative_tr, story.narrative_en = demo.narrative_tr, demo.narrative_en
            story.replication_partners = demo.partners
            story.facts = project_facts(projects)
            story.facts_at = now
            story.published_at = story.published_at or now
            story.created_by = expert
            story.refresh_derived()
            story.save()
            story.projects.set(projects)
            Quote.objects.filter(story=story).delete()
            for i, q in enumerate(demo.quotes):
                Quote.objects.create(
                    office=office,
                    story=story,
                    text_tr=q.text_tr,
                    text_en=q.text_en,
                    speaker_name=q.speaker,
                    speaker_role=q.role,
                    consent_note="İmzalı açık rıza formu, proje dosyasında (tanıtım verisi)",
                    consent_at=now,
                    position=i,
                )
            count += 1
    return f"{count} stories"
