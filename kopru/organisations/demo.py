"""Demo organisations: real public bodies of the two provinces (names only).

Contact details are left empty or use the reserved ``.invalid`` domain: the demo
must not present invented details as real ones.
"""

from __future__ import annotations

from kopru.core.demodata import DemoContext
from kopru.geo.models import District

from .models import Organisation, OrganisationType

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


def load(ctx: DemoContext) -> str:
    count = 0
    for slug, rows in ORGANISATIONS.items():
        office = ctx.offices[slug]
        ctx.organisations.setdefault(slug, {})
        for key, name, org_type, district_name, public in rows:
            district = District.objects.get(province=office.province, name=district_name)
            org = Organisation._base_manager.filter(office=office, name=name).first()
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
    return f"{count} organisations"
