"""Faceted full-text search of the call catalogue at 100,000 calls, and Datasette.

    python bench/calls_search.py [--calls 100000] [--regenerate] [--datasette-rounds 0]

1. Builds (once; reused while it exists) ``var/bench-calls.sqlite3``: migrates it,
   creates the two demo offices, and scales the real records of
   ``../shared/data`` (EU portal files, Horizon Europe topics, the İzmir M-LAB
   sheet, the Turkish announcements) up to ``--calls`` calls with realistic variety:
   both offices, every level and instrument, Turkish and English titles, deadlines
   spread over two years around today, multi-stage and cut-off calls, applicant
   types, target groups and sectors, drafts and archived calls.
2. Runs a fixed set of catalogue searches (full text + facets + sort by nearest
   deadline, first page) through the public page ``/<office>/cagrilar/`` in-process
   (server time, including facet counts and template rendering) and prints p50/p95
   as the site runs: every search computes its counts and page on the catalogue's
   in-memory index (``kopru.calls.catalogue_index``), built once before. It also
   prints the time of the first search after a write, which rebuilds that index.
3. Copies the database, starts Datasette on it (loopback port, as a subprocess),
   runs the same searches through Datasette's JSON table API (``_search`` on the
   same FTS5 index, the same filters, ``_facet`` / ``_facet_array`` for the same
   facets, ``_sort=next_deadline``, 20 rows) and prints Datasette's p95 and the
   ratio ours / Datasette's.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path(os.environ.get("BENCH_CALLS_DB", str(ROOT / "var" / "bench-calls.sqlite3")))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Server time as in production: DEBUG off (no query log, no template debug info).
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from kopru.calls.importers import parse  # noqa: E402
from kopru.calls.models import Call, CallDeadline, CallFacet  # noqa: E402
from kopru.calls.services import facet_rows  # noqa: E402
from kopru.calls.services.imports import _SECTOR_WORDS, _TARGET_WORDS, _tags, record_data  # noqa: E402
from kopru.core.scoping import unscoped  # noqa: E402
from kopru.core.text import search_key, sort_key  # noqa: E402
from kopru.organisations.models import OrganisationType  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FILES = [
    "eu-ft-calls-2026/open.jsonl.gz",
    "eu-ft-calls-2026/calls.json",
    "horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx",
    "izmir-mlab/horizon_rapor_latest.xlsx",
    "tr-kalkinma-ajanslari-duyurular/ka_liste.json",
    "tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv",
]
TR_WORDS = [
    "İZMİR",
    "Balıkesir",
    "gençlik",
    "kadın kooperatifleri",
    "belediyeler",
    "yeşil dönüşüm",
    "dijital",
    "kırsal kalkınma",
    "turizm",
    "sosyal girişimcilik",
    "ihracat",
    "engelli bireyler",
    "Ege",
    "Güney Marmara",
    "inovasyon",
]
EN_WORDS = ["pilot", "2027", "regional", "network", "phase II", "lump sum", "CSA", "RIA"]
LOCAL_FUNDERS = [
    ("İzmir Büyükşehir Belediyesi", "Yerel destek", "local"),
    ("Balıkesir Büyükşehir Belediyesi", "Yerel destek", "local"),
    ("İzmir Kalkınma Ajansı", "İZKA Mali Destek Programı", "regional"),
    ("Güney Marmara Kalkınma Ajansı", "GMKA Mali Destek Programı", "regional"),
    ("Gençlik ve Spor Bakanlığı", "Gençlik Projeleri Destek Programı", "national"),
    ("KOSGEB", "KOBİ Destek Programı", "national"),
    ("Tarım ve Orman Bakanlığı", "Kırsal Kalkınma Yatırımlarının Desteklenmesi", "national"),
]
INSTRUMENTS = ["grant"] * 14 + ["credit", "interest_free_credit", "technical_support", "prize"]
TYPES = [t.value for t in OrganisationType]

SEARCHES = [
    "q=izmir",
    "q=climate&status=open",
    "q=gençlik&level=national",
    "q=GENC&sector=youth",
    "q=hydrogen",
    "q=digital&level=eu&status=open",
    "q=belediye&applicant=municipality",
    "q=kadın kooperatif",
    "q=health&deadline=90",
    "q=biodiversity&status=open&sector=environment",
    "q=ai",
    "q=soil",
    "status=open",
    "level=regional",
    "level=eu&status=open&sector=digital",
    "applicant=ngo&target=youth",
    "q=erasmus",
    "q=innovation&status=forthcoming",
    "q=tourism",
    "q=Küçük ve Orta Ölçekli",
]


def base_records() -> list[dict]:
    out = []
    for rel in FILES:
        path = DATA / rel
        if not path.exists():
            continue
        result = parse(path.read_bytes(), path.name)
        for r in result.records:
            data = record_data(r)
            data["source"] = r.source
            data["source_id"] = r.source_id
            data["_tz"] = "Europe/Brussels" if r.level == "eu" else "Europe/Istanbul"
            data["_stages"] = len(r.deadlines) or 1
            out.append(data)
    return out


def generate(total: int) -> None:
    rng = random.Random(2026)
    print("creating the two offices…", flush=True)
    with unscoped("bench: offices"):
        from kopru.core.demodata import DemoContext
        from kopru.offices import demo as offices_demo
        from kopru.offices.models import Office

        if not Office.objects.filter(slug="izmir").exists():
            with transaction.atomic():
                offices_demo.load(DemoContext())
        offices = list(Office.objects.filter(slug__in=["izmir", "balikesir"]))
    records = base_records()
    print(f"{len(records)} real records to scale up to {total}", flush=True)
    now = timezone.now()
    started = time.perf_counter()
    # Pre-fold each base record once; variants add folded words.
    prepared = []
    for data in records:
        probe = Call(**{k: v for k, v in data.items() if not k.startswith("_")})
        probe.refresh_derived(deadlines=[])
        prepared.append((data, probe.search_document, probe.title_sort))
    batch: list[Call] = []
    extras: list[tuple[str, int, int]] = []
    written = 0
    with unscoped("bench: generating calls"), transaction.atomic():
        for i in range(total):
            data, doc, _sort = prepared[i % len(prepared)]
            fields = {k: v for k, v in data.items() if not k.startswith("_")}
            variant = i // len(prepared)
            if variant:
                word = rng.choice(TR_WORDS if rng.random() < 0.6 else EN_WORDS)
                if fields["title_tr"]:
                    fields["title_tr"] = f"{fields['title_tr']} — {word}"[:500]
                else:
                    fields["title_en"] = f"{fields['title_en']} — {word}"[:500]
                doc_i = f"{doc} {search_key(word)}"
                if rng.random() < 0.3:
                    funder, programme, level = rng.choice(LOCAL_FUNDERS)
                    fields.update(funder=funder, programme=programme, level=level)
                    fields["instrument"] = rng.choice(INSTRUMENTS)
                    doc_i += " " + search_key(f"{funder} {programme}")
            else:
                doc_i = doc
            fields["source_id"] = f"{fields['source_id']}-b{i}"[:200]
            fields["applicant_types"] = rng.sample(TYPES, rng.randint(1, 4))
            text = f" {doc_i[:3000]} "
            fields["sectors"] = _tags(text, _SECTOR_WORDS) or [rng.choice(list(_SECTOR_WORDS))]
            fields["target_groups"] = _tags(text, _TARGET_WORDS)
            if rng.random() < 0.3:
                fields["target_groups"].append(
                    rng.choice(["youth", "disadvantaged", "women", "young_entrepreneurs"])
                )
                fields["target_groups"] = sorted(set(fields["target_groups"]))
            state = rng.choices(["published", "draft", "archived"], [85, 10, 5])[0]
            office = offices[i % 2]
            days = rng.randint(-400, 400)
            zone = ZoneInfo(data["_tz"])
            first = dt.datetime.combine(
                (now + dt.timedelta(days=days)).date(), dt.time(17, 0), zone
            )
            stages = data["_stages"] if data["_stages"] <= 3 else 3
            deadlines = [first + dt.timedelta(days=90 * s) for s in range(stages)]
            opening = (first - dt.timedelta(days=rng.randint(30, 120))).date()
            fields["opening_date"] = opening
            call = Call(
                office=office,
                state=state,
                published_at=now - dt.timedelta(days=rng.randint(0, 300)),
                content_changed_at=now,
                search_document=doc_i,
                title_sort=sort_key(fields["title_tr"] or fields["title_en"])[:1100],
                closes_at=deadlines[-1],
                next_deadline=next((d for d in deadlines if d >= now), deadlines[-1]),
                **fields,
            )
            batch.append(call)
            extras.append((data["_tz"], stages, 0))
            if len(batch) == 2000 or i == total - 1:
                created = Call._base_manager.bulk_create(batch)
                dls = []
                for c, (tz, st, _x) in zip(created, extras, strict=True):
                    base = c.closes_at - dt.timedelta(days=90 * (st - 1))
                    for s in range(st):
                        dls.append(
                            CallDeadline(
                                call=c, at=base + dt.timedelta(days=90 * s), timezone=tz, stage=1
                            )
                        )
                facets = facet_rows(created)
                CallDeadline.objects.bulk_create(dls)
                CallFacet.objects.bulk_create(facets, batch_size=5000)
                written += len(created)
                batch, extras = [], []
                print(f"  {written} calls", end="\r", flush=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"\ngenerated {written} calls in {time.perf_counter() - started:.0f}s", flush=True)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1))
    return values[k]


def ours(rounds: int) -> list[float]:
    """Server time of each search, the catalogue's in-memory index built (warm-up)."""
    client = Client()
    times = []
    for query in SEARCHES:  # warm-up
        client.get("/izmir/cagrilar/?" + query)
    for _ in range(rounds):
        for query in SEARCHES:
            t = time.perf_counter()
            response = client.get("/izmir/cagrilar/?" + query)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    return times


def index_build(rounds: int = 3) -> list[float]:
    """Time of the first search after a write: the index rebuilt (token renewed)."""
    from kopru.calls.models import CatalogueGeneration

    client = Client()
    times = []
    for n in range(rounds):
        CatalogueGeneration.objects.filter(pk=1).update(token=-1 - n)  # as a write does
        t = time.perf_counter()
        response = client.get("/izmir/cagrilar/?q=izmir")
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    return times


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def datasette_url(port: int, query: str, office_id: int) -> str:
    params = urllib.parse.parse_qs(query)
    out: list[tuple[str, str]] = [
        ("_size", "20"),
        ("_sort", "next_deadline"),
        ("state__exact", "published"),
        ("office_id__exact", str(office_id)),
        ("_facet", "level"),
        ("_facet", "instrument"),
        ("_facet", "programme"),
        ("_facet", "funder"),
        ("_facet_array", "applicant_types"),
        ("_facet_array", "target_groups"),
        ("_facet_array", "sectors"),
        ("_shape", "objects"),
    ]
    now = timezone.now()
    for key, values in params.items():
        value = values[0]
        if key == "q":
            out.append(("_search", " ".join(f"{t}*" for t in search_key(value).split())))
        elif key in ("level", "instrument"):
            out.append((f"{key}__exact", value))
        elif key == "applicant":
            out.append(("applicant_types__arraycontains", value))
        elif key == "target":
            out.append(("target_groups__arraycontains", value))
        elif key == "sector":
            out.append(("sectors__arraycontains", value))
        elif key == "status" and value == "open":
            out.append(("closes_at__gte", now.isoformat(" ")))
        elif key == "status" and value == "forthcoming":
            out.append(("opening_date__gt", now.date().isoformat()))
        elif key == "deadline":
            out.append(("next_deadline__gte", now.isoformat(" ")))
            out.append(("next_deadline__lte", (now + dt.timedelta(days=int(value))).isoformat(" ")))
    return f"http://127.0.0.1:{port}/bench/calls_call.json?" + urllib.parse.urlencode(out)


def datasette(rounds: int) -> list[float] | None:
    exe = Path(sys.executable).parent / "datasette"
    if not exe.exists():
        print("datasette is not installed; skipping the comparison")
        return None
    copy = DB.parent / "bench.sqlite3"  # Datasette names the database after the file
    with connection.cursor() as cur:  # everything into the main file before copying it
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(DB, copy)
    with unscoped("bench"):
        from kopru.offices.models import Office

        office_id = Office.objects.get(slug="izmir").pk
    port = free_port()
    proc = subprocess.Popen(
        [
            str(exe),
            "serve",
            str(copy),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--setting",
            "sql_time_limit_ms",
            "20000",
            "--setting",
            "facet_time_limit_ms",
            "20000",
            "--setting",
            "suggest_facets",
            "off",
            "--setting",
            "num_sql_threads",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urls = [datasette_url(port, q, office_id) for q in SEARCHES]
        # Warm-up, and a sanity check that the facets came back.
        data = json.loads(urllib.request.urlopen(urls[0], timeout=120).read())
        assert "facet_results" in data, data.get("error")
        times = []
        for _ in range(rounds):
            for url in urls:
                t = time.perf_counter()
                urllib.request.urlopen(url, timeout=120).read()
                times.append((time.perf_counter() - t) * 1000)
        return times
    finally:
        proc.terminate()
        proc.wait(10)
        for suffix in ("", "-wal", "-shm"):  # Datasette's WAL files too
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--datasette-rounds", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    if args.regenerate and DB.exists():
        DB.unlink()
    fresh = not DB.exists()
    DB.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    with unscoped("bench: count"):
        count = Call.objects.count()
    if fresh or count < args.calls:
        if count:
            with unscoped("bench: reset"):
                Call._base_manager.all().delete()
        generate(args.calls)
    with unscoped("bench: count"):
        count = Call.objects.count()
        published = Call.objects.filter(state="published").count()
    print(f"database: {DB} — {count} calls ({published} published), {len(SEARCHES)} searches")
    build_ms = index_build()
    print(
        f"first search after a write (index rebuilt):    median {statistics.median(build_ms):.0f} ms"
    )
    ours_ms = ours(args.rounds)
    p50, p95 = statistics.median(ours_ms), percentile(ours_ms, 95)
    print(f"Köprü catalogue page (server time, in-process): p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    ds_ms = datasette(args.datasette_rounds) if args.datasette_rounds > 0 else None
    if ds_ms:
        d50, d95 = statistics.median(ds_ms), percentile(ds_ms, 95)
        print(f"Datasette JSON API (loopback HTTP):            p50 {d50:.1f} ms  p95 {d95:.1f} ms")
        print(f"ours p95 / Datasette p95 = {p95 / d95:.3f}  (goal < 1)")
    print(f"goal: p95 <= 50 ms -> {'met' if p95 <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
