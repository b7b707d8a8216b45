"""Where a catalogue search's time goes, and what applying an import's changes costs.

    python bench/calls_profile.py [--url postgres://…/kopru_catalogue_bench] [--rounds 5]
                                  [--calls 1258] [--kept 64] [--cprofile]

In-process, on the database ``bench/calls_search.py`` builds (100,000 calls on
PostgreSQL by default; ``sqlite:///var/bench-calls-10k.sqlite3`` works too), with the
production settings (DEBUG off, cached templates):

1. The page ``/izmir/cagrilar/?…`` for the bench's faceted searches, each step timed
   inside real requests: the change-log poll, the full-text results (kept by the
   index, or read from the full-text index when not kept), the bitmap filters,
   the facet counts, the page's ids, the ORM fetch of the page's rows, the facet labels
   and the rest of the request (the template's rendering, middleware): median and p95
   per step.
2. ``CatalogueIndex.apply`` of ``--calls`` changed calls on a copy of the index:
   deleted (inside a transaction rolled back), inserted again, and both at once
   (``2 × --calls``), as an import round of the bench makes each process apply them,
   with ``--kept`` full-text results kept (default 64, the most a process keeps; each
   brought up to date);
   ``--cprofile`` prints the functions that cost most.

Nothing is written: the deletes are rolled back.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/kopru_catalogue_bench")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[max(0, min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1))]


def loadavg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def setup(url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_LOG_LEVEL": "WARNING",
            "KOPRU_SITE_URL": "http://127.0.0.1",
            "KOPRU_WARM_UP": "0",
        }
    )
    import django

    django.setup()


class Steps:
    """Wraps functions so that each call's time is added to its step of the request."""

    def __init__(self) -> None:
        self.now: dict[str, float] = defaultdict(float)
        self.runs: dict[str, list[float]] = defaultdict(list)
        self.names: list[str] = []

    def wrap(self, owner: Any, name: str, step: str) -> None:
        original = getattr(owner, name)
        self.names.append(step)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.now[step] += (time.perf_counter() - t) * 1000

        setattr(owner, name, timed)

    def close(self, total: float) -> None:
        inner = {k: v for k, v in self.now.items() if not k.startswith("(")}
        for step in self.names:
            self.runs[step].append(self.now.get(step, 0.0))
        self.runs["rest: template, middleware"].append(total - sum(inner.values()))
        self.runs["whole request"].append(total)
        self.now.clear()


def profile_search(rounds: int) -> None:
    from django.test import Client

    from bench.calls_search import SEARCHES
    from kopru.calls import catalogue_index, selectors

    steps = Steps()
    index_cls = catalogue_index.CatalogueIndex
    # The search's own steps (exclusive: search() minus its page walk).
    steps.wrap(catalogue_index, "poll", "log poll")
    steps.wrap(index_cls, "advanced", "changes applied")
    steps.wrap(index_cls, "fulltext", "full-text (kept or read)")
    steps.wrap(catalogue_index, "groups_ids", "(full-text read: not kept)")
    steps.wrap(index_cls, "_page", "page ids (walk or sort)")
    steps.wrap(selectors, "_facet_result", "facet labels, selection")
    steps.wrap(selectors._CatalogueRows, "__getitem__", "(page rows, incl. page ids)")
    steps.wrap(index_cls, "search", "filters + facet counts")
    client = Client()
    t = time.perf_counter()
    catalogue_index.current()
    print(f"index read in {time.perf_counter() - t:.2f} s (once per process)")
    for query in SEARCHES:  # warm (templates, terms)
        client.get("/izmir/cagrilar/?" + query)
    steps.now.clear()
    for _ in range(rounds):
        for query in SEARCHES:
            t = time.perf_counter()
            response = client.get("/izmir/cagrilar/?" + query)
            total = (time.perf_counter() - t) * 1000
            assert response.status_code == 200, (query, response.status_code)
            steps.close(total)
    runs = steps.runs
    # page rows' own time: minus the page ids it asks for
    runs["page rows (ORM)"] = [
        a - b
        for a, b in zip(
            runs.pop("(page rows, incl. page ids)"), runs["page ids (walk or sort)"], strict=True
        )
    ]
    runs["rest: template, middleware"] = [
        r - p
        for r, p in zip(runs["rest: template, middleware"], runs["page rows (ORM)"], strict=True)
    ]
    print(
        f"\n== one search as the page does it ({len(runs['whole request'])} requests, "
        f"load average {loadavg()})"
    )
    print(f"{'step':<30} {'median ms':>9} {'p95 ms':>8}")
    for step in (
        "log poll",
        "changes applied",
        "full-text (kept or read)",
        "(full-text read: not kept)",
        "filters + facet counts",
        "page ids (walk or sort)",
        "page rows (ORM)",
        "facet labels, selection",
        "rest: template, middleware",
        "whole request",
    ):
        values = runs.get(step) or [0.0]
        print(f"{step:<30} {statistics.median(values):>9.1f} {percentile(values, 95):>8.1f}")


def profile_apply(count: int, show: bool, kept: int) -> None:
    from django.db import connection, transaction

    from kopru.calls import catalogue_index
    from kopru.calls.models import Call
    from kopru.core.scoping import unscoped
    from kopru.core.vocabularies import THESAURUS

    index, _fresh = catalogue_index.current()
    # Full-text results kept, as a process that has served that many queries keeps them
    # (the thesaurus' words, broad and narrow ones, then pairs of them).
    words = sorted({w for tr, en in THESAURUS.values() for w in (*tr, *en)})
    for word in [*words, *(f"{a} {b}" for a, b in zip(words, reversed(words), strict=True))]:
        if len(index.texts) >= kept:
            break
        index.fulltext(word)
    with unscoped("bench: ids"):
        ids = list(Call._base_manager.order_by("?").values_list("pk", flat=True)[: 2 * count])
    a, b = ids[:count], ids[count:]

    def timed(label: str, copy: Any, changed: list[int]) -> None:
        profiler = cProfile.Profile() if show else None
        t = time.perf_counter()
        if profiler:
            profiler.enable()
        copy.apply(changed)
        if profiler:
            profiler.disable()
        print(f"{label:<52} {(time.perf_counter() - t) * 1000:>8.1f} ms")
        if profiler:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(8)

    print(
        f"\n== CatalogueIndex.apply ({index.count} calls, {len(index.texts)} full-text"
        f" results kept; load average {loadavg()})"
    )
    for _ in range(2):
        without_b = index.private_copy()
        with transaction.atomic():
            Call._base_manager.filter(pk__in=b).delete()
            timed(f"{count} calls deleted", without_b, b)
            transaction.set_rollback(True)
        timed(f"{count} calls inserted (back)", without_b, b)
        timed(f"{count} calls re-read, unchanged", index.private_copy(), a)
        both = index.private_copy()
        with transaction.atomic():
            Call._base_manager.filter(pk__in=b).delete()
            both.apply(b)
            transaction.set_rollback(True)
        with transaction.atomic():
            Call._base_manager.filter(pk__in=a).delete()
            timed(f"{2 * count} calls: {count} deleted + {count} inserted", both, a + b)
            transaction.set_rollback(True)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=PG_URL)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=1258)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--kept", type=int, default=64, help="full-text results kept")
    parser.add_argument("--only", choices=["search", "apply"])
    args = parser.parse_args()
    setup(args.url)
    from django.db import connection

    print(
        f"machine: {os.cpu_count()} cores, load average {loadavg()} (others' work included);"
        f" {connection.vendor} {connection.settings_dict['NAME']}"
    )
    print("rerun: python bench/calls_profile.py " + " ".join(sys.argv[1:]))
    if args.only != "apply":
        profile_search(args.rounds)
    if args.only != "search":
        profile_apply(args.calls, args.cprofile, args.kept)


if __name__ == "__main__":
    main()
