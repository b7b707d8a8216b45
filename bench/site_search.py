"""The office-wide public search (``/<office>/ara/``) on the demo data: precision and
recall against a judgement set written from the demo records, and the page's p95.

    .venv/bin/python bench/site_search.py [--db /tmp/bench-site-search.sqlite3] [--reuse]
    .venv/bin/python bench/site_search.py --database-url postgres://postgres@127.0.0.1:5432/kopru_sitesearch_bench

Builds a fresh database with ``migrate`` and ``load_demo`` (about a minute; ``--reuse``
keeps an existing one), then:

* **judgements** — each query (Turkish or English) names, per kind, the demo records that
  should come first (a fragment of their Turkish title; for calls, words a relevant call's
  title must carry, since the demo holds ~180 imported calls). For each judged kind it
  reads the five results the page shows: *precision* is the share of them that are
  relevant, *recall* the share of the relevant records (at most five) among them;
* **timing** — every judgement query through Django's test client (the whole view: query
  checks, every provider, template; DEBUG off), Turkish and English, several rounds:
  p50/p95 in milliseconds against the target (p95 ≤ 150 ms). The load average is
  printed beside it: other work on the machine slows the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CALLS_CLIMATE = ("climate", "environment", "green", "biodiversity", "pollution", "iklim", "cevre")
YOUTH = {
    "news": ["Avrupa Günü'nde AB uyum sürecini gençlerle"],
    "projects": [
        "Afete Hazır Gençlik",
        "Kırsalda Gençler için Dijital",
        "Bandırma Limanında Genç Girişimciler",
    ],
    "trainings": ["Eurodesk Gençlik Hareketliliği"],
    "youth": [
        "Tartu'da gençlik merkezinde",
        "Green Minds",
        "Gençlik çalışanları için",
        "Dayanışma projesi yazma",
        "Graz'da engelli gençlerle",
    ],
    "stories": ["Kırsalda dijital beceriler", "Afete hazır gençlik"],
    "partners": ["Kırsaldaki gençlere dijital"],
    "organisations": ["Gençlik ve Spor"],
    "decisions": ["Genç girişimcilere KOBİ", "Kırsal mahallelerdeki gençler"],
    "consultations": ["Kent Gençlik Politikası"],
    "calls": ("genc", "youth", "young"),
}
ENVIRONMENT = {
    "projects": ["Güney Marmara İklim Uyum", "Yeşil Hidrojen"],
    "youth": ["Lizbon'da kıyı ve deniz koruma", "Green Minds"],
    "decisions": ["Kıyı turizminde iklim uyumu"],
    "partners": ["Kıyı turizmi ve sürdürülebilirlik"],
    "calls": CALLS_CLIMATE,
}
DISASTER = {
    "projects": ["Afete Hazır Gençlik"],
    "stories": ["Afete hazır gençlik"],
    "calls": ("disaster", "resilien", "afet", "risk"),
}
MIGRANTS = {
    "projects": ["Göçmenler için Mesleki"],
    "stories": ["Göçmenler için mesleki"],
    "decisions": ["Göçmenlerin ve mültecilerin"],
    "consultations": ["Göçmenlerin topluma uyumu"],
    "calls": ("migra", "gocmen", "refugee"),
}
AI = {
    "projects": ["Tarımda Yapay Zekâ"],
    "stories": ["Tarımda yapay zekâ"],
    "calls": ("artificial intelligence", "yapay zeka", " ai ", "machine learning"),
}
#: (office, query, {kind: [title fragments] or (words of a relevant call)})
JUDGEMENTS: list[tuple[str, str, dict[str, Any]]] = [
    ("balikesir", "gençlik", YOUTH),
    ("balikesir", "youth", YOUTH),
    ("balikesir", "çevre", ENVIRONMENT),
    ("balikesir", "environment", ENVIRONMENT),
    ("balikesir", "afet", DISASTER),
    ("balikesir", "disaster", DISASTER),
    (
        "balikesir",
        "belediye",
        {"organisations": ["Büyükşehir Belediyesi", "Bandırma Belediyesi", "Edremit Belediyesi"]},
    ),
    (
        "balikesir",
        "dijital beceri",
        {
            "projects": ["Kırsalda Gençler için Dijital"],
            "stories": ["Kırsalda dijital beceriler"],
            "partners": ["Kırsaldaki gençlere dijital"],
        },
    ),
    (
        "balikesir",
        "erasmus",
        {
            "trainings": ["Erasmus+ 2026 Bilgilendirme"],
            "partners": ["Kırsaldaki gençlere dijital"],
            "decisions": ["Kırsal mahallelerdeki gençler"],
            "projects": ["Kapsayıcı Okullar Ağı", "Kırsalda Gençler için Dijital"],
            "stories": ["Kapsayıcı okullar"],
        },
    ),
    ("izmir", "göçmen", MIGRANTS),
    ("izmir", "migrants", MIGRANTS),
    (
        "izmir",
        "deniz",
        {
            "projects": ["Temiz Deniz"],
            "stories": ["Temiz Körfez"],
            "youth": ["Lizbon'da kıyı ve deniz"],
        },
    ),
    (
        "izmir",
        "eurodesk",
        {
            "news": ["Eurodesk bilgi günü"],
            "decisions": ["Eurodesk yerel ağının"],
            "consultations": ["Eurodesk Yerel Stratejisi"],
        },
    ),
    ("izmir", "yapay zeka", AI),
    ("izmir", "artificial intelligence", AI),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def judge() -> tuple[float, float]:
    from django.utils import translation

    from kopru.core import sitesearch
    from kopru.core.scoping import public_scope, unscoped
    from kopru.core.text import search_key
    from kopru.offices.models import Office

    with unscoped("benchmark: the demo offices"):
        offices = {o.slug: o for o in Office.objects.all()}
    precisions: list[float] = []
    recalls: list[float] = []
    print("query                      kind           shown relevant  precision  recall")
    with translation.override("tr"):
        for slug, query, expected in JUDGEMENTS:
            office = offices[slug]
            with public_scope(office):
                groups = {g.provider.key: g.hits for g in sitesearch.run(office, query)}
            for kind, relevant in expected.items():
                shown = groups[kind].items
                if isinstance(relevant, tuple):  # calls: words a relevant call carries
                    good = [
                        h for h in shown if any(w in f" {search_key(h.title)} " for w in relevant)
                    ]
                    found, wanted = len(good), None
                else:
                    good = [
                        h
                        for h in shown
                        if any(search_key(f) in search_key(h.title) for f in relevant)
                    ]
                    found = sum(
                        1
                        for f in relevant
                        if any(search_key(f) in search_key(h.title) for h in shown)
                    )
                    wanted = min(len(relevant), sitesearch.PER_KIND)
                precision = len(good) / len(shown) if shown else (1.0 if not wanted else 0.0)
                precisions.append(precision)
                line = f"{slug[:4]} {query[:20]:<21} {kind:<14} {len(shown):>5} "
                if wanted is None:
                    line += f"{'(words)':>8}  {precision:>9.2f}       –"
                else:
                    recall = min(found, wanted) / wanted
                    recalls.append(recall)
                    line += f"{wanted:>8}  {precision:>9.2f}  {recall:>6.2f}"
                print(line)
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    print(
        f"judgements: {len(JUDGEMENTS)} queries, {len(precisions)} judged kinds: "
        f"mean precision@5 {p:.2f}, mean recall@5 {r:.2f}"
    )
    return p, r


def measure(rounds: int) -> None:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    times: list[float] = []
    for prefix in ("", "/en"):
        for slug, query, _expected in JUDGEMENTS:
            client.get(f"{prefix}/{slug}/ara/", {"q": query})  # warm (catalogue index)
    load = os.getloadavg()
    for _ in range(rounds):
        for prefix in ("", "/en"):
            for slug, query, _expected in JUDGEMENTS:
                t0 = time.perf_counter()
                response = client.get(f"{prefix}/{slug}/ara/", {"q": query})
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (slug, query, response.status_code)
    load_after = os.getloadavg()
    p50, p95 = statistics.median(times), percentile(times, 95)
    verdict = "ok" if p95 <= 150 else "OVER TARGET"
    print(
        f"/<office>/ara/: {len(times)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(target p95 <= 150 ms: {verdict}); load average {load[0]:.1f} before, "
        f"{load_after[0]:.1f} after ({os.cpu_count()} cores)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench-site-search.sqlite3")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    fresh = not args.reuse
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        if fresh and os.path.exists(args.db):
            os.remove(args.db)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "False")
    os.environ.setdefault("KOPRU_ALLOWED_HOSTS", "localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor}")
    if fresh:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        print(f"migrate + load_demo: {time.perf_counter() - t0:.0f} s")
    judge()
    measure(args.rounds)


if __name__ == "__main__":
    main()
