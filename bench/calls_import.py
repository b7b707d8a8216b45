"""Importing the 629 topics of the EU portal's ``open.jsonl.gz`` (goal: under 3 s).

    python bench/calls_import.py

Uses its own database ``var/bench-calls-import.sqlite3`` (re-created each run),
creates the two offices, then times, for the real file: the first import (629
calls created and published), a re-import (all unchanged) and an import into the
second office; each as the import service runs it (parse, validate, write in one
transaction with deadlines, facets and audit entries).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-calls-import.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from kopru.calls.services.imports import calls_import  # noqa: E402
from kopru.core.demodata import DemoContext  # noqa: E402
from kopru.core.scoping import office_scope, unscoped  # noqa: E402

FILE = ROOT.parent / "shared" / "data" / "eu-ft-calls-2026" / "open.jsonl.gz"


def main() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    DB.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    from kopru.offices import demo as offices_demo
    from kopru.offices.models import Office

    with unscoped("bench: offices"), transaction.atomic():
        offices_demo.load(DemoContext())
    with unscoped("bench"):
        izmir = Office.objects.get(slug="izmir")
        balikesir = Office.objects.get(slug="balikesir")
    data = FILE.read_bytes()
    for label, office in (
        ("first import (İzmir)", izmir),
        ("re-import (İzmir)", izmir),
        ("first import (Balıkesir)", balikesir),
    ):
        started = time.perf_counter()
        with office_scope(office):
            outcome = calls_import(office=office, data=data, filename=FILE.name, actor="bench")
        elapsed = time.perf_counter() - started
        print(
            f"{label:26s} {elapsed:5.2f} s  created {outcome.created}, updated "
            f"{outcome.updated}, unchanged {outcome.unchanged}, published {outcome.published}"
        )
    print("goal: under 3 s for the 629 topics")


if __name__ == "__main__":
    main()
