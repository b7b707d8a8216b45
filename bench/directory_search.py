"""Public stakeholder-directory searches at 20,000 organisations.

    .venv/bin/python bench/directory_search.py [--organisations 20000] [--rounds 5] [--regenerate]

1. Builds (once; reused while it exists) ``var/bench-directory.sqlite3``: migrates it,
   creates the two demo offices and writes ``--organisations`` organisations with
   realistic Turkish names, made from the real district names of
   ``../shared/data/tr-il-ilce`` (the offices' own districts, and the 973 district
   names of Turkey as village and neighbourhood names) and the kinds of bodies a
   province has: district governorships and directorates, municipalities, village and
   neighbourhood administrations, schools, university units, associations and
   foundations, cooperatives, chambers, companies. Some names are in capitals, as
   imported lists often are; 85% are published; public bodies have a team status.
2. Runs a realistic mix of public directory searches (full text, type and district
   filters, later pages; Turkish and ASCII spellings) through the public page
   ``/<office>/paydaslar/`` and the API ``/api/v1/organisations/`` with Django's test
   client, in-process (server time including template rendering), and prints p50/p95
   against the goal (p95 ≤ 50 ms).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path(os.environ.get("BENCH_DIRECTORY_DB", str(ROOT / "var" / "bench-directory.sqlite3")))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from kopru.core.scoping import unscoped  # noqa: E402
from kopru.core.text import search_key, tr_upper  # noqa: E402
from kopru.geo.models import District  # noqa: E402
from kopru.organisations.models import (  # noqa: E402
    PUBLIC_TYPES,
    Organisation,
    OrganisationType,
    TeamStatus,
)

DATA = ROOT.parent / "shared" / "data" / "tr-il-ilce"
OFFICES = {"izmir": ("35", 0.6), "balikesir": ("10", 0.4)}
T = OrganisationType

HEROES = [
    "Atatürk",
    "Cumhuriyet",
    "Gazi",
    "Fatih",
    "Mehmet Akif Ersoy",
    "Yunus Emre",
    "Mimar Sinan",
    "Namık Kemal",
    "Fevzi Çakmak",
    "İsmet İnönü",
    "Kazım Karabekir",
    "Halide Edip Adıvar",
    "Nene Hatun",
    "15 Temmuz Şehitler",
    "Hürriyet",
    "İstiklal",
    "Barbaros",
    "Piri Reis",
    "Ulubatlı Hasan",
    "Şehit Öğretmen Aybüke Yalçın",
]
SCHOOLS = [
    "İlkokulu",
    "Ortaokulu",
    "Anadolu Lisesi",
    "Mesleki ve Teknik Anadolu Lisesi",
    "Anadolu İmam Hatip Lisesi",
    "Fen Lisesi",
    "Özel Eğitim Uygulama Okulu",
]
DIRECTORATES = [
    "Kaymakamlığı",
    "İlçe Milli Eğitim Müdürlüğü",
    "İlçe Tarım ve Orman Müdürlüğü",
    "İlçe Sağlık Müdürlüğü",
    "Halk Eğitim Merkezi Müdürlüğü",
    "Gençlik Merkezi Müdürlüğü",
    "Sosyal Hizmet Merkezi Müdürlüğü",
    "Devlet Hastanesi",
    "İlçe Müftülüğü",
    "Öğretmenevi ve Akşam Sanat Okulu",
]
NGO_THEMES = [
    "Gençlik ve Spor Kulübü",
    "Kadın Girişimciler",
    "Engelliler",
    "Çevre Gönüllüleri",
    "Kültür ve Dayanışma",
    "Eğitim Gönüllüleri",
    "Sosyal Yardımlaşma ve Dayanışma",
    "Turizm Geliştirme",
    "Zeytin Üreticileri",
    "Gençlik İzcilik",
    "Kent Konseyi Gönüllüleri",
    "Göçmenlerle Dayanışma",
]
COOPERATIVES = [
    "Tarımsal Kalkınma",
    "Kadın Girişimi Üretim ve İşletme",
    "Su Ürünleri",
    "Süt Üreticileri",
    "Zeytin ve Zeytinyağı Üreticileri",
    "Arıcılık Üreticileri",
]
CHAMBERS = [
    "Esnaf ve Sanatkârlar Odası",
    "Ziraat Odası",
    "Ticaret ve Sanayi Odası",
    "Ticaret Borsası",
]
FAMILIES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Çetin",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Ilgaz",
    "Işık",
]
SECTORS = [
    "Gıda",
    "Tekstil",
    "Makine",
    "Mobilya",
    "Tarım Ürünleri",
    "Yazılım",
    "İnşaat",
    "Turizm",
    "Zeytinyağı",
    "Lojistik",
    "Enerji",
    "Su Ürünleri",
]
DESCRIPTIONS = [
    "{d} ilçesinde gençlik çalışmaları yürütür.",
    "Kadınların ve dezavantajlı grupların istihdamına yönelik projeler geliştirir.",
    "Yerel kalkınma, kırsal turizm ve çevre konularında etkinlik düzenler.",
    "Erasmus+ ve Avrupa Dayanışma Programı projelerinde ortaklık arar.",
    "{d} ilçesinin üreticilerini bir araya getirir.",
]
# type -> weight
WEIGHTS = {
    T.PUBLIC_BODY: 12,
    T.MUNICIPALITY: 2,
    T.LOCAL_ADMINISTRATION: 16,
    T.SCHOOL: 26,
    T.UNIVERSITY: 1,
    T.NGO: 20,
    T.COOPERATIVE: 6,
    T.CHAMBER: 2,
    T.SME: 12,
    T.LARGE_COMPANY: 1,
    T.YOUNG_ENTREPRENEUR: 2,
}


def load_places() -> tuple[dict[str, list[str]], list[str], dict[str, str]]:
    by_plate = json.loads((DATA / "muratgozel-districtsByCityCode.json").read_text("utf-8"))
    cities = {
        c["code"]: c["name"]
        for c in json.loads((DATA / "muratgozel-cityList.json").read_text("utf-8"))
    }
    everywhere = sorted({n for names in by_plate.values() for n in names if n != "Merkez"})
    return by_plate, everywhere, cities


def make_name(rng: random.Random, kind: str, district: str, places: list[str], city: str) -> str:
    place = rng.choice(places)
    if kind == T.PUBLIC_BODY:
        return f"{district} {rng.choice(DIRECTORATES)}"
    if kind == T.MUNICIPALITY:
        return f"{rng.choice([district, place])} Belediyesi"
    if kind == T.LOCAL_ADMINISTRATION:
        if rng.random() < 0.5:
            return f"{district} {place} Mahallesi Muhtarlığı"
        return f"{district} {place} Köyü Muhtarlığı"
    if kind == T.SCHOOL:
        return f"{district} {rng.choice([*HEROES, place])} {rng.choice(SCHOOLS)}"
    if kind == T.UNIVERSITY:
        return f"{city} Üniversitesi {district} Meslek Yüksekokulu"
    if kind == T.NGO:
        suffix = "Vakfı" if rng.random() < 0.2 else "Derneği"
        return f"{district} {rng.choice(NGO_THEMES)} {suffix}"
    if kind == T.COOPERATIVE:
        return f"{district} {place} {rng.choice(COOPERATIVES)} Kooperatifi"
    if kind == T.CHAMBER:
        return f"{district} {rng.choice(CHAMBERS)}"
    if kind == T.SME:
        return f"{rng.choice(FAMILIES)} {rng.choice(SECTORS)} San. ve Tic. Ltd. Şti."
    if kind == T.LARGE_COMPANY:
        return f"{rng.choice(FAMILIES)} {rng.choice(SECTORS)} Holding A.Ş."
    return f"{rng.choice(FAMILIES)} {place} {rng.choice(SECTORS)} Atölyesi"


def generate(total: int) -> None:
    rng = random.Random(2026)
    by_plate, places, cities = load_places()
    with unscoped("bench: offices"):
        from kopru.core.demodata import DemoContext
        from kopru.offices import demo as offices_demo
        from kopru.offices.models import Office

        if not Office.objects.filter(slug="izmir").exists():
            with transaction.atomic():
                offices_demo.load(DemoContext())
        offices = {o.slug: o for o in Office.objects.filter(slug__in=OFFICES)}
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in kinds]
    started = time.perf_counter()
    written = 0
    with unscoped("bench: generating organisations"), transaction.atomic():
        for slug, (plate, share) in OFFICES.items():
            office = offices[slug]
            districts = {
                d.name_search: d for d in District.objects.filter(province=office.province)
            }
            names = [n for n in by_plate[plate] if search_key(n) in districts]
            count = round(total * share) if slug != "balikesir" else total - written
            seen: set[str] = set()
            batch: list[Organisation] = []
            while len(seen) < count:
                kind = rng.choices(kinds, weights)[0]
                district_name = rng.choice(names)
                name = make_name(rng, kind, district_name, places, cities[plate])
                if name in seen and rng.random() < 0.3:
                    name = f"{name} {rng.randint(2, 9)}. Şube"
                if name in seen:
                    continue
                seen.add(name)
                shown = tr_upper(name) if rng.random() < 0.08 else name
                org = Organisation(
                    office=office,
                    name=shown,
                    type=kind,
                    district=districts[search_key(district_name)],
                    is_public=rng.random() < 0.85,
                    description=(
                        rng.choice(DESCRIPTIONS).format(d=district_name)
                        if rng.random() < 0.3
                        else ""
                    ),
                    team_status=(
                        rng.choices(list(TeamStatus.values), [50, 20, 30])[0]
                        if kind in PUBLIC_TYPES
                        else TeamStatus.NONE
                    ),
                )
                org.refresh_derived()
                batch.append(org)
                if len(batch) == 2000:
                    Organisation._base_manager.bulk_create(batch)
                    written += len(batch)
                    batch = []
                    print(f"  {written} organisations", end="\r", flush=True)
            Organisation._base_manager.bulk_create(batch)
            written += len(batch)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"\ngenerated {written} organisations in {time.perf_counter() - started:.0f}s")


def searches() -> list[str]:
    """The public page's and the API's queries people make (district ids looked up)."""
    with unscoped("bench: district ids"):
        ids = {
            d.name: d.pk
            for d in District.objects.filter(
                name__in=["Bornova", "Karşıyaka", "Bergama", "Ödemiş", "Karesi", "Ayvalık"]
            )
        }
    izmir = [
        "",
        "page=7",
        "q=belediye",
        "q=belediyesi&page=2",
        "q=karsiyaka",
        "q=KARŞIYAKA",
        "q=anadolu lisesi",
        "q=ataturk ilkokulu",
        "q=muhtarlığı&page=3",
        "q=kadın",
        "q=genc",
        "q=gençlik derneği",
        "q=zeytin",
        "q=kooperatif&ilce={Ödemiş}",
        "tur=school&ilce={Bornova}",
        "tur=ngo&q=çevre",
        "tur=municipality",
        "q=mü",
        "q=a",
        "ilce={Bergama}&page=2",
        "q=ısparta",
        "q=meslek yüksekokulu",
        "q=san tic ltd",
        "tur=public_body&q=müdürlüğü",
    ]
    balikesir = [
        "",
        "q=ayvalık",
        "q=edremit zeytin",
        "tur=school&ilce={Karesi}",
        "q=kaymakamlığı",
        "q=sındırgı",
    ]
    api = ["q=belediye", "q=izmir", "q=lise&type=school", "q=dernek&page=3", ""]
    out = [f"/izmir/paydaslar/?{q.format(**ids)}" for q in izmir]
    out += [f"/balikesir/paydaslar/?{q.format(**ids)}" for q in balikesir]
    out += [f"/api/v1/organisations/?office=izmir&{q}" for q in api]
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def run(rounds: int) -> None:
    client = Client()
    urls = searches()
    counts = []
    for url in urls:  # warm-up, and a sanity check
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if "/api/" in url:
            counts.append(response.json()["count"])
        else:
            found = re.search(r'role="status">(\d+) ', response.content.decode())
            assert found, url
            counts.append(int(found.group(1)))
    times: list[float] = []
    per_url: dict[str, list[float]] = {u: [] for u in urls}
    for _ in range(rounds):
        for url in urls:
            t = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - t) * 1000
            assert response.status_code == 200
            times.append(ms)
            per_url[url].append(ms)
    p50, p95 = statistics.median(times), percentile(times, 95)
    print(
        f"{len(times)} requests ({len(urls)} searches x {rounds} rounds); "
        f"results per search {min(counts)}–{max(counts)}"
    )
    print(f"public directory and API (server time, in-process): p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    slowest = sorted(((statistics.median(v), u) for u, v in per_url.items()), reverse=True)[:5]
    print("slowest (median): " + "; ".join(f"{u} {ms:.0f} ms" for ms, u in slowest))
    print(f"goal: p95 <= 50 ms -> {'met' if p95 <= 50 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    if args.regenerate and DB.exists():
        DB.unlink()
    DB.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    with unscoped("bench: count"):
        count = Organisation.objects.filter(office__slug__in=OFFICES).count()
    if count < args.organisations:
        if count:
            with unscoped("bench: reset"):
                Organisation._base_manager.all().delete()
        generate(args.organisations)
    with unscoped("bench: count"):
        count = Organisation.objects.count()
        public = Organisation.objects.filter(is_public=True).count()
    print(f"database: {DB} — {count} organisations ({public} published)")
    run(args.rounds)


if __name__ == "__main__":
    main()
