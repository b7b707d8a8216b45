"""Scale the real project records to 200,000 projects across 81 offices (SQLite).

    .venv/bin/python bench/projects_generate.py [--projects 200000] [--db /tmp/bench-projects.sqlite3]

Titles, acronyms, programmes and funding schemes come from the real CORDIS H2020
participation files in ../shared/data (falling back to the demo projects when the
files are missing); each office gets its share, with districts, sectors, target
groups, a stage history and, for running projects, report deadlines and activities.
The other benchmarks (projects_search.py, projects_monitoring.py) read this database.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "/tmp/bench-projects.sqlite3"


def setup(db: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def real_titles() -> list[tuple[str, str, str, str]]:
    """(acronym, title, programme, funding scheme) of real CORDIS projects."""
    from kopru.core.datafiles import data_file, has_data_file

    rows: dict[str, tuple[str, str, str, str]] = {}
    name = "cordis-h2020-participations/dashboard-export-2021.csv"
    if has_data_file(name):
        with open(data_file(name), encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                rows[r["project_id"]] = (
                    r["project_acronym"][:60],
                    r["project_title"][:500],
                    f"Horizon 2020 · {r.get('pillar_descr', '')}"[:200],
                    r.get("simplified_type_of_action", "")[:120],
                )
    name = "cordis-h2020-participations/cordis-plus-2014.csv"
    if has_data_file(name):
        with open(data_file(name), encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                rows.setdefault(
                    r["project_id"],
                    (
                        r["project_acronym"][:60],
                        (r.get("topic_description") or r["project_acronym"])[:500],
                        f"Horizon 2020 · {r.get('pillar_descr', '')}"[:200],
                        r.get("funding_scheme", "")[:120],
                    ),
                )
    if not rows:
        from kopru.projects.demo import PROJECTS

        for items in PROJECTS.values():
            for row in items:
                rows[row[0]] = (row[2], row[4], row[5] or "Erasmus+", "")
    return list(rows.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=200_000)
    parser.add_argument("--db", default=DEFAULT_DB)
    args = parser.parse_args()
    if os.path.exists(args.db):
        os.remove(args.db)
    setup(args.db)

    from django.core.management import call_command
    from django.db import connection, transaction

    from kopru.core.scoping import unscoped
    from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup
    from kopru.geo.models import District, Province
    from kopru.offices.models import Office
    from kopru.organisations.models import Organisation, OrganisationType
    from kopru.projects.models import (
        MONITORED_STAGES,
        Activity,
        Partner,
        Project,
        ReportDeadline,
        Stage,
        StageChange,
        project_tags,
    )

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as c:
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=OFF")
    rng = random.Random(2026)
    titles = real_titles()
    print(f"real records used as seeds: {len(titles)}")
    t0 = time.perf_counter()
    with unscoped("benchmark generator"), transaction.atomic():
        provinces = list(Province.objects.order_by("plate"))
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
        districts: dict[int, list[int]] = {}
        for pk, province_id in District.objects.values_list("pk", "province_id"):
            districts.setdefault(province_id, []).append(pk)
        orgs = []
        for office in offices:
            for i in range(20):
                o = Organisation(
                    office=office,
                    name=f"{office.province.name} Kurum {i}",
                    type=rng.choice(OrganisationType.values),
                )
                o.refresh_derived()
                orgs.append(o)
        Organisation.objects.bulk_create(orgs, batch_size=2000)
        org_ids: dict[int, list[int]] = {}
        for pk, office_id in Organisation._base_manager.values_list("pk", "office_id"):
            org_ids.setdefault(office_id, []).append(pk)
    print(f"81 offices and {len(orgs)} organisations: {time.perf_counter() - t0:.1f} s")

    # Bigger provinces get more projects (İzmir, Balıkesir among them).
    weights = [
        5
        if o.province.plate in ("06", "34", "35")
        else 2
        if o.province.plate in ("10", "16", "07", "01")
        else 1
        for o in offices
    ]
    stages = Stage.values
    stage_weights = [5, 6, 8, 10, 6, 2, 25, 20, 12, 6]
    sectors = Sector.values
    groups = TargetGroup.values
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    batch = 10_000
    made = 0
    derived: dict[tuple[int, bool], tuple[str, str]] = {}
    through = Project.districts.through
    while made < args.projects:
        n = min(batch, args.projects - made)
        with unscoped("benchmark generator"), transaction.atomic():
            projects = []
            for i in range(n):
                office = rng.choices(offices, weights)[0]
                seed = rng.randrange(len(titles))
                acronym, title, programme, scheme = titles[seed]
                with_tr = rng.random() < 0.3
                start = today - dt.timedelta(days=rng.randint(-400, 3000))
                months = rng.choice([12, 18, 24, 30, 36, 48])
                grant = Decimal(rng.randint(20, 3000) * 1000)
                p = Project(
                    office=office,
                    owner_id=rng.choice(org_ids[office.pk]),
                    acronym=acronym,
                    title_en=title,
                    title_tr=title if with_tr else "",
                    summary_en=f"{title}. {programme}.",
                    programme=programme,
                    funding_scheme=scheme,
                    stage=rng.choices(stages, stage_weights)[0],
                    stage_changed_at=now - dt.timedelta(days=rng.randint(1, 900)),
                    start_date=start,
                    end_date=start + dt.timedelta(days=30 * months),
                    duration_months=months,
                    grant_amount=grant,
                    total_cost=grant * Decimal("1.2"),
                    sectors=rng.sample(sectors, rng.randint(1, 3)),
                    target_groups=rng.sample(groups, rng.randint(1, 3)),
                    source="cordis",
                    source_id=f"bench-{made + i}",
                    is_published=rng.random() < 0.7,
                    last_update_at=now - dt.timedelta(days=rng.randint(0, 200)),
                )
                # Derived columns: computed once per real record (the text is the same).
                cached = derived.get((seed, with_tr))
                if cached is None:
                    p.refresh_derived()
                    cached = derived[(seed, with_tr)] = (p.title_sort, p.search_document)
                p.title_sort, p.search_document = cached
                p.tags = project_tags(p.sectors, p.target_groups)
                p.has_priority_group = any(g in PRIORITY_TARGET_GROUPS for g in p.target_groups)
                projects.append(p)
            Project.objects.bulk_create(projects, batch_size=2000)
            links, history, deadlines, activities, partners = [], [], [], [], []
            for p in projects:
                pool = districts[p.office.province_id]
                for d in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                    links.append(through(project_id=p.pk, district_id=d))
                history.append(
                    StageChange(
                        office_id=p.office_id,
                        project_id=p.pk,
                        to_stage=p.stage,
                        changed_at=p.stage_changed_at,
                    )
                )
                partners.append(
                    Partner(
                        office_id=p.office_id,
                        project_id=p.pk,
                        name="Partner",
                        country=rng.choice(["DE", "GR", "ES", "IT"]),
                    )
                )
                if p.stage in MONITORED_STAGES:
                    for k in range(2):
                        due = p.start_date + dt.timedelta(days=180 * (k + 1))
                        deadlines.append(
                            ReportDeadline(
                                office_id=p.office_id,
                                project_id=p.pk,
                                title="Rapor",
                                due_date=due,
                                received_on=due if rng.random() < 0.7 else None,
                            )
                        )
                    activities.append(
                        Activity(
                            office_id=p.office_id,
                            project_id=p.pk,
                            title="Faaliyet",
                            planned_start=p.start_date,
                            planned_end=p.start_date + dt.timedelta(days=90),
                            actual_start=p.start_date if rng.random() < 0.8 else None,
                        )
                    )
            through.objects.bulk_create(links, batch_size=5000)
            StageChange.objects.bulk_create(history, batch_size=5000)
            Partner.objects.bulk_create(partners, batch_size=5000)
            ReportDeadline.objects.bulk_create(deadlines, batch_size=5000)
            Activity.objects.bulk_create(activities, batch_size=5000)
        made += n
        print(f"  {made} projects ({time.perf_counter() - t0:.0f} s)", flush=True)
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print(f"generated {made} projects in {time.perf_counter() - t0:.1f} s -> {args.db}")


if __name__ == "__main__":
    main()
