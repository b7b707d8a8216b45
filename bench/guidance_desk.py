"""The guidance desk at 50,000 cases and 20,000 organisations, on SQLite.

    .venv/bin/python bench/guidance_desk.py [--regenerate] [--rounds 5]

1. Builds (once; reused while it exists) ``var/bench-guidance.sqlite3``: migrates it,
   loads the demo offices and staff, adds 20,000 organisations with Turkish names
   (province and district names of the bundled reference data + kinds of bodies) and
   50,000 cases (Balıkesir 40,000, İzmir 10,000) over three years, every channel,
   topic and status, assigned to the offices' experts, 2–4 timeline entries each.
2. Requests, in-process through Django's test client (server time: queries, template,
   rendering), the coordinator's desk overview and an expert's case lists (mine, open,
   by status, a text search, a later page), and prints p50/p95 against the goal
   (p95 ≤ 100 ms).
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
DB = Path(os.environ.get("BENCH_GUIDANCE_DB", str(ROOT / "var" / "bench-guidance.sqlite3")))
GOAL_MS = 100.0
CASES = {"balikesir": 40_000, "izmir": 10_000}
ORGANISATIONS = 20_000
KINDS = [
    ("Belediyesi", "municipality"),
    ("Halk Eğitim Merkezi", "public_body"),
    ("Anadolu Lisesi", "school"),
    ("Gençlik ve Spor Kulübü Derneği", "ngo"),
    ("Kadın Kooperatifi", "cooperative"),
    ("Ticaret ve Sanayi Odası", "chamber"),
    ("Tarım Ürünleri Ltd. Şti.", "sme"),
    ("Mesleki ve Teknik Anadolu Lisesi", "school"),
    ("Kaymakamlığı", "public_body"),
    ("Engelliler Derneği", "ngo"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build() -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from kopru.accounts.models import Role, User
    from kopru.core.scoping import unscoped
    from kopru.geo.models import District
    from kopru.guidance.models import (
        PUBLIC_KINDS,
        Case,
        CaseEntry,
        Channel,
        EntryKind,
        Outcome,
        Status,
        Topic,
    )
    from kopru.offices.models import Office
    from kopru.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic(), unscoped("benchmark data"):
        offices = {o.slug: o for o in Office.objects.filter(slug__in=CASES)}
        districts = list(District.objects.select_related("province"))
        orgs = []
        for i in range(ORGANISATIONS):
            office = offices["balikesir" if i % 5 else "izmir"]
            district = rng.choice(districts)
            suffix, kind = KINDS[i % len(KINDS)]
            org = Organisation(
                office=office,
                name=f"{district.name} {suffix} {i // len(KINDS) + 1}",
                type=kind,
                is_public=i % 7 != 0,
            )
            org.refresh_derived()
            orgs.append(org)
        Organisation._base_manager.bulk_create(orgs, batch_size=2000)
        org_ids = {
            slug: list(Organisation._base_manager.filter(office=o).values_list("id", flat=True))
            for slug, o in offices.items()
        }
        statuses = [Status.CLOSED] * 14 + [
            Status.NEW,
            Status.ASSIGNED,
            Status.IN_PROGRESS,
            Status.WAITING,
            Status.ANSWERED,
        ]
        for slug, total in CASES.items():
            office = offices[slug]
            staff = list(
                User.objects.filter(office=office, role__in=[Role.EXPERT, Role.COORDINATOR])
            )
            cases = []
            for i in range(total):
                opened = now - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
                status = rng.choice(statuses)
                if opened < now - dt.timedelta(days=90):
                    status = Status.CLOSED
                answered = status not in (Status.NEW, Status.ASSIGNED)
                first = opened + dt.timedelta(hours=rng.expovariate(1 / 30)) if answered else None
                closed = (
                    opened + dt.timedelta(hours=rng.expovariate(1 / 300))
                    if status == Status.CLOSED
                    else None
                )
                if first and first > now:
                    first = now
                if closed:
                    closed = min(max(closed, first or opened), now)
                case = Case(
                    office=office,
                    reference=f"{office.province.plate}-B-{i + 1:07d}",
                    channel=rng.choice(Channel.values),
                    topic=rng.choice(Topic.values),
                    subject=f"Danışma talebi {i}: {rng.choice(['hibe', 'ortak', 'rapor', 'gençlik', 'Erasmus+', 'İZMİR', 'ajans'])}",
                    message="Proje hazırlığı hakkında bilgi almak istiyoruz.",
                    requester_name=f"Talep Sahibi {i}",
                    requester_email=f"kisi{i}@bench.invalid",
                    organisation_id=rng.choice(org_ids[slug]) if i % 3 else None,
                    status=status,
                    assigned_to=rng.choice(staff) if status != Status.NEW else None,
                    opened_at=opened,
                    first_response_at=first,
                    first_response_seconds=int((first - opened).total_seconds()) if first else None,
                    closed_at=closed,
                    resolution_seconds=int((closed - opened).total_seconds()) if closed else None,
                    outcome=rng.choice(Outcome.values) if closed else "",
                    follow_up_on=(now + dt.timedelta(days=rng.randint(-20, 20))).date()
                    if status in (Status.WAITING, Status.IN_PROGRESS)
                    else None,
                )
                case.refresh_derived()
                cases.append(case)
            Case._base_manager.bulk_create(cases, batch_size=2000)
            entries = []
            for case in Case._base_manager.filter(office=office).only(
                "id", "opened_at", "first_response_at", "closed_at", "office_id"
            ):
                moments = [(EntryKind.REQUEST, case.opened_at)]
                if case.first_response_at:
                    moments.append((EntryKind.REPLY, case.first_response_at))
                if case.closed_at:
                    moments.append((EntryKind.OUTCOME, case.closed_at))
                for kind, at in moments:
                    entries.append(
                        CaseEntry(
                            office_id=case.office_id,
                            case_id=case.pk,
                            kind=kind,
                            created_at=at,
                            body="…",
                            is_public=kind in PUBLIC_KINDS,
                        )
                    )
            CaseEntry._base_manager.bulk_create(entries, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.regenerate and DB.exists():
        DB.unlink()
    fresh = not DB.exists()
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.test import Client

    from kopru.accounts.models import User
    from kopru.core.scoping import unscoped
    from kopru.guidance.models import Case
    from kopru.organisations.models import Organisation

    if fresh:
        started = time.perf_counter()
        build()
        print(f"built {DB.name} in {time.perf_counter() - started:.0f} s")
    with unscoped("benchmark"):
        print(
            f"cases: {Case._base_manager.count()}, "
            f"organisations: {Organisation._base_manager.count()}"
        )
    coordinator = User.objects.get(username="balikesir.koordinator")
    expert = User.objects.get(username="balikesir.uzman")
    pages = {
        "desk overview (coordinator)": (coordinator, ["/balikesir/panel/danisma/"]),
        "expert's case lists": (
            expert,
            [
                "/balikesir/panel/danisma-talepleri/?uzman=ben",
                "/balikesir/panel/danisma-talepleri/",
                "/balikesir/panel/danisma-talepleri/?uzman=ben&durum=",
                "/balikesir/panel/danisma-talepleri/?uzman=ben&durum=closed&page=5",
                "/balikesir/panel/danisma-talepleri/?q=izmir&durum=",
                "/balikesir/panel/danisma-talepleri/?geciken=1",
                "/balikesir/panel/danisma-talepleri/?kanal=phone&konu=funding&durum=",
            ],
        ),
    }
    results = {}
    for label, (user, urls) in pages.items():
        client = Client()
        client.force_login(user)
        for url in urls:  # warm-up: templates, translations, connection
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(args.rounds * (7 if len(urls) == 1 else 1)):
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
        results[label] = times
    for label, times in results.items():
        p95 = percentile(times, 95)
        verdict = "met" if p95 <= GOAL_MS else "NOT met"
        print(
            f"{label}: n={len(times)} p50 {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms (goal p95 ≤ {GOAL_MS:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
