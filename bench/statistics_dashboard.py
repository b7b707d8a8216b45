"""The coordinator's dashboard (and the pages beside it) on a generated database.

    .venv/bin/python bench/statistics_dashboard.py [--regenerate] [--rounds 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopru_stats \\
        .venv/bin/python bench/statistics_dashboard.py [--scale 1.0] [--regenerate]

SQLite (no ``DATABASE_URL``): Balıkesir alone with its share of the national data
(``national_generate.py --offices 1``), in ``/tmp/bench-statistics.sqlite3`` (reused
while it exists). PostgreSQL (``DATABASE_URL``): all 81 offices at ``--scale`` of the
national data (1.0: 200,000 projects, 100,000 calls, 50,000 cases, 300,000
registrations); the database's schema is rebuilt when it holds no benchmark data or
with ``--regenerate``.

Requests in-process through Django's test client as Balıkesir's coordinator (server
time: every query, the charts, the template), ``--rounds`` times each after a warm-up,
and prints p50/p95 against the goal (dashboard p95 ≤ 300 ms): the dashboard for this
year, for a quarter and for a custom range; the public statistics page; the API; and
the national computation of one indicator for every office (one grouped query).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DB = os.environ.get("BENCH_STATISTICS_DB", "/tmp/bench-statistics.sqlite3")
GOAL_MS = 300.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    postgres = bool(os.environ.get("DATABASE_URL"))
    import national_generate

    db = None if postgres else DB
    national_generate.setup(db)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    from django.conf import settings
    from django.db import connection
    from django.db.utils import DatabaseError
    from django.test import Client
    from django.utils import timezone

    try:
        from kopru.core.scoping import unscoped
        from kopru.offices.models import Office
        from kopru.projects.models import Project

        with unscoped("benchmark"):
            ready = Project.objects.filter(office__slug="balikesir").exists() and (
                postgres is False or Office.objects.count() == 81
            )
    except DatabaseError:
        ready = False
    if args.regenerate or not ready:
        national_generate.reset_database(db)
        national_generate.generate(
            scale=args.scale, offices_wanted=81 if postgres else 1, rng=random.Random(2026)
        )

    from kopru.accounts.models import User
    from kopru.statistics.indicators import compute_by_office
    from kopru.statistics.periods import Period

    settings.ALLOWED_HOSTS = ["*"]
    with unscoped("benchmark"):
        offices = Office.objects.count()
        projects = Project.objects.count()
        mine = Project.objects.filter(office__slug="balikesir").count()
    print(
        f"database: {connection.vendor}, {offices} offices, {projects} projects (Balıkesir {mine})"
    )
    client = Client()
    client.force_login(User.objects.get(username="balikesir.koordinator"))
    year = timezone.localdate().year
    pages = {
        "dashboard, this year": f"/balikesir/panel/gosterge-paneli/?kind=year&year={year}",
        "dashboard, a quarter": f"/balikesir/panel/gosterge-paneli/?kind=quarter&year={year - 1}&quarter=2",
        "dashboard, 5 years": f"/balikesir/panel/gosterge-paneli/?kind=custom&start={year - 5}-01-01&end={year - 1}-12-31",
        "public statistics": f"/balikesir/istatistikler/?period={year - 1}",
        "API, every indicator": f"/api/v1/statistics/?office=balikesir&period={year - 1}",
    }
    results = []
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times, cpu = [], []
        for _ in range(args.rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        results.append((label, times, cpu))
    period = Period.year(year - 1)
    times, cpu = [], []
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        compute_by_office(["funds_grant_eur"], period=period)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    results.append(("one indicator, every office", times, cpu))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':32} {'p50 ms':>8} {'p95 ms':>8} {'p95 CPU ms':>11}")
    for label, t, c in results:
        print(
            f"{label:32} {statistics.median(t):8.1f} {percentile(t, 95):8.1f} {percentile(c, 95):11.1f}"
        )
    worst = max(percentile(t, 95) for label, t, _c in results if label.startswith("dashboard"))
    verdict = "meets" if worst <= GOAL_MS else "MISSES"
    print(
        f"dashboard p95 {worst:.0f} ms {verdict} the goal of {GOAL_MS:.0f} ms ({connection.vendor})"
    )
    print(
        "(wall time; the CPU column is this process's own time: on SQLite it includes the "
        "queries, on PostgreSQL the server's share is not in it)"
    )


if __name__ == "__main__":
    main()
