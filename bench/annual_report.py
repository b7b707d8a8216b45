"""Time an office's annual activity report: its figures, then the PDF and the XLSX in
Turkish and in English. Goal: each report (PDF and XLSX) made in ≤ 15 s.

    .venv/bin/python bench/projects_generate.py            # 81 offices, 200,000 projects
    .venv/bin/python bench/annual_report.py [--db /tmp/bench-projects.sqlite3]
    DATABASE_URL=postgres://... .venv/bin/python bench/annual_report.py --office izmir

Reads the database the generator made (or the one ``DATABASE_URL`` names), takes the
office with the most projects (or ``--office``) and its busiest year (or ``--year``),
drafts the report, approves it (the figures are read and frozen) and makes the four
files with the services the background job runs. Everything is rolled back at the end;
the files go to a temporary media folder. Prints the seconds of each step.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "/tmp/bench-projects.sqlite3"
GOAL = 15.0


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=DEFAULT_DB, help="SQLite file (ignored with DATABASE_URL)")
    parser.add_argument("--office", default="", help="office slug (default: most projects)")
    parser.add_argument("--year", type=int, default=0, help="report year (default: busiest)")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        if not os.path.exists(args.db):
            sys.exit(f"{args.db} is missing: run bench/projects_generate.py first")
        os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from kopru.accounts.models import Role, User
    from kopru.annualreports import figures, services
    from kopru.core.scoping import office_scope, unscoped
    from kopru.offices.models import Office
    from kopru.projects.models import Project

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="kopru-bench-report-")
    with unscoped("benchmark: choosing the office"):
        if args.office:
            office = Office.objects.select_related("province").get(slug=args.office)
        else:
            top = (
                Project.objects.values("office_id")
                .annotate(n=Count("id"))
                .order_by("-n")
                .values_list("office_id", flat=True)
                .first()
            )
            office = Office.objects.select_related("province").get(pk=top)
        projects = Project.objects.filter(office=office)
        year = args.year or (
            projects.exclude(start_date=None)
            .annotate(y=ExtractYear("start_date"))
            .values("y")
            .annotate(n=Count("id"))
            .order_by("-n")
            .values_list("y", flat=True)
            .first()
        )
        print(
            f"office: {office.slug} · projects: {projects.count():,} · "
            f"all projects: {Project.objects.count():,} · year: {year}"
        )
    import datetime as dt

    times: dict[str, float] = {}
    try:
        with office_scope(office), transaction.atomic():
            actor = User.objects.create(
                username="bench-annual-report", role=Role.COORDINATOR, office=office
            )
            report = services.report_create(
                office=office,
                actor=actor,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
            )
            t0 = time.perf_counter()
            figures.collect(office, report.period_start, report.period_end)
            times["figures (draft, read live)"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            report = services.report_approve(report=report, actor=actor)
            times["approve (figures read and frozen)"] = time.perf_counter() - t0
            for lang in ("tr", "en"):
                for fmt in ("pdf", "xlsx"):
                    t0 = time.perf_counter()
                    made = services.report_file_generate(
                        report=report, language=lang, fmt=fmt, actor=actor
                    )
                    times[f"{fmt.upper()} {lang} ({made.file.size / 1024:,.0f} KiB)"] = (
                        time.perf_counter() - t0
                    )
            raise Rollback
    except Rollback:
        pass
    for label, seconds in times.items():
        print(f"{label:<40} {seconds:6.2f} s")
    per_language = {
        lang: times["approve (figures read and frozen)"]
        + sum(v for k, v in times.items() if k.endswith(")") and f" {lang} (" in k)
        for lang in ("tr", "en")
    }
    for lang, seconds in per_language.items():
        verdict = "ok" if seconds <= GOAL else "OVER"
        print(
            f"report {lang}: figures + PDF + XLSX = {seconds:.2f} s (goal ≤ {GOAL:.0f} s) {verdict}"
        )


if __name__ == "__main__":
    main()
