"""Demo organisations: real public bodies of the two provinces (names only), and
invented project teams for some of them.

Contact details are left empty or use the reserved ``.invalid`` domain, team members'
names are marked "(demo)" and have no phone numbers: the demo must not present
invented details as real ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kopru.core.demodata import DemoContext
from kopru.core.text import search_key
from kopru.geo.models import District

from .models import Organisation, OrganisationType, TeamMember, TeamRole, TeamStatus

ORDER = 20

T = OrganisationType
ORGANISATIONS: dict[str, list[tuple[str, str, str, str, bool]]] = {
    # key, name, type, district, public
    "balikesir": [
        ("valilik", "Balıkesir Valiliği", T.PUBLIC_BODY, "Karesi", True),
        ("bbb", "Balıkesir Büyükşehir Belediyesi", T.MUNICIPALITY, "Altıeylül", True),
        ("bandirma-bel", "Bandırma Belediyesi", T.MUNICIPALITY, "Bandırma", True),
        ("edremit-bel", "Edremit Belediyesi", T.MUNICIPALITY, "Edremit", True),
        ("bau", "Balıkesir Üniversitesi", T.UNIVERSITY, "Altıeylül", True),
        ("bandirma-uni", "Bandırma Onyedi Eylül Üniversitesi", T.UNIVERSITY, "Bandırma", True),
        ("mem", "Balıkesir İl Milli Eğitim Müdürlüğü", T.PUBLIC_BODY, "Karesi", True),
        ("gsim", "Balıkesir Gençlik ve Spor İl Müdürlüğü", T.PUBLIC_BODY, "Karesi", True),
        ("bto", "Balıkesir Ticaret Odası", T.CHAMBER, "Karesi", True),
        ("gmka", "Güney Marmara Kalkınma Ajansı", T.PUBLIC_BODY, "Karesi", True),
        ("ayvalik-mtal", "Ayvalık Mesleki ve Teknik Anadolu Lisesi", T.SCHOOL, "Ayvalık", True),
        (
            "susurluk-koop",
            "Susurluk Tarımsal Kalkınma Kooperatifi",
            T.COOPERATIVE,
            "Susurluk",
            False,
        ),
        ("genc-gir", "Kepsut Genç Girişimci Atölyesi", T.YOUNG_ENTREPRENEUR, "Kepsut", False),
    ],
    "izmir": [
        ("valilik", "İzmir Valiliği", T.PUBLIC_BODY, "Konak", True),
        ("ibb", "İzmir Büyükşehir Belediyesi", T.MUNICIPALITY, "Konak", True),
        ("karsiyaka-bel", "Karşıyaka Belediyesi", T.MUNICIPALITY, "Karşıyaka", True),
        ("ege", "Ege Üniversitesi", T.UNIVERSITY, "Bornova", True),
        ("deu", "Dokuz Eylül Üniversitesi", T.UNIVERSITY, "Buca", True),
        ("ikcu", "İzmir Katip Çelebi Üniversitesi", T.UNIVERSITY, "Çiğli", True),
        ("yasar", "Yaşar Üniversitesi", T.UNIVERSITY, "Bornova", True),
        ("mem", "İzmir İl Milli Eğitim Müdürlüğü", T.PUBLIC_BODY, "Konak", True),
        ("ito", "İzmir Ticaret Odası", T.CHAMBER, "Konak", True),
        ("izka", "İzmir Kalkınma Ajansı", T.PUBLIC_BODY, "Konak", True),
        ("bergama-bel", "Bergama Belediyesi", T.MUNICIPALITY, "Bergama", True),
        ("odemis-koop", "Ödemiş Süt Üreticileri Kooperatifi", T.COOPERATIVE, "Ödemiş", False),
    ],
}


# A spelling of a real body as it arrives from old spreadsheets: a likely duplicate, so
# the duplicates page has something to show (key, name, type, district, public).
DUPLICATES: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "balikesir": [("bandirma-bel-dup", "BANDIRMA BELEDİYESİ", T.MUNICIPALITY, "Bandırma", False)],
    "izmir": [("bergama-bel-dup", "BERGAMA BELEDİYESİ", T.MUNICIPALITY, "Bergama", False)],
}

S = TeamStatus
R = TeamRole
# organisation key -> (status, formed on, [(first, last, role, title, skills, languages,
# contact point)])
TEAMS: dict[str, dict[str, tuple[str, dt.date | None, list[tuple[Any, ...]]]]] = {
    "balikesir": {
        "valilik": (
            S.FORMED,
            dt.date(2023, 3, 1),
            [
                ("Canan", "Aksoy", R.LEADER, "Vali Yardımcısı", "koordinasyon", ["tr", "en"], True),
                ("Murat", "Erdem", R.FINANCE, "Mali Hizmetler Uzmanı", "bütçe", ["tr"], False),
                (
                    "Gül",
                    "Tekin",
                    R.COMMUNICATION,
                    "Basın Müşaviri",
                    "görünürlük",
                    ["tr", "en"],
                    False,
                ),
            ],
        ),
        "bbb": (
            S.FORMED,
            dt.date(2022, 10, 15),
            [
                (
                    "Serkan",
                    "Uçar",
                    R.LEADER,
                    "Dış İlişkiler Şube Müdürü",
                    "AB hibeleri",
                    ["tr", "en", "de"],
                    True,
                ),
                (
                    "Ebru",
                    "Kılıç",
                    R.PROCUREMENT,
                    "Satın Alma Şefi",
                    "ihale, sözleşme",
                    ["tr"],
                    False,
                ),
                (
                    "İlker",
                    "Önal",
                    R.MONITORING,
                    "Proje Uzmanı",
                    "izleme, raporlama",
                    ["tr", "en"],
                    False,
                ),
            ],
        ),
        "bandirma-bel": (
            S.FORMING,
            None,
            [("Ozan", "Işık", R.LEADER, "Strateji Müdürü", "proje yazma", ["tr", "en"], True)],
        ),
        "edremit-bel": (S.NONE, None, []),
        "bau": (
            S.FORMED,
            dt.date(2021, 5, 20),
            [
                (
                    "Şule",
                    "Güneş",
                    R.LEADER,
                    "Proje Ofisi Koordinatörü",
                    "Horizon Avrupa",
                    ["tr", "en", "fr"],
                    True,
                ),
                (
                    "Tolga",
                    "Acar",
                    R.TECHNICAL,
                    "Araştırma Görevlisi",
                    "veri analizi",
                    ["tr", "en"],
                    False,
                ),
            ],
        ),
        "bandirma-uni": (S.FORMING, None, []),
        "mem": (
            S.FORMED,
            dt.date(2024, 1, 10),
            [
                (
                    "Nihan",
                    "Ateş",
                    R.LEADER,
                    "AR-GE Birimi Öğretmeni",
                    "Erasmus+ okul eğitimi",
                    ["tr", "en"],
                    True,
                ),
                ("Kerem", "Bulut", R.MEMBER, "Öğretmen", "eTwinning", ["tr", "en", "it"], False),
            ],
        ),
        "gsim": (S.NONE, None, []),
        "gmka": (
            S.FORMED,
            dt.date(2020, 9, 1),
            [("Derya", "Çınar", R.LEADER, "Uzman", "fizibilite, izleme", ["tr", "en"], True)],
        ),
        "ayvalik-mtal": (S.NONE, None, []),
    },
    "izmir": {
        "valilik": (
            S.FORMED,
            dt.date(2022, 4, 4),
            [
                (
                    "Barış",
                    "Ekinci",
                    R.LEADER,
                    "Vali Yardımcısı",
                    "koordinasyon",
                    ["tr", "en"],
                    True,
                ),
                ("Pınar", "Sezer", R.FINANCE, "Muhasebe Uzmanı", "bütçe", ["tr"], False),
            ],
        ),
        "ibb": (
            S.FORMED,
            dt.date(2019, 11, 11),
            [
                (
                    "Onur",
                    "Yavuz",
                    R.LEADER,
                    "AB Projeleri Şube Müdürü",
                    "Interreg, URBACT",
                    ["tr", "en", "el"],
                    True,
                ),
                (
                    "Aslı",
                    "Toprak",
                    R.COMMUNICATION,
                    "İletişim Uzmanı",
                    "sosyal medya",
                    ["tr", "en"],
                    False,
                ),
            ],
        ),
        "karsiyaka-bel": (
            S.FORMING,
            None,
            [("Cem", "Durmaz", R.LEADER, "Proje Koordinatörü", "proje yazma", ["tr", "en"], True)],
        ),
        "ege": (
            S.FORMED,
            dt.date(2018, 2, 12),
            [
                (
                    "Yasemin",
                    "Karaca",
                    R.LEADER,
                    "Proje Destek Ofisi Müdürü",
                    "Horizon Avrupa",
                    ["tr", "en", "de"],
                    True,
                )
            ],
        ),
        "deu": (S.FORMING, None, []),
        "ikcu": (S.NONE, None, []),
        "mem": (
            S.FORMED,
            dt.date(2023, 9, 18),
            [
                (
                    "Hande",
                    "Soylu",
                    R.LEADER,
                    "AR-GE Birimi Öğretmeni",
                    "Erasmus+",
                    ["tr", "en", "es"],
                    True,
                )
            ],
        ),
        "izka": (
            S.FORMED,
            dt.date(2021, 1, 4),
            [("Volkan", "Ertaş", R.LEADER, "Uzman", "mali destek programları", ["tr", "en"], True)],
        ),
        "bergama-bel": (S.NONE, None, []),
    },
}


def _email(first: str, last: str, office_slug: str) -> str:
    local = search_key(f"{first} {last}").replace(" ", ".")
    return f"{local}@{office_slug}.demo.invalid"


def _load_teams(ctx: DemoContext, slug: str) -> int:
    count = 0
    for key, (status, formed_on, people) in TEAMS[slug].items():
        org = ctx.organisations[slug][key]
        org.team_status = status
        org.team_formed_on = formed_on
        org.save(update_fields=["team_status", "team_formed_on"])
        for first, last, role, title, skills, languages, contact in people:
            full_name = f"{first} {last} (demo)"
            member = TeamMember.objects.filter(organisation=org, full_name=full_name).first()
            if member is None:
                member = TeamMember(office=org.office, organisation=org, full_name=full_name)
            member.role = role
            member.job_title = title
            member.skills = skills
            member.languages = languages
            member.email = _email(first, last, slug)
            member.phone = ""
            member.is_contact_point = contact
            member.refresh_derived()
            member.save()
            count += 1
    return count


def load(ctx: DemoContext) -> str:
    count = 0
    members = 0
    for slug, rows in ORGANISATIONS.items():
        office = ctx.offices[slug]
        ctx.organisations.setdefault(slug, {})
        for key, name, org_type, district_name, public in rows + DUPLICATES[slug]:
            district = District.objects.get(province=office.province, name=district_name)
            org = Organisation.objects.filter(office=office, name=name).first()
            if org is None:
                org = Organisation(office=office, name=name)
            org.type = org_type
            org.district = district
            org.is_public = public
            org.is_demo = True
            org.refresh_derived()
            org.save()
            ctx.organisations[slug][key] = org
            count += 1
        members += _load_teams(ctx, slug)
    return f"{count} organisations, {members} project-team members"
