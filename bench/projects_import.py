"""CORDIS participations import speed (target ≥ 5,000 rows per second).

    .venv/bin/python bench/projects_import.py [--db /tmp/bench-projects-import.sqlite3]

Creates a fresh database with all 81 offices (bulk_create), imports both real CORDIS
participation files (rows go to the office of the Turkish participant's province),
then imports them again (every record unchanged) and prints rows per second of
parsing plus writing, and of writing alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FILES = [
    "cordis-h2020-participations/cordis-plus-2014.csv",
    "cordis-h2020-participations/dashboard-export-2021.csv",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench-projects-import.sqlite3")
    args = parser.parse_args()
    if os.path.exists(args.db):
        os.remove(args.db)
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    from kopru.core.datafiles import data_file
    from kopru.core.scoping import unscoped
    from kopru.geo.models import Province
    from kopru.offices.models import Office
    from kopru.projects.importers import parse
    from kopru.projects.services.imports import import_records

    call_command("migrate", verbosity=0)
    Office.objects.bulk_create(
        [
            Office(province=p, slug=p.name_search.replace(" ", "-"), name_tr=f"{p.name} AB Ofisi")
            for p in Province.objects.all()
        ]
    )
    for label in ("first import", "second import (unchanged)"):
        total_rows = 0
        parse_s = write_s = 0.0
        created = updated = unchanged = 0
        for name in FILES:
            data = data_file(name).read_bytes()
            t0 = time.perf_counter()
            result = parse(data, Path(name).name, None)
            t1 = time.perf_counter()
            rows = int((result.stats or {}).get("rows", 0)) or data.count(b"\n") - 1
            with unscoped("benchmark"):
                report = import_records(
                    records=list(result.projects),
                    parse_errors=[
                        {"position": e.position, "reason": e.reason} for e in result.errors
                    ],
                    fmt=str(result.format),
                )
            t2 = time.perf_counter()
            total_rows += rows
            parse_s += t1 - t0
            write_s += t2 - t1
            created += report.created
            updated += report.updated
            unchanged += report.unchanged
        print(
            f"{label}: {total_rows} rows in {parse_s + write_s:.2f} s "
            f"= {total_rows / (parse_s + write_s):,.0f} rows/s (parse {parse_s:.2f} s, "
            f"write {write_s:.2f} s); created {created}, updated {updated}, unchanged {unchanged}"
        )


if __name__ == "__main__":
    main()
