"""Public stories listing and youth finder at 5,000 stories and 4,000 youth opportunities
across 81 offices, on SQLite or PostgreSQL.

    .venv/bin/python bench/stories_youth.py [--db /tmp/bench-stories.sqlite3]
    .venv/bin/python bench/stories_youth.py --database-url postgres://postgres@127.0.0.1:5432/kopru_bench_stories

Builds a fresh database (81 offices; stories weighted towards the big provinces, each
with real-shaped facts; ~50 opportunities per office of every type, a quarter closed,
some opening later), then requests the pages through Django's test client (the whole
view: query validation, queries, facets, template) in several offices with varied
filters, and prints p50/p95 in milliseconds against the target (50 ms): wall time, and
the process's own CPU time with the machine's load average (on SQLite the database runs
in the process, so on a shared machine the CPU time is what the page costs; on
PostgreSQL the database's time is only in the wall time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STORY_QUERIES = [
    {},
    {"etiket": "success_story"},
    {"sektor": "youth"},
    {"grup": "youth", "yil": "2024"},
    {"program": "Erasmus+ KA2"},
    {"q": "gençlik"},
    {"etiket": "good_practice", "sektor": "education", "page": "2"},
]
YOUTH_QUERIES = [
    {},
    {"acik": "1"},
    {"tur": "esc_volunteering", "tr": "1", "acik": "1"},
    {"yas": "17"},
    {"ulke": "DE", "acik": "1"},
    {"yas": "22", "tur": "youth_exchange"},
    {"q": "gönüllü", "tr": "1"},
]
OFFICES = ["istanbul", "izmir", "ankara", "balikesir", "bursa", "van", "bayburt"]
PROGRAMMES = ["Erasmus+ KA1", "Erasmus+ KA2", "IPA III", "Horizon Europe", "LIFE", "CERV"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def generate(stories: int, opportunities_per_office: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kopru.core.scoping import unscoped
    from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector
    from kopru.geo.models import District, Province
    from kopru.offices.models import Office
    from kopru.stories.models import Label, Story, StoryStatus
    from kopru.youth.models import Cost, Opportunity, OpportunityType, PublicationState

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("PRAGMA journal_mode=WAL")
    rng = random.Random(2026)
    now = timezone.now()
    t0 = time.perf_counter()
    with unscoped("benchmark generator"), transaction.atomic():
        Office.objects.bulk_create(
            [
                Office(
                    province=p,
                    slug=p.name_search.replace(" ", "-"),
                    name_tr=f"{p.name} Valiliği AB ve Dış İlişkiler Bürosu",
                    name_en=f"Governorship of {p.name} EU Office",
                )
                for p in Province.objects.order_by("plate")
            ]
        )
        offices = list(Office.objects.select_related("province").order_by("province__plate"))
        districts: dict[int, list[tuple[int, str]]] = {}
        for pk, province_id, name in District.objects.values_list("pk", "province_id", "name"):
            districts.setdefault(province_id, []).append((pk, name))
        weights = [
            6
            if o.province.plate in ("06", "34", "35")
            else 2
            if o.province.plate in ("10", "16")
            else 1
            for o in offices
        ]
        sectors = Sector.values
        groups = [*PRIORITY_TARGET_GROUPS, "teachers", "farmers", "women"]
        rows = []
        for i in range(stories):
            office = rng.choices(offices, weights)[0]
            programme = rng.choice(PROGRAMMES)
            ds = rng.sample(
                districts[office.province_id], k=min(2, len(districts[office.province_id]))
            )
            story_groups = rng.sample(groups, k=2)
            facts = {
                "projects": [{"id": i, "title": f"Proje {i}", "acronym": f"P{i}"}],
                "programmes": [programme],
                "sectors": rng.sample(sectors, k=2),
                "districts": [{"id": pk, "name": name} for pk, name in ds],
                "target_groups": story_groups,
                "priority_groups": [g for g in story_groups if g in PRIORITY_TARGET_GROUPS],
                "year": rng.randint(2019, 2026),
            }
            story = Story(
                office=office,
                label=rng.choice(Label.values),
                status=StoryStatus.PUBLISHED if rng.random() < 0.85 else StoryStatus.DRAFT,
                title_tr=f"{office.province.name}: gençlik ve istihdam hikâyesi {i}",
                title_en=f"{office.province.name}: youth and employment story {i}",
                summary_tr="İlçelerde gençlere yönelik eğitimler ve sonuçları.",
                narrative_tr="Proje ortaklarıyla yürütülen çalışmaların hikâyesi. " * 20,
                facts=facts,
                published_at=now - dt.timedelta(days=rng.randint(0, 2000)),
            )
            story.refresh_derived()
            rows.append(story)
        Story.objects.bulk_create(rows, batch_size=1000)
        types = OpportunityType.values
        countries = ["DE", "PL", "PT", "ES", "IT", "EE", "AT", "FR", "TR", "GR", "RO", "BE"]
        opps = []
        for office in offices:
            for j in range(opportunities_per_office):
                deadline = now + dt.timedelta(days=rng.randint(-120, 120), hours=rng.randint(0, 23))
                low = rng.choice([13, 16, 18, 18, 18, 21])
                o = Opportunity(
                    office=office,
                    type=rng.choice(types),
                    state=PublicationState.PUBLISHED
                    if rng.random() < 0.9
                    else PublicationState.DRAFT,
                    title_tr=f"Gönüllülük ve gençlik değişimi fırsatı {j}",
                    title_en=f"Volunteering and youth exchange opportunity {j}",
                    description_tr="Avrupa'da gençlere yönelik bir fırsat. " * 5,
                    organiser=f"Verein Jugend {j}",
                    organiser_country=rng.choice(countries),
                    host_country=rng.choice(countries),
                    residents_of=rng.choice([[], ["TR", "DE"], ["DE", "AT"], ["TR"]]),
                    age_min=low,
                    age_max=min(35, low + rng.choice([4, 9, 12])),
                    deadline=deadline,
                    deadline_timezone="Europe/Brussels",
                    opens_on=(deadline - dt.timedelta(days=30)).date()
                    if rng.random() < 0.2
                    else None,
                    costs_covered=rng.sample(Cost.values, k=3),
                    url="https://youth.europa.eu/solidarity/placement_en",
                    published_at=now - dt.timedelta(days=rng.randint(0, 200)),
                )
                o.refresh_derived()
                opps.append(o)
        Opportunity.objects.bulk_create(opps, batch_size=2000)
    print(
        f"81 offices, {len(rows)} stories, {len(opps)} youth opportunities: "
        f"{time.perf_counter() - t0:.1f} s"
    )


def measure(rounds: int) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    for name, queries, target in (
        ("public:stories:list", STORY_QUERIES, 50),
        ("public:youth:list", YOUTH_QUERIES, 50),
    ):
        times: list[float] = []
        cpu: list[float] = []
        load = os.getloadavg()[0]
        for slug in OFFICES:
            url = reverse(name, kwargs={"office_slug": slug})
            client.get(url)  # warm the office's first request
            for _ in range(rounds):
                for query in queries:
                    t0, c0 = time.perf_counter(), time.process_time()
                    response = client.get(url, query)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                    assert response.status_code == 200, (url, query, response.status_code)
        p50, p95 = statistics.median(times), percentile(times, 95)
        verdict = "ok" if p95 <= target else "OVER TARGET"
        print(
            f"{name}: {len(times)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(target p95 <= {target} ms: {verdict}); this process's CPU p50 "
            f"{statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms; "
            f"load average {load:.1f} on {os.cpu_count()} cores"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench-stories.sqlite3")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--opportunities-per-office", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        if os.path.exists(args.db):
            os.remove(args.db)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Server time as in production: DEBUG off (no query log, cached templates).
    os.environ.setdefault("DJANGO_DEBUG", "False")
    os.environ.setdefault("KOPRU_ALLOWED_HOSTS", "localhost")
    import django

    django.setup()
    from django.db import connection

    print(f"database: {connection.vendor}")
    generate(args.stories, args.opportunities_per_office)
    measure(args.rounds)


if __name__ == "__main__":
    main()
