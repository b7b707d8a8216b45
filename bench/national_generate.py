"""One database holding every office's activity, at national scale or a share of it.

    .venv/bin/python bench/national_generate.py [--scale 1.0] [--offices 81|1] [--db PATH]
    DATABASE_URL=postgres://... .venv/bin/python bench/national_generate.py --scale 1.0

The issue's national scale (``--scale 1``): 200,000 projects, 100,000 calls, 50,000
guidance cases and 300,000 training registrations over 81 offices; bigger provinces get
more (weights as in ``projects_generate.py``: Ankara, İstanbul, İzmir 5, Balıkesir, Bursa,
Antalya, Adana 2, the others 1). ``--offices 1`` builds Balıkesir alone with its share of
that data (2/97: about 4,100 projects, 2,100 calls, 1,000 cases, 6,200 registrations),
the SQLite goal of the dashboard benchmark. It extends ``projects_generate.py`` (same
seeds: real CORDIS titles and programmes) with what the indicators read: stage history
with decisions, districts, currencies and rates; published calls by level and alert
subscriptions; cases over three years with channels, topics, outcomes and response
times; events with registrations of a pool of people (so unique trainees < participations),
attendance, districts, organisation types, priority groups and certificates; public
bodies with project teams; partner searches and answers.

SQLite: the file is rebuilt. PostgreSQL (``DATABASE_URL``): the schema ``public`` of that
database is dropped and rebuilt, so point it at a benchmark database only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = "/tmp/bench-national.sqlite3"
NATIONAL = {"projects": 200_000, "calls": 100_000, "cases": 50_000, "registrations": 300_000}
BIG = {"06": 5, "34": 5, "35": 5, "10": 2, "16": 2, "07": 2, "01": 2}


def setup(db: str | None) -> None:
    """Django on ``db`` (SQLite file) or on ``DATABASE_URL`` when ``db`` is None."""
    if db is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def reset_database(db: str | None) -> None:
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        if db and os.path.exists(db):
            os.remove(db)
    else:
        with connection.cursor() as c:
            c.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def generate(*, scale: float, offices_wanted: int, rng: random.Random) -> dict[str, int]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from projects_generate import real_titles

    from kopru.accounts.models import Role, User
    from kopru.calls.models import Call, CallFollow, SavedSearch
    from kopru.core.scoping import unscoped
    from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup
    from kopru.geo.models import District, Province
    from kopru.guidance.models import Case, Channel, Outcome, Status, Topic, month_of
    from kopru.offices.models import Office
    from kopru.organisations.models import Organisation, OrganisationType, TeamStatus
    from kopru.partners.models import Answer, PartnerSearch, PostKind
    from kopru.projects.models import Project, Stage, StageChange, project_tags
    from kopru.trainings.models import (
        Certificate,
        Event,
        EventStatus,
        EventType,
        Registration,
        RegistrationStatus,
    )

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s", flush=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=OFF")
    titles = real_titles()
    now = timezone.now()
    today = timezone.localdate()
    counts = dict.fromkeys(("projects", "calls", "cases", "registrations"), 0)
    with unscoped("benchmark generator"):
        provinces = list(Province.objects.order_by("plate"))
        total_weight = sum(BIG.get(p.plate, 1) for p in provinces)
        if offices_wanted == 1:
            provinces = [p for p in provinces if p.plate == "10"]
        with transaction.atomic():
            Office.objects.bulk_create(
                [
                    Office(
                        province=p,
                        slug=p.name_search.replace(" ", "-"),
                        name_tr=f"{p.name} Valiliği AB ve Dış İlişkiler Bürosu",
                        name_en=f"Governorship of {p.name} EU Office",
                    )
                    for p in provinces
                ]
            )
        offices = list(Office.objects.select_related("province").order_by("province__plate"))
        for office in offices:
            User.objects.create_user(
                username=f"{office.slug}.koordinator",
                password="bench",
                role=Role.COORDINATOR,
                office=office,
            )
        districts: dict[int, list[int]] = {}
        for pk, province_id in District.objects.values_list("pk", "province_id"):
            districts.setdefault(province_id, []).append(pk)
        stages, stage_weights = Stage.values, [5, 6, 8, 10, 6, 2, 25, 20, 12, 6]
        for n_office, office in enumerate(offices):
            share = scale * BIG.get(office.province.plate, 1) / total_weight
            want = {k: max(1, round(v * share)) for k, v in NATIONAL.items()}
            pool = districts[office.province_id]
            with transaction.atomic():
                orgs = []
                for i in range(40):
                    kind = rng.choice(OrganisationType.values)
                    o = Organisation(
                        office=office,
                        name=f"{office.province.name} Kurum {i}",
                        type=kind,
                        district_id=rng.choice(pool),
                        team_status=rng.choice(TeamStatus.values),
                        team_formed_on=today - dt.timedelta(days=rng.randint(0, 2000)),
                    )
                    o.refresh_derived()
                    orgs.append(o)
                Organisation.objects.bulk_create(orgs)
                org_ids = [o.pk for o in orgs]

                projects = []
                for _i in range(want["projects"]):
                    acronym, title, programme, scheme = titles[rng.randrange(len(titles))]
                    start = today - dt.timedelta(days=rng.randint(-300, 3000))
                    grant = Decimal(rng.randint(20, 3000) * 1000)
                    currency = "TRY" if rng.random() < 0.25 else "EUR"
                    p = Project(
                        office=office,
                        owner_id=rng.choice(org_ids),
                        acronym=acronym,
                        title_en=title,
                        programme=programme if rng.random() < 0.95 else "",
                        funding_scheme=scheme,
                        stage=rng.choices(stages, stage_weights)[0],
                        stage_changed_at=now - dt.timedelta(days=rng.randint(1, 900)),
                        start_date=start if rng.random() < 0.97 else None,
                        currency=currency,
                        grant_amount=grant if rng.random() < 0.95 else None,
                        total_cost=grant * Decimal("1.2"),
                        exchange_rate=Decimal("35.5") if rng.random() < 0.9 else None,
                        sectors=rng.sample(Sector.values, rng.randint(1, 3)),
                        target_groups=rng.sample(TargetGroup.values, rng.randint(1, 3)),
                        source="cordis",
                        source_id=f"bench-{office.pk}-{_i}",
                        is_published=rng.random() < 0.7,
                    )
                    p.title_sort = title[:60].lower()
                    p.tags = project_tags(p.sectors, p.target_groups)
                    p.has_priority_group = any(g in PRIORITY_TARGET_GROUPS for g in p.target_groups)
                    projects.append(p)
                Project.objects.bulk_create(projects, batch_size=2000)
                through = Project.districts.through
                links, history = [], []
                for p in projects:
                    for d in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                        links.append(through(project_id=p.pk, district_id=d))
                    if p.stage in (
                        Stage.APPROVED,
                        Stage.REJECTED,
                        Stage.IN_IMPLEMENTATION,
                        Stage.COMPLETED,
                        Stage.CLOSED,
                    ):
                        decision = Stage.REJECTED if p.stage == Stage.REJECTED else Stage.APPROVED
                        history.append(
                            StageChange(
                                office_id=office.pk,
                                project_id=p.pk,
                                to_stage=decision,
                                changed_at=now - dt.timedelta(days=rng.randint(1, 2500)),
                            )
                        )
                through.objects.bulk_create(links, batch_size=5000)
                StageChange.objects.bulk_create(history, batch_size=5000)
                counts["projects"] += len(projects)

                calls = []
                for i in range(want["calls"]):
                    published = now - dt.timedelta(days=rng.randint(0, 2500))
                    calls.append(
                        Call(
                            office=office,
                            state=rng.choices(["published", "archived", "draft"], [6, 3, 1])[0],
                            level=rng.choices(
                                ["eu", "national", "regional", "local"], [5, 2, 2, 1]
                            )[0],
                            title_tr=f"Çağrı {i}",
                            source="bench",
                            source_id=f"bench-{office.pk}-{i}",
                            published_at=published,
                            opening_date=published.date(),
                        )
                    )
                Call.objects.bulk_create(calls, batch_size=2000)
                SavedSearch.objects.bulk_create(
                    [
                        SavedSearch(
                            office=office,
                            name=f"Arama {i}",
                            email=f"uyari{i}@example.org",
                            frequency="weekly",
                            alert_confirmed_at=now - dt.timedelta(days=rng.randint(0, 900)),
                        )
                        for i in range(max(1, want["calls"] // 50))
                    ]
                )
                CallFollow.objects.bulk_create(
                    [
                        CallFollow(
                            office=office,
                            call=rng.choice(calls),
                            email=f"takip{i}@example.org",
                            reminder_days=[14, 3],
                            confirmed_at=now - dt.timedelta(days=rng.randint(0, 900)),
                        )
                        for i in range(max(1, want["calls"] // 50))
                    ]
                )
                counts["calls"] += len(calls)

                cases = []
                for i in range(want["cases"]):
                    opened = now - dt.timedelta(days=rng.randint(0, 1100), hours=rng.randint(0, 23))
                    answered = rng.random() < 0.85
                    closed = answered and rng.random() < 0.7
                    first = rng.randint(600, 200_000) if answered else None
                    resolution = (first or 0) + rng.randint(3600, 2_000_000) if closed else None
                    cases.append(
                        Case(
                            office=office,
                            reference=f"B{office.pk}-{i}",
                            channel=rng.choice(Channel.values),
                            topic=rng.choice(Topic.values),
                            subject="Hibe sorusu",
                            status=Status.CLOSED
                            if closed
                            else rng.choice([Status.NEW, Status.IN_PROGRESS, Status.ANSWERED]),
                            outcome=rng.choices(Outcome.values, [5, 2, 1, 1, 1])[0]
                            if closed
                            else "",
                            opened_at=opened,
                            opened_month=month_of(opened),
                            first_response_at=opened + dt.timedelta(seconds=first)
                            if first
                            else None,
                            first_response_seconds=first,
                            closed_at=opened + dt.timedelta(seconds=resolution)
                            if resolution
                            else None,
                            resolution_seconds=resolution,
                        )
                    )
                Case.objects.bulk_create(cases, batch_size=2000)
                counts["cases"] += len(cases)

                n_events = max(1, want["registrations"] // 30)
                events = []
                for i in range(n_events):
                    historical = rng.random() < 0.3
                    events.append(
                        Event(
                            office=office,
                            type=rng.choice(EventType.values),
                            title_tr=f"Eğitim {i}",
                            status=EventStatus.PUBLISHED
                            if rng.random() < 0.95
                            else EventStatus.CANCELLED,
                            is_historical=historical,
                            starts_on=today
                            - dt.timedelta(days=rng.randint(0, 6000 if historical else 1500)),
                            title_sort=f"egitim {i}",
                            title_search=f"egitim {i}",
                        )
                    )
                Event.objects.bulk_create(events, batch_size=2000)
                people = max(10, want["registrations"] // 3)
                registrations = []
                for i in range(want["registrations"]):
                    event = events[i % len(events)]
                    person = rng.randrange(people)
                    email = f"kisi{person}.{i}@example.org"
                    registrations.append(
                        Registration(
                            office=office,
                            event=event,
                            full_name=f"Kişi {person}",
                            email=email,
                            email_key=email,
                            person_key=f"e:kisi{person}@example.org",
                            organisation_type=rng.choice([*OrganisationType.values, ""]),
                            district_id=rng.choice(pool) if rng.random() < 0.8 else None,
                            priority_group=rng.random() < 0.3,
                            status=rng.choices(RegistrationStatus.values, [8, 1, 1])[0],
                            attended=rng.random() < 0.8,
                        )
                    )
                Registration.objects.bulk_create(registrations, batch_size=5000)
                Certificate.objects.bulk_create(
                    [
                        Certificate(
                            office=office,
                            registration=r,
                            code=f"B{r.pk}",
                            holder_name=r.full_name,
                            issued_at=now - dt.timedelta(days=rng.randint(0, 1500)),
                        )
                        for r in registrations
                        if r.attended and rng.random() < 0.5
                    ],
                    batch_size=5000,
                )
                counts["registrations"] += len(registrations)

                posts = [
                    PartnerSearch(
                        office=office,
                        organisation_id=rng.choice(org_ids),
                        kind=rng.choice(PostKind.values),
                        title_tr=f"Ortak aranıyor {i}",
                        expires_on=today + dt.timedelta(days=30),
                    )
                    for i in range(20)
                ]
                PartnerSearch.objects.bulk_create(posts)
                Answer.objects.bulk_create(
                    [
                        Answer(office=office, post=p, responder_name="Yanıt", email="y@example.org")
                        for p in posts
                        if rng.random() < 0.6
                    ]
                )
            if n_office % 10 == 0 or len(offices) == 1:
                print(
                    f"  {n_office + 1}/{len(offices)} offices, {counts} "
                    f"({time.perf_counter() - t0:.0f} s)",
                    flush=True,
                )
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print(f"generated {counts} in {time.perf_counter() - t0:.1f} s", flush=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--offices", type=int, choices=(1, 81), default=81)
    parser.add_argument("--db", default=DEFAULT_DB, help="SQLite file (ignored with DATABASE_URL)")
    args = parser.parse_args()
    db = None if os.environ.get("DATABASE_URL") else args.db
    setup(db)
    reset_database(db)
    generate(scale=args.scale, offices_wanted=args.offices, rng=random.Random(2026))


if __name__ == "__main__":
    main()
