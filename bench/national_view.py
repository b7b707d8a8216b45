"""The national view (``/ulusal/``) on a database holding every office's activity.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopru_national \\
        .venv/bin/python bench/national_view.py [--rounds 5] [--generate [--scale 1.0]]

The goal (issue 13): on PostgreSQL, at national scale (81 offices, 200,000 projects,
100,000 calls, 50,000 guidance cases, 300,000 training registrations), the national view
answers with p95 ≤ 500 ms. ``--generate`` fills the database first with
``bench/national_generate.py`` (it drops the schema ``public`` of that database: point
``DATABASE_URL`` at a benchmark database only); without it the database is measured as
it is, and the script prints the scale it found, so a figure is never read without it.

Requests run in-process through Django's test client as a national administrator
(server time: the grouped indicator queries for all offices, the staleness subquery,
the SVG map of 81 provinces, the 81-row table and the template), ``--rounds`` times over
a mix of indicators (projects, funds, trainings, guidance, calls, a rate, a median),
raw and per 100,000 inhabitants, after one warm-up round. The pages beside it (the trend
fragment, which computes eight years; an office's page, which computes every
indicator; the XLSX export; the public national statistics page) are timed and printed
too, each with its own p95.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
GOAL_MS = 500.0
INDICATORS = [
    "funds_grant_eur",
    "projects_total",
    "projects_by_stage",
    "participations_total",
    "trainees_unique",
    "certificates_issued",
    "cases_by_channel",
    "case_first_answer_hours",
    "application_success_rate",
    "calls_published",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def scale() -> dict[str, int]:
    from kopru.calls.models import Call
    from kopru.core.models import AuditEntry
    from kopru.core.scoping import unscoped
    from kopru.guidance.models import Case
    from kopru.offices.models import Office
    from kopru.projects.models import Project
    from kopru.trainings.models import Registration

    with unscoped("benchmark: counting the data measured"):
        return {
            "offices": Office.objects.filter(is_active=True).count(),
            "projects": Project.objects.count(),
            "calls": Call.objects.count(),
            "cases": Case.objects.count(),
            "registrations": Registration.objects.count(),
            "audit entries": AuditEntry.objects.count(),
        }


def admin_client():  # type: ignore[no-untyped-def]
    from django.test import Client

    from kopru.accounts.models import Role, User

    user = User.objects.filter(role=Role.NATIONAL_ADMIN, is_active=True).first()
    if user is None:
        user = User.objects.create_user(
            "bench.ulusal", password=None, role=Role.NATIONAL_ADMIN, office=None
        )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def timed(client, paths: list[str], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    for path in paths:  # warm-up: connections, templates, the bundled map
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(rounds):
        for path in paths:
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    return times


def report(label: str, times: list[float], goal: float | None = None) -> None:
    p50, p95 = statistics.median(times), percentile(times, 95)
    line = f"{label:<52} n={len(times):<4} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {max(times):7.1f} ms"
    if goal is not None:
        line += f"  (goal p95 <= {goal:.0f} ms: {'met' if p95 <= goal else 'NOT met'})"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--year", type=int, default=None, help="default: this year")
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if args.generate:
        import random

        import national_generate

        national_generate.setup(None)
        national_generate.reset_database(None)
        national_generate.generate(scale=args.scale, offices_wanted=81, rng=random.Random(13))
    else:
        setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    year = args.year or timezone.localdate().year
    vendor = connection.vendor
    print(f"database: {vendor} {settings.DATABASES['default'].get('NAME')}")
    print("scale: " + ", ".join(f"{k} {v:,}" for k, v in scale().items()))
    if vendor != "postgresql":
        print("note: the goal is stated for PostgreSQL; this run is not on it")
    client = admin_client()
    overview = [
        f"/ulusal/?indicator={name}&year={year - (i % 2)}&measure={'per100k' if i % 3 == 0 else 'raw'}"
        for i, name in enumerate(INDICATORS)
    ]
    report(
        "national view /ulusal/ (mix of indicators)", timed(client, overview, args.rounds), GOAL_MS
    )
    trend = [f"/ulusal/egilim/?indicator={n}&year={year}" for n in INDICATORS[:4]]
    report(
        "trend fragment /ulusal/egilim/ (8 years)", timed(client, trend, max(1, args.rounds // 2))
    )
    from kopru.offices.models import Office

    slugs = list(
        Office.objects.filter(is_active=True).order_by("?").values_list("slug", flat=True)[:3]
    )
    office = [f"/ulusal/ofis/{s}/?indicator=funds_grant_eur&year={year}" for s in slugs]
    report(
        "office page /ulusal/ofis/<slug>/ (every indicator)",
        timed(client, office, max(1, args.rounds // 2)),
    )
    export = [f"/ulusal/disa-aktar/?indicator={n}&year={year}" for n in INDICATORS[:3]]
    report("XLSX export /ulusal/disa-aktar/", timed(client, export, max(1, args.rounds // 2)))
    public = [f"/ulusal-istatistikler/?indicator={n}&year={year}" for n in INDICATORS[:2]]
    report(
        "public /ulusal-istatistikler/ (every indicator x2)",
        timed(client, public, max(1, args.rounds // 2)),
    )


if __name__ == "__main__":
    main()
