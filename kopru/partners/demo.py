"""Demo partner searches of both offices: open, expired and closed posts, seeking and
offering, some linked to the demo calls, with answers and their threads.

The responders are invented; their addresses use the reserved ``.invalid`` domain.
One answer per office comes from the second institution-member demo account
(``balikesir.kurum2``, ``izmir.kurum2``), so "one organisation posts, another
answers" can be walked through with the demo accounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from kopru.calls.models import Call
from kopru.core.demodata import DemoContext

from .models import Answer, AnswerMessage, PartnerSearch, PostKind, PostStatus, Side

ORDER = 55

CONSENT = "KVKK aydınlatma metni (tanıtım verisi)"


@dataclass(frozen=True)
class Reply:
    name: str
    organisation: str
    org_type: str
    country: str
    email: str
    language: str
    messages: list[tuple[str, str]]  # (side, body), oldest first
    member: str = ""  # username of a demo account answering for its organisation
    seen: bool = True  # has the poster read the last message?


@dataclass(frozen=True)
class Post:
    org: str
    kind: str
    title_tr: str
    title_en: str
    description_tr: str
    description_en: str
    programme: str
    countries: list[str]
    types: list[str]
    days: int  # expiry, from today
    closed: bool = False
    call: str = ""  # source_id of a demo call
    replies: list[Reply] = field(default_factory=list)


R, P = Side.RESPONDER, Side.POSTER

POSTS: dict[str, list[Post]] = {
    "balikesir": [
        Post(
            org="bbb",
            kind=PostKind.SEEKING,
            title_tr="Kırsaldaki gençlere dijital beceri: Erasmus+ ortaklığına ortak aranıyor",
            title_en="Digital skills for rural youth: partners wanted for an Erasmus+ partnership",
            description_tr=(
                "Balıkesir Büyükşehir Belediyesi, kırsal mahallelerde yaşayan 15–25 yaş arası "
                "gençlere kodlama ve dijital medya atölyeleri düzenleyecek bir Erasmus+ işbirliği "
                "ortaklığı (KA220-YOU) hazırlıyor. Gençlik çalışmasında deneyimli bir STK ve "
                "dijital eğitim yöntemleri üzerine çalışan bir üniversite arıyoruz.\n\n"
                "Tanıtım verisidir."
            ),
            description_en=(
                "Balıkesir Metropolitan Municipality is preparing an Erasmus+ cooperation "
                "partnership (KA220-YOU) offering coding and digital media workshops to young "
                "people aged 15–25 in rural neighbourhoods. We look for an NGO experienced in "
                "youth work and a university working on digital learning.\n\nDemo data."
            ),
            programme="Erasmus+ KA220-YOU",
            countries=["DE", "IT", "ES", "PL"],
            types=["ngo", "university"],
            days=45,
            replies=[
                Reply(
                    name="Lena Hoffmann (demo)",
                    organisation="Jugendwerk Kassel e.V. (demo)",
                    org_type="ngo",
                    country="DE",
                    email="lena.hoffmann@jugendwerk.example.invalid",
                    language="en",
                    messages=[
                        (
                            R,
                            "Hello! We run digital youth work in rural Hesse and coordinated two "
                            "KA220 projects. We would be glad to join and lead the work package "
                            "on training youth workers.",
                        ),
                        (
                            P,
                            "Thank you, Lena. Your experience fits well. Could you send us a "
                            "short description of your previous projects through this page?",
                        ),
                        (
                            R,
                            "Of course: 'Code the Village' (2021–2023) and 'Rural Media Lab' "
                            "(2023–2025), both with partners from Spain and Poland.",
                        ),
                    ],
                    seen=False,
                ),
                Reply(
                    name="Can Öztürk (demo)",
                    organisation="Balıkesir Üniversitesi",
                    org_type="university",
                    country="TR",
                    email="balikesir.kurum2@example.invalid",
                    language="tr",
                    member="balikesir.kurum2",
                    messages=[
                        (
                            R,
                            "Merhaba, Necatibey Eğitim Fakültesi olarak dijital eğitim "
                            "yöntemleri konusunda katkı verebiliriz. Yerel ortak olarak yer "
                            "almak isteriz.",
                        ),
                        (P, "Çok memnun oluruz. Gelecek hafta bir ön görüşme yapalım mı?"),
                    ],
                ),
            ],
        ),
        Post(
            org="bandirma-bel",
            kind=PostKind.OFFERING,
            title_tr="Kıyı turizmi ve sürdürülebilirlik projelerine ortak olmak istiyoruz",
            title_en="We offer partnership in coastal tourism and sustainability projects",
            description_tr=(
                "Bandırma Belediyesi, Marmara kıyısında sürdürülebilir turizm, kıyı temizliği ve "
                "liman kenti dönüşümü konularında deneyimini paylaşmak üzere Interreg ve benzeri "
                "programlardaki projelere ortak olmak istiyor.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Bandırma Municipality offers to join projects under Interreg and similar "
                "programmes on sustainable tourism, coastal clean-up and port-city "
                "regeneration.\n\nDemo data."
            ),
            programme="Interreg NEXT",
            countries=["GR", "BG", "RO"],
            types=["municipality", "public_body"],
            days=60,
            replies=[
                Reply(
                    name="Eleni Papadopoulou (demo)",
                    organisation="Dimos Kavalas (demo)",
                    org_type="municipality",
                    country="GR",
                    email="eleni.p@kavala.example.invalid",
                    language="en",
                    messages=[
                        (
                            R,
                            "Kavala is preparing a project on port-city waterfronts and is "
                            "looking for a Turkish municipal partner. Are you available for an "
                            "online meeting?",
                        )
                    ],
                    seen=False,
                )
            ],
        ),
        Post(
            org="bau",
            kind=PostKind.SEEKING,
            title_tr="GMKA Sosyal Kalkınma programı için yerel ortak aranıyor",
            title_en="Local partners wanted for the GMKA Social Development programme",
            description_tr=(
                "Balıkesir Üniversitesi, dezavantajlı kadınların istihdamına yönelik bir "
                "başvuru hazırlıyor; sahada çalışan bir dernek ya da kooperatif ile ilçe "
                "belediyesi arıyoruz.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Balıkesir University is preparing an application on the employment of "
                "disadvantaged women and looks for an association or cooperative working in "
                "the field and a district municipality.\n\nDemo data."
            ),
            programme="GMKA Mali Destek Programı",
            countries=["TR"],
            types=["ngo", "cooperative", "municipality"],
            days=20,
            call="demo-gmka-sosyal-2026",
            replies=[
                Reply(
                    name="Fatma Aydın (demo)",
                    organisation="Altıeylül Kadın Emeği Derneği (demo)",
                    org_type="ngo",
                    country="TR",
                    email="fatma.aydin@kadinemegi.example.invalid",
                    language="tr",
                    messages=[
                        (
                            R,
                            "Derneğimiz 2018'den beri Altıeylül'de kadınlara meslek edindirme "
                            "kursları düzenliyor. Başvurunuzda yer almak isteriz.",
                        )
                    ],
                )
            ],
        ),
        Post(
            org="mem",
            kind=PostKind.SEEKING,
            title_tr="Okul eğitimi hareketliliği (KA121) için ortak okul aranıyor",
            title_en="Partner school wanted for school education mobility (KA121)",
            description_tr=(
                "İl Milli Eğitim Müdürlüğü konsorsiyumu, öğretmen iş başı gözlemi için ortak "
                "okullar arıyor.\n\nTanıtım verisidir."
            ),
            description_en=(
                "The provincial education directorate's consortium looks for partner schools "
                "hosting teachers for job shadowing.\n\nDemo data."
            ),
            programme="Erasmus+ KA121-SCH",
            countries=["FI", "EE", "NL"],
            types=["school"],
            days=-10,
            replies=[
                Reply(
                    name="Aino Virtanen (demo)",
                    organisation="Tampereen koulu (demo)",
                    org_type="school",
                    country="FI",
                    email="aino.virtanen@koulu.example.invalid",
                    language="en",
                    messages=[
                        (R, "Our school can host two teachers in spring for job shadowing."),
                        (P, "Wonderful, thank you! We will include you in our plan."),
                    ],
                )
            ],
        ),
        Post(
            org="bto",
            kind=PostKind.OFFERING,
            title_tr="Ticaret odaları arasında dijital dönüşüm ağı",
            title_en="A digital transformation network of chambers of commerce",
            description_tr=(
                "Balıkesir Ticaret Odası, KOBİ'lerin dijital dönüşümü üzerine bir ağ projesine "
                "ortak olmak istiyordu; ortaklar bulundu.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Balıkesir Chamber of Commerce offered to join a network project on the digital "
                "transformation of SMEs; partners have been found.\n\nDemo data."
            ),
            programme="Single Market Programme",
            countries=[],
            types=["chamber"],
            days=30,
            closed=True,
        ),
    ],
    "izmir": [
        Post(
            org="ege",
            kind=PostKind.SEEKING,
            title_tr="Akdeniz tarımında su verimliliği: Ufuk Avrupa konsorsiyumuna ortak aranıyor",
            title_en=(
                "Water efficiency in Mediterranean farming: Horizon Europe consortium "
                "partners wanted"
            ),
            description_tr=(
                "Ege Üniversitesi Ziraat Fakültesi, akıllı sulama ve atık suyun tarımda yeniden "
                "kullanımı üzerine bir Ufuk Avrupa (Küme 6) araştırma ve yenilik eylemi "
                "hazırlıyor. Saha denemesi yapabilecek üniversiteler, sensör geliştiren KOBİ'ler "
                "ve su idareleri arıyoruz.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Ege University's Faculty of Agriculture is preparing a Horizon Europe (Cluster "
                "6) research and innovation action on smart irrigation and the reuse of waste "
                "water in farming. We look for universities able to run field trials, SMEs "
                "building sensors and water authorities.\n\nDemo data."
            ),
            programme="Horizon Europe Cluster 6",
            countries=["ES", "IT", "GR", "PT", "MA", "TN"],
            types=["university", "sme", "public_body"],
            days=75,
            replies=[
                Reply(
                    name="Marco Bianchi (demo)",
                    organisation="Università di Bari, DISAAT (demo)",
                    org_type="university",
                    country="IT",
                    email="marco.bianchi@uniba.example.invalid",
                    language="en",
                    messages=[
                        (
                            R,
                            "We run a 40-hectare experimental farm with treated waste-water "
                            "irrigation and would be glad to host the field trials.",
                        ),
                        (
                            P,
                            "That is exactly what we need. Which work packages would you like to "
                            "lead?",
                        ),
                    ],
                ),
                Reply(
                    name="Ece Yılmaz (demo)",
                    organisation="Dokuz Eylül Üniversitesi",
                    org_type="university",
                    country="TR",
                    email="izmir.kurum2@example.invalid",
                    language="tr",
                    member="izmir.kurum2",
                    messages=[
                        (
                            R,
                            "Su kaynakları yönetimi bölümümüz hidrolojik modelleme ile katkı "
                            "verebilir.",
                        )
                    ],
                    seen=False,
                ),
            ],
        ),
        Post(
            org="ibb",
            kind=PostKind.OFFERING,
            title_tr="Kentsel iklim uyumu projelerine ortak olmak istiyoruz",
            title_en="We offer partnership in urban climate adaptation projects",
            description_tr=(
                "İzmir Büyükşehir Belediyesi, yeşil dönüşüm ve iklim uyumu projelerinde pilot "
                "uygulama alanı ve teknik ekip sunabilir.\n\nTanıtım verisidir."
            ),
            description_en=(
                "İzmir Metropolitan Municipality can offer pilot sites and a technical team to "
                "green transition and climate adaptation projects.\n\nDemo data."
            ),
            programme="İZKA Mali Destek Programı",
            countries=[],
            types=["sme", "cooperative", "university"],
            days=40,
            call="demo-izka-yesil-2026",
            replies=[
                Reply(
                    name="Mert Kaya (demo)",
                    organisation="Ege Enerji Kooperatifi (demo)",
                    org_type="cooperative",
                    country="TR",
                    email="mert.kaya@egeenerji.example.invalid",
                    language="tr",
                    messages=[
                        (
                            R,
                            "Kooperatifimiz çatı güneş enerjisi kurulumları yapıyor; belediye "
                            "binalarında bir pilot uygulama öneriyoruz.",
                        )
                    ],
                    seen=False,
                )
            ],
        ),
        Post(
            org="karsiyaka-bel",
            kind=PostKind.SEEKING,
            title_tr="Gençlik değişimi için Balkanlardan ortak aranıyor",
            title_en="Partners from the Balkans wanted for a youth exchange",
            description_tr=(
                "Karşıyaka Belediyesi Gençlik Merkezi, sokak sanatı temalı bir gençlik "
                "değişimi (KA152) için ortak gençlik kuruluşları arıyor.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Karşıyaka Municipality's Youth Centre looks for youth organisations to join a "
                "youth exchange (KA152) on street art.\n\nDemo data."
            ),
            programme="Erasmus+ KA152-YOU",
            countries=["MK", "RS", "AL", "BA", "ME", "XK"],
            types=["ngo"],
            days=15,
        ),
        Post(
            org="ito",
            kind=PostKind.OFFERING,
            title_tr="İhracatçı KOBİ'ler için eşleştirme etkinliklerine ortaklık",
            title_en="Partnership in matchmaking events for exporting SMEs",
            description_tr=(
                "İzmir Ticaret Odası, Enterprise Europe Network etkinliklerine ortak olmayı "
                "önermişti.\n\nTanıtım verisidir."
            ),
            description_en=(
                "İzmir Chamber of Commerce offered to partner in Enterprise Europe Network "
                "events.\n\nDemo data."
            ),
            programme="Single Market Programme",
            countries=["DE", "FR", "NL"],
            types=["chamber", "sme"],
            days=-5,
        ),
        Post(
            org="bergama-bel",
            kind=PostKind.SEEKING,
            title_tr="Kültürel miras rotaları için ortak aranıyor",
            title_en="Partners wanted for cultural heritage routes",
            description_tr=(
                "Bergama Belediyesi, antik kentleri bağlayan bir kültür rotası projesi için "
                "ortak arıyordu; ortaklık tamamlandı.\n\nTanıtım verisidir."
            ),
            description_en=(
                "Bergama Municipality looked for partners for a cultural route linking ancient "
                "cities; the partnership is complete.\n\nDemo data."
            ),
            programme="Creative Europe",
            countries=["GR", "IT"],
            types=["municipality", "ngo"],
            days=25,
            closed=True,
        ),
    ],
}


def _post(office: Any, organisation: Any, spec: Post, creator: Any) -> PartnerSearch:
    post = PartnerSearch.objects.filter(
        office=office, is_demo=True, title_tr=spec.title_tr
    ).first() or PartnerSearch(office=office, title_tr=spec.title_tr, is_demo=True)
    post.organisation = organisation
    post.kind = spec.kind
    post.title_en = spec.title_en
    post.description_tr, post.description_en = spec.description_tr, spec.description_en
    post.programme = spec.programme
    post.countries, post.organisation_types = spec.countries, spec.types
    post.expires_on = timezone.localdate() + dt.timedelta(days=spec.days)
    post.call = (
        Call.objects.filter(office=office, source="demo", source_id=spec.call).first()
        if spec.call
        else None
    )
    if spec.closed:
        post.status = PostStatus.CLOSED
        post.closed_at = post.closed_at or timezone.now() - dt.timedelta(days=3)
        post.closed_by = creator
    else:
        post.status, post.closed_at, post.closed_by = PostStatus.OPEN, None, None
    post.created_by = post.created_by or creator
    post.refresh_derived()
    post.save()
    return post


def _reply(post: PartnerSearch, spec: Reply, ctx: DemoContext, age_days: int) -> bool:
    if Answer.objects.filter(post=post, email_key=spec.email).exists():
        return False
    member = ctx.users.get(spec.member) if spec.member else None
    start = timezone.now() - dt.timedelta(days=age_days)
    answer = Answer(
        office=post.office,
        post=post,
        responder_name=spec.name,
        organisation_name=spec.organisation,
        organisation_type=spec.org_type,
        country=spec.country,
        responder_organisation=member.organisation if member else None,
        responder_user=member,
        email=spec.email,
        language=spec.language,
        consent_text=CONSENT,
        consent_at=start,
        is_demo=True,
    )
    answer.refresh_derived()
    answer.save()
    at = start
    for side, body in spec.messages:
        AnswerMessage.objects.create(
            office=post.office, answer=answer, side=side, body=body, created_at=at
        )
        last_side, last_at = side, at
        at += dt.timedelta(hours=20)
    Answer.objects.filter(pk=answer.pk).update(
        last_message_at=last_at,
        last_side=last_side,
        poster_seen_at=last_at if spec.seen or last_side == P else None,
        responder_seen_at=last_at,
    )
    return True


def load(ctx: DemoContext) -> str:
    posts = answers = 0
    for slug, specs in POSTS.items():
        office = ctx.offices[slug]
        creator = ctx.users.get(f"{slug}.kurum")
        for i, spec in enumerate(specs):
            organisation = ctx.organisations[slug][spec.org]
            by = creator if creator and creator.organisation_id == organisation.pk else None
            post = _post(office, organisation, spec, by)
            posts += 1
            for j, reply in enumerate(spec.replies):
                answers += _reply(post, reply, ctx, age_days=max(1, 6 - i - j))
    return f"{posts} partner searches, {answers} new answers"
