"""Demo news of the two offices, written from their own descriptions (the seeds): İzmir's
Eurodesk point and project-cycle trainings since 2007, Balıkesir's EU-accession awareness,
priority groups and success stories. Dates are relative to today, so the pages stay alive:
some items are published, one is scheduled for the coming days, one is a draft."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from kopru.core.demodata import DemoContext
from kopru.core.images import image_process
from kopru.core.scoping import office_scope

from . import services
from .models import Category, NewsItem, NewsStatus

ORDER = 70


@dataclass
class Item:
    title_tr: str
    title_en: str
    summary_tr: str
    summary_en: str
    body_tr: str
    body_en: str
    category: str
    tags: list[str]
    days: float  # publication: days from now (negative: past)
    status: str = NewsStatus.PUBLISHED
    featured: bool = False
    poster: bool = False  # an EU-flag poster as the cover (a graphic, no people)
    extra: dict[str, str] = field(default_factory=dict)


ITEMS: dict[str, list[Item]] = {
    "izmir": [
        Item(
            "Proje Döngüsü Yönetimi eğitimi için başvurular açıldı",
            "Applications open for the Project Cycle Management training",
            "Kamu kurumları, üniversiteler ve sivil toplum kuruluşlarından proje yazmak isteyen "
            "çalışanlar için iki günlük PCM eğitimi düzenliyoruz.",
            "A two-day PCM training for staff of public bodies, universities and NGOs who "
            "want to write projects.",
            "<p>Ofisimiz 2007'den bu yana düzenli olarak proje tanıtım ve yazma (PCM) "
            "eğitimleri veriyor. Bu dönemin eğitiminde mantıksal çerçeve, bütçe ve ortaklık "
            "konuları uygulamalı çalışılacak.</p><p>Başvurular <strong>Eğitimler</strong> "
            "sayfasından alınır; kontenjan sınırlıdır.</p>",
            "<p>Since 2007 the office has regularly run trainings on introducing and writing "
            "projects (PCM). This term's training works on the logical framework, the budget "
            "and partnerships.</p><p>Apply on the <strong>Trainings</strong> page; places "
            "are limited.</p>",
            Category.ANNOUNCEMENT,
            ["PCM", "eğitim"],
            -3,
            featured=True,
        ),
        Item(
            "2007'den bu yana 1.690 kişi proje eğitimlerimize katıldı",
            "1,690 people have attended our project trainings since 2007",
            "İlk proje yazma eğitimimizi 2007'de düzenledik; kamu, üniversite ve sivil toplumdan "
            "katılımcı sayısı 1.690'a ulaştı.",
            "Our first project-writing training was in 2007; participants from public bodies, "
            "universities and civil society now number 1,690.",
            "<p>12 Haziran 2007'de kurulan ofisimiz, ilk proje tanıtım ve yazma eğitimini aynı "
            "yıl düzenledi. O günden bu yana farklı kamu kurumları, üniversiteler ve sivil "
            "toplum kuruluşlarından 1.690 kişi eğitimlerimize katıldı.</p>",
            "<p>Founded on 12 June 2007, the office ran its first training on introducing and "
            "writing projects the same year. Since then 1,690 people from public bodies, "
            "universities and NGOs have taken part.</p>",
            Category.NEWS,
            ["eğitim", "İzmir"],
            -12,
        ),
        Item(
            "Eurodesk bilgi günü: gençler için öğrenme hareketliliği",
            "Eurodesk info day: learning mobility for young people",
            "Eurodesk temas noktası olarak gençlere Avrupa Dayanışma Programı, gençlik "
            "değişimleri ve DiscoverEU fırsatlarını anlattık.",
            "As a Eurodesk contact point we presented the European Solidarity Corps, youth "
            "exchanges and DiscoverEU to young people.",
            "<p>Bilgi gününde gençler gönüllülük, gençlik değişimleri ve staj fırsatlarına "
            "nasıl başvuracaklarını öğrendi; aktif yurttaşlık üzerine soru-cevap yapıldı.</p>",
            "<p>Young people learned how to apply for volunteering, youth exchanges and "
            "traineeships; a Q&amp;A on active citizenship followed.</p>",
            Category.EVENT_REPORT,
            ["Eurodesk", "gençlik"],
            -20,
        ),
        Item(
            "9 Mayıs Avrupa Günü etkinlik takvimi",
            "Europe Day, 9 May: the programme",
            "Avrupa Günü'nde okullarda AB programlarını tanıtacağız; takvim yakında burada.",
            "On Europe Day we will present EU programmes in schools; the programme will be "
            "published here.",
            "<p>Avrupa Günü kapsamında ilçelerde okullarla buluşmalar planlanıyor.</p>",
            "<p>Meetings with schools in the districts are being planned for Europe Day.</p>",
            Category.EU_AWARENESS,
            ["Avrupa Günü"],
            4,
            status=NewsStatus.SCHEDULED,
            poster=True,
        ),
        Item(
            "Proje uygulayıcılarına danışmanlık saatleri",
            "Consulting hours for project teams",
            "Yürüyen projeler için yüz yüze, telefonla ve e-postayla rehberlik veriyoruz.",
            "We give guidance to running projects face to face, by phone and by e-mail.",
            "<p>Taslak: görüşme saatleri netleşince yayımlanacak.</p>",
            "",
            Category.ANNOUNCEMENT,
            ["rehberlik"],
            0,
            status=NewsStatus.DRAFT,
        ),
    ],
    "balikesir": [
        Item(
            "Avrupa Günü'nde AB uyum sürecini gençlerle konuştuk",
            "Talking about the EU accession process with young people on Europe Day",
            "İlimizde AB uyum süreci konusunda farkındalık yaratmak için liselerde Avrupa Günü "
            "buluşmaları yaptık.",
            "To raise awareness of the EU accession process in the province, we held Europe "
            "Day meetings in high schools.",
            "<p>Buluşmalarda Avrupa Birliği'nin kuruluşu, Türkiye'nin uyum süreci ve gençlere "
            "açık hibe programları anlatıldı.</p><ul><li>Erasmus+ gençlik değişimleri</li>"
            "<li>Avrupa Dayanışma Programı</li></ul>",
            "<p>The meetings covered the founding of the European Union, Türkiye's accession "
            "process and the grant programmes open to young people.</p><ul><li>Erasmus+ "
            "youth exchanges</li><li>European Solidarity Corps</li></ul>",
            Category.EU_AWARENESS,
            ["Avrupa Günü", "gençlik"],
            -6,
            featured=True,
            poster=True,
        ),
        Item(
            "Hibe teklif çağrıları: girişimcilere bilgilendirme",
            "Calls for proposals: a briefing for entrepreneurs",
            "Girişimcilerin yararlanabileceği fonları ve açık hibe çağrılarını anlatan bir "
            "bilgilendirme toplantısı düzenliyoruz.",
            "A briefing on the funds entrepreneurs can use and on open calls for proposals.",
            "<p>Genç girişimciler ve dezavantajlı gruplarla çalışan kuruluşlar öncelikli olarak "
            "davetlidir. Açık çağrıları <strong>Çağrılar</strong> sayfasında izleyebilirsiniz.</p>",
            "<p>Young entrepreneurs and organisations working with disadvantaged groups are "
            "invited first. Follow the open calls on the <strong>Calls</strong> page.</p>",
            Category.ANNOUNCEMENT,
            ["hibe", "girişimcilik"],
            -2,
        ),
        Item(
            "Ofisimiz 16 yaşında",
            "The office turns sixteen",
            "10 Şubat 2010'da “Projeler Koordinasyon Merkezi ve AB Ofisi” olarak kurulan "
            "büromuz bir koordinatör ve dört proje uzmanıyla çalışıyor.",
            "Founded on 10 February 2010 as the “Project Coordination Centre and EU Office”, "
            "the office works with a coordinator and four project experts.",
            "<p>Kurulduğumuz günden bu yana kamu kurumları, sivil toplum ve özel sektörün "
            "uluslararası, ulusal ve yerel fonları verimli kullanmasına önderlik ediyoruz.</p>",
            "<p>Since our founding we have helped public bodies, civil society and businesses "
            "make good use of international, national and local funds.</p>",
            Category.NEWS,
            ["Balıkesir"],
            -40,
        ),
        Item(
            "Çok aktörlü pilot projeler için paydaş toplantısı",
            "Stakeholder meeting on multi-actor pilot projects",
            "Ortak akıl toplantısında kamu, belediyeler ve sivil toplum pilot proje fikirlerini "
            "konuştu.",
            "At the governance meeting public bodies, municipalities and civil society "
            "discussed pilot project ideas.",
            "<p>Toplantıda sorunu yaşayan dezavantajlı grupların çözüme katılımı ve başarılı "
            "uygulamaların yaygınlaştırılması ele alındı.</p>",
            "<p>The meeting discussed involving the disadvantaged groups who face a problem in "
            "its solution, and spreading the practices that worked.</p>",
            Category.EVENT_REPORT,
            ["yönetişim", "pilot proje"],
            -15,
        ),
        Item(
            "Proje ekipleri kurma rehberi yayımlanacak",
            "A guide to setting up project teams is coming",
            "Kamu kurumlarında proje ekipleri kurulmasına yönelik rehberimiz hazırlanıyor.",
            "Our guide to setting up project teams in public bodies is being prepared.",
            "<p>Rehber, ekiplerin görev tanımlarını ve proje envanterine kayıt adımlarını "
            "anlatacak.</p>",
            "<p>The guide will describe the teams' roles and how to record projects in the "
            "inventory.</p>",
            Category.ANNOUNCEMENT,
            ["proje ekipleri"],
            2,
            status=NewsStatus.SCHEDULED,
        ),
    ],
}


def poster_bytes() -> bytes:
    """A Europe Day poster: twelve gold stars in a circle on EU blue (no people)."""
    im = Image.new("RGB", (1600, 900), (0, 51, 153))
    draw = ImageDraw.Draw(im)
    for k in range(12):
        a = 2 * math.pi * k / 12
        x, y = 800 + 300 * math.cos(a), 450 + 300 * math.sin(a)
        pts = []
        for j in range(10):
            r = 38 if j % 2 == 0 else 15
            b = -math.pi / 2 + j * math.pi / 5
            pts.append((x + r * math.cos(b), y + r * math.sin(b)))
        draw.polygon(pts, fill=(255, 204, 0))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def load(ctx: DemoContext) -> str:
    made = 0
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, items in ITEMS.items():
        office = ctx.offices[slug]
        author = ctx.users.get(f"{slug}.uzman") or "demo"
        with office_scope(office):
            existing = set(NewsItem.objects.values_list("title_tr", flat=True))
            for item in items:
                if item.title_tr in existing:
                    continue
                news = services.news_create(
                    actor=author,
                    office=office,
                    data={
                        "title_tr": item.title_tr,
                        "title_en": item.title_en,
                        "summary_tr": item.summary_tr,
                        "summary_en": item.summary_en,
                        "body_tr": item.body_tr,
                        "body_en": item.body_en,
                        "category": item.category,
                        "tags": item.tags,
                    },
                )
                if item.poster:
                    image = services.news_image_add(
                        actor=author,
                        news=news,
                        role="cover",
                        file=SimpleUploadedFile("avrupa-gunu.png", poster_bytes()),
                        alt_tr="Avrupa Günü afişi: lacivert zemin üzerinde on iki altın yıldız",
                        alt_en="Europe Day poster: twelve gold stars on a dark blue background",
                    )
                    image_process(image.pk)  # the demo does not wait for the worker
                    news.refresh_from_db()
                if item.status != NewsStatus.DRAFT:
                    when = now + dt.timedelta(days=item.days)
                    if item.days < 0:
                        # Published in the past: the record says so (not "published now").
                        news = services.news_publish(actor=author, news=news)
                        NewsItem.objects.filter(pk=news.pk).update(publish_at=when)
                        news.refresh_from_db()
                    else:
                        news = services.news_publish(actor=author, news=news, publish_at=when)
                    if item.featured:
                        services.news_set_featured(actor=author, news=news, featured=True)
                made += 1
    return f"{made} news items"
