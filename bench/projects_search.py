"""Data-bank faceted search and the expert's monitoring list at 200,000 projects.

    .venv/bin/python bench/projects_generate.py        # once (about 3 minutes)
    .venv/bin/python bench/projects_search.py [--db /tmp/bench-projects.sqlite3]

Times what the public data-bank page asks the database for (the filtered count,
the page of results, every facet with its counts) and what the monitoring list
page asks for (the risk-sorted first page), in several offices and with varied
queries; prints p50/p95 in milliseconds against the targets (80 ms, 100 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    {},
    {"q": "energy"},
    {"q": "climate change"},
    {"q": "izmir"},
    {"stage": "in_implementation"},
    {"sector": "youth"},
    {"target": "young_entrepreneurs", "year": "2024"},
    {"priority": "1", "stage": "completed"},
    {"q": "health", "sector": "health"},
    {"q": "soil", "priority": "1"},
]
OFFICES = ["istanbul", "izmir", "ankara", "balikesir", "bursa", "van", "bayburt"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench-projects.sqlite3")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.db):
        sys.exit(f"{args.db} is missing: run bench/projects_generate.py first")
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.http import QueryDict

    from kopru.core.scoping import office_scope, public_scope
    from kopru.offices.models import Office
    from kopru.projects import selectors
    from kopru.projects.models import Project

    with public_scope():
        total = Project._base_manager.count()
    offices = list(Office.objects.filter(slug__in=OFFICES))
    print(f"projects in the database: {total}; offices timed: {len(offices)}")

    search: list[float] = []
    labels: list[str] = []
    monitoring: list[float] = []
    counts = []
    for _round in range(args.rounds):
        for office in offices:
            for params in QUERIES:
                query = QueryDict(mutable=True)
                query.update(params)
                start = time.perf_counter()
                with public_scope(office):
                    filters = selectors.ProjectFilters.from_params(query)
                    qs = selectors.project_list(filters=filters, published_only=True)
                    page = Paginator(qs, 20).get_page(1)
                    rows = list(page.object_list)
                    facets = selectors.facets(qs)
                search.append((time.perf_counter() - start) * 1000)
                labels.append(f"{office.slug} {params}")
                counts.append(page.paginator.count)
                assert len(rows) <= 20 and facets
            start = time.perf_counter()
            with office_scope(office):
                qs = selectors.monitoring_list()
                page = Paginator(qs, 50).get_page(1)
                first = [selectors.risk_flags(p) for p in page.object_list]
            monitoring.append((time.perf_counter() - start) * 1000)
            assert first is not None
    connection.close()
    print(
        f"data-bank faceted search: {len(search)} requests, "
        f"p50 {statistics.median(search):.1f} ms, p95 {percentile(search, 95):.1f} ms "
        f"(target ≤ 80 ms); results per request {min(counts)}–{max(counts)}"
    )
    slowest = sorted(zip(search, labels, strict=True), reverse=True)[:5]
    print("slowest searches: " + "; ".join(f"{label} {ms:.0f} ms" for ms, label in slowest))
    print(
        f"monitoring list (first page, risk-sorted): {len(monitoring)} requests, "
        f"p50 {statistics.median(monitoring):.1f} ms, p95 {percentile(monitoring, 95):.1f} ms "
        f"(target ≤ 100 ms)"
    )


if __name__ == "__main__":
    main()
