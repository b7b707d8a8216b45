"""The public news listing with 20,000 news items across 81 offices (goal: p95 ≤ 50 ms).

    python bench/news_listing.py                       # SQLite, var/bench-news.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopru_bench_news python bench/news_listing.py

Creates 81 offices (one per province) and 20,000 news items (about 250 per office; a
tenth scheduled for the future, a tenth drafts, some expired, a few featured), then
times, through Django's test client with DEBUG off (server time: query, template,
pagination), the listing of one office: page 1, page 5, one category, one tag, the
office home (its news block with the featured items), the RSS feed and the API list.
Prints p50/p95 per page over 60 requests each: wall time, and the process's own CPU
time (on SQLite the database runs in the process; on a shared machine that is what a
page costs) with the machine's load average.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-news.sqlite3"
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from kopru.core.scoping import unscoped  # noqa: E402
from kopru.geo.models import Province  # noqa: E402
from kopru.news.models import Category, NewsItem, NewsStatus  # noqa: E402
from kopru.offices.models import Office  # noqa: E402

TOTAL = 20_000
TAGS = ["Avrupa Günü", "gençlik", "Erasmus+", "hibe", "eğitim", "Eurodesk", "IPA", "kadın"]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def build() -> Office:
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        # A rerun on the same database starts from no news (not `flush`: it would also
        # empty the provinces that a migration loads once).
        with unscoped("bench"):
            NewsItem._base_manager.all().delete()
    rng = random.Random(14)
    now = timezone.now()
    with unscoped("bench"), transaction.atomic():
        offices = []
        for province in Province.objects.order_by("plate"):
            office = Office.objects.filter(province=province).first() or Office.objects.create(
                province=province,
                slug=f"ofis-{province.plate}",
                name_tr=f"{province.name} Valiliği AB ve Dış İlişkiler Bürosu",
            )
            offices.append(office)
        rows = []
        for n in range(TOTAL):
            office = offices[n % len(offices)]
            roll = rng.random()
            status = NewsStatus.PUBLISHED
            publish_at = now - dt.timedelta(hours=rng.randint(1, 24 * 900))
            expire_at = None
            if roll < 0.1:
                status, publish_at = (
                    NewsStatus.SCHEDULED,
                    now + dt.timedelta(days=rng.randint(1, 30)),
                )
            elif roll < 0.2:
                status, publish_at = NewsStatus.DRAFT, None
            elif roll < 0.25:
                expire_at = publish_at + dt.timedelta(days=5)
            tags = rng.sample(TAGS, 2)
            item = NewsItem(
                office=office,
                title_tr=f"Haber {n}: {tags[0]} etkinliği",
                title_en=f"News {n}",
                summary_tr="Ofisimiz ilimizde bir bilgilendirme etkinliği düzenledi. " * 2,
                body_tr="<p>Metin</p>",
                category=rng.choice(Category.values),
                tags=tags,
                status=status,
                publish_at=publish_at,
                expire_at=expire_at,
                featured=rng.random() < 0.01,
            )
            item.refresh_derived()
            rows.append(item)
        NewsItem.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return offices[34]  # İzmir's plate is 35


def main() -> None:
    started = time.perf_counter()
    office = build()
    print(
        f"{connection.vendor}: {TOTAL} news across 81 offices built in "
        f"{time.perf_counter() - started:.1f} s; timing /{office.slug}/ pages"
    )
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    pages = {
        "listing, page 1": f"/{office.slug}/haberler/",
        "listing, page 5": f"/{office.slug}/haberler/?page=5",
        "one category": f"/{office.slug}/haberler/?kategori=duyuru",
        "one tag": f"/{office.slug}/haberler/?etiket=gençlik",
        "office home": f"/{office.slug}/",
        "RSS feed": f"/{office.slug}/haberler/rss/",
        "API list": f"/api/v1/news/?office={office.slug}",
    }
    worst = worst_cpu = 0.0
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url
        times, cpu = [], []
        for _ in range(60):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200
        p95, cpu95 = percentile(times, 95), percentile(cpu, 95)
        if label != "office home":
            worst, worst_cpu = max(worst, p95), max(worst_cpu, cpu95)
        print(
            f"{label:18s} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   "
            f"(CPU of this process: p50 {statistics.median(cpu):5.1f}, p95 {cpu95:5.1f} ms)"
        )
    print(
        f"goal: news listings p95 ≤ 50 ms — worst listing p95 {worst:.1f} ms wall, "
        f"{worst_cpu:.1f} ms CPU; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
