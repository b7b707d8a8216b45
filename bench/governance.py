"""The public accountability page and a consultation with 5,000 contributions, at
scale: 81 offices, 2,000 meetings, 20,000 decisions, 100,000 contributions.

    .venv/bin/python bench/governance.py                       # SQLite, /tmp/bench-governance.sqlite3
    .venv/bin/python bench/governance.py --db postgres://postgres@127.0.0.1:5432/kopru_bench_gov

Builds the data once (``--rebuild`` to start over; about 45 s on SQLite), then requests
the pages through Django's test client (middleware, scope, views, templates: what a
visitor waits for), each several times over offices and filters, and prints p50/p95 in
milliseconds against the target (p95 ≤ 100 ms): the wall time, and beside it the CPU
time of this process (SQLite runs in it; PostgreSQL's own work is not in it), with the
machine's load average before and after. On a shared machine the wall time is mostly
waiting for a core: the CPU column says what the code costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OFFICES_TIMED = ["balikesir", "izmir", "istanbul", "van", "bayburt"]
FILTERS = [{}, {"durum": "late"}, {"tema": "youth"}, {"durum": "done", "page": "2"}, {"q": "eylem"}]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup(db: str) -> bool:
    """Point Django at ``db``; True when it already holds the data."""
    if db.startswith("postgres"):
        os.environ["DATABASE_URL"] = db
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Server time as in production: DEBUG off (no query log, cached templates).
    os.environ.setdefault("DJANGO_DEBUG", "False")
    import django

    django.setup()
    from django.db import connection

    from kopru.core.scoping import unscoped
    from kopru.decisions.models import Decision

    try:
        with unscoped("bench"):
            return Decision.objects.count() >= 20_000
    except Exception:
        connection.close()
        return False


def build() -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kopru.boards.models import Body, Meeting
    from kopru.consultations.models import Consultation, Contribution, Section, Status
    from kopru.core.scoping import unscoped
    from kopru.core.vocabularies import Sector
    from kopru.decisions.models import Decision, Update
    from kopru.decisions.models import Status as DStatus
    from kopru.geo.models import District, Province
    from kopru.offices.models import Office
    from kopru.organisations.models import Organisation, OrganisationType

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=OFF")
    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    t0 = time.perf_counter()
    with unscoped("benchmark generator"), transaction.atomic():
        existing = set(Office.objects.values_list("province_id", flat=True))
        Office.objects.bulk_create(
            [
                Office(
                    province=p,
                    slug=p.name_search.replace(" ", "-"),
                    name_tr=f"{p.name} Valiliği AB ve Dış İlişkiler Bürosu",
                    name_en=f"Governorship of {p.name} EU Office",
                )
                for p in Province.objects.order_by("plate")
                if p.pk not in existing
            ]
        )
        offices = list(Office.objects.select_related("province").order_by("province__plate"))
        districts: dict[int, list[int]] = {}
        for pk, province_id in District.objects.values_list("pk", "province_id"):
            districts.setdefault(province_id, []).append(pk)
        orgs = []
        for office in offices:
            for i in range(15):
                o = Organisation(
                    office=office,
                    name=f"{office.province.name} Kurum {i}",
                    type=rng.choice(OrganisationType.values),
                    is_public=True,
                )
                o.refresh_derived()
                orgs.append(o)
        Organisation.objects.bulk_create(orgs, batch_size=2000)
        org_ids: dict[int, list[int]] = {}
        for pk, office_id in Organisation.objects.values_list("pk", "office_id"):
            org_ids.setdefault(office_id, []).append(pk)
        bodies = []
        for office in offices:
            for name in ("İl AB Danışma Kurulu", "Gençlik Çalışma Grubu"):
                b = Body(
                    office=office, name_tr=f"{office.province.name} {name}", visibility="public"
                )
                if hasattr(b, "refresh_derived"):
                    b.refresh_derived()
                bodies.append(b)
        Body.objects.bulk_create(bodies)
        body_ids: dict[int, list[int]] = {}
        for pk, office_id in Body.objects.values_list("pk", "office_id"):
            body_ids.setdefault(office_id, []).append(pk)
        meetings = []
        for i in range(2000):
            office = offices[i % len(offices)]
            start = now - dt.timedelta(days=rng.randint(-60, 900))
            meetings.append(
                Meeting(
                    office=office,
                    body_id=rng.choice(body_ids[office.pk]),
                    title_tr=f"Toplantı {i}",
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=2),
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=2000)
        meeting_rows: dict[int, list[tuple[int, int, dt.date]]] = {}
        for pk, office_id, body_id, start in Meeting.objects.values_list(
            "pk", "office_id", "body_id", "starts_at"
        ):
            meeting_rows.setdefault(office_id, []).append((pk, body_id, start.date()))
        decisions = []
        statuses = [
            DStatus.PLANNED,
            DStatus.IN_PROGRESS,
            DStatus.IN_PROGRESS,
            DStatus.DONE,
            DStatus.CANCELLED,
        ]
        for i in range(20_000):
            office = offices[i % len(offices)]
            status = rng.choice(statuses)
            if rng.random() < 0.7:
                m_pk, b_pk, decided = rng.choice(meeting_rows[office.pk])
            else:
                m_pk, b_pk, decided = None, None, today - dt.timedelta(days=rng.randint(0, 700))
            d = Decision(
                office=office,
                meeting_id=m_pk,
                body_id=b_pk,
                reference=f"{2024 + i % 3}/{i}",
                title_tr=f"Eylem {i}: AB uyum eylem planı maddesi",
                text_tr="Karar metni.",
                owner_id=rng.choice(org_ids[office.pk]),
                theme=rng.choice(Sector.values),
                district_id=rng.choice(districts[office.province_id])
                if rng.random() < 0.6
                else None,
                decided_on=decided,
                due_date=decided + dt.timedelta(days=rng.randint(30, 500)),
                status=status,
                progress=100 if status == DStatus.DONE else rng.randint(0, 95),
                cancel_reason="Kaynak yok." if status == DStatus.CANCELLED else "",
                is_public=rng.random() < 0.85,
            )
            d.refresh_derived()
            decisions.append(d)
        Decision.objects.bulk_create(decisions, batch_size=2000)
        updates = [
            Update(office_id=o, decision_id=pk, status=s, progress=p, note="Güncelleme.")
            for pk, o, s, p in Decision.objects.values_list("pk", "office_id", "status", "progress")
        ]
        Update.objects.bulk_create(updates, batch_size=5000)
        consultations = []
        for office in offices:
            for j in range(2):
                consultations.append(
                    Consultation(
                        office=office,
                        title_tr=f"{office.province.name} kent politikası taslağı {j}",
                        opens_at=now - dt.timedelta(days=10),
                        closes_at=now + dt.timedelta(days=20),
                        status=Status.PUBLISHED,
                    )
                )
        Consultation.objects.bulk_create(consultations)
        sections = []
        for c in Consultation.objects.all():
            for n in range(1, 6):
                sections.append(
                    Section(
                        office_id=c.office_id,
                        consultation=c,
                        number=n,
                        heading_tr=f"Bölüm {n}",
                        body_tr="Taslak metin. " * 30,
                    )
                )
        Section.objects.bulk_create(sections, batch_size=2000)
        by_consultation: dict[int, list[tuple[int, int]]] = {}
        for pk, c_id, office_id in Section.objects.values_list(
            "pk", "consultation_id", "office_id"
        ):
            by_consultation.setdefault(c_id, []).append((pk, office_id))
        big = Consultation.objects.filter(office__slug="balikesir").order_by("pk").first()
        assert big is not None
        plan = [(big.pk, 5000)]
        others = [c for c in by_consultation if c != big.pk]
        per_other = (100_000 - 5000) // len(others)
        plan += [(c, per_other) for c in others]
        rows = []
        ages = ["", "under_18", "18_29", "30_49", "50_64", "65_plus"]
        groups = ["", "disadvantaged", "youth", "women", "none"]
        for c_id, count in plan:
            secs = by_consultation[c_id]
            for k in range(count):
                s_pk, office_id = secs[k % len(secs)]
                rows.append(
                    Contribution(
                        office_id=office_id,
                        consultation_id=c_id,
                        section_id=s_pk,
                        body=f"Katkı {k}: bu bölüme ilişkin önerimiz ayrıntılı olarak şöyledir.",
                        author_name="" if k % 3 else f"Katılımcı {k}",
                        email=f"k{c_id}-{k}@example.invalid",
                        email_key=f"k{c_id}-{k}@example.invalid",
                        consent_text="KVKK",
                        consent_at=now,
                        profile_consent=bool(k % 2),
                        age_group=rng.choice(ages),
                        priority_group=rng.choice(groups),
                    )
                )
            if len(rows) > 20_000:
                Contribution.objects.bulk_create(rows, batch_size=5000)
                rows = []
        Contribution.objects.bulk_create(rows, batch_size=5000)
    print(f"generated in {time.perf_counter() - t0:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench-governance.sqlite3")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if args.rebuild and not args.db.startswith("postgres") and os.path.exists(args.db):
        os.remove(args.db)
    if not setup(args.db):
        build()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from kopru.consultations.models import Consultation, Contribution, Section
    from kopru.core.scoping import unscoped
    from kopru.decisions.models import Decision

    settings.ALLOWED_HOSTS = ["*"]
    with unscoped("bench: figures"):
        print(
            f"{connection.vendor}: {Decision.objects.count()} decisions, "
            f"{Contribution.objects.count()} contributions"
        )
        big = Consultation.objects.filter(office__slug="balikesir").order_by("pk").first()
        assert big is not None
        big_sections = list(Section.objects.filter(consultation=big).values_list("pk", flat=True))
        big_count = Contribution.objects.filter(consultation=big).count()
    client = Client()
    timings: dict[str, list[float]] = {
        "accountability page": [],
        "consultation page": [],
        "section page": [],
    }
    urls: list[tuple[str, str, dict[str, str]]] = []
    for slug in OFFICES_TIMED:
        for f in FILTERS:
            urls.append(("accountability page", f"/{slug}/kararlar/", f))
    for _ in range(5):
        urls.append(("consultation page", f"/balikesir/istisareler/{big.pk}/", {}))
    for pk in big_sections:
        urls.append(("section page", f"/balikesir/istisareler/bolum/{pk}/", {}))
        urls.append(("section page", f"/balikesir/istisareler/bolum/{pk}/", {"page": "10"}))
    for _label, url, params in urls[:3]:  # warm the caches (templates, translations)
        client.get(url, params)
    cpu: dict[str, list[float]] = {label: [] for label in timings}
    load_before = os.getloadavg()
    for _round in range(args.rounds):
        for label, url, params in urls:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            elapsed = (time.perf_counter() - started) * 1000
            cpu[label].append((time.process_time() - cpu_started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} {params}: {response.status_code}")
            timings[label].append(elapsed)
    load_after = os.getloadavg()
    print(f"consultation with {big_count} contributions over {len(big_sections)} sections")
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after (1 min)"
    )
    for label, values in timings.items():
        print(
            f"{label:22s} n={len(values):3d}  p50 {percentile(values, 50):6.1f} ms  "
            f"p95 {percentile(values, 95):6.1f} ms  (target p95 ≤ 100 ms)   "
            f"CPU p50 {percentile(cpu[label], 50):5.1f} / p95 {percentile(cpu[label], 95):5.1f} ms"
        )


if __name__ == "__main__":
    main()
