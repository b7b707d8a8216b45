"""``python manage.py import_calls PATH --office SLUG [--format F]``.

Recognises the format from the file (``--format`` forces one), prints the
created/updated/unchanged counts, and on any bad record prints every problem with
its position and exits non-zero having written nothing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from kopru.calls.importers import FORMATS
from kopru.calls.importing import ImportRejected, import_file
from kopru.core.commands import ReportingCommand
from kopru.core.scoping import office_scope, unscoped
from kopru.offices.models import Office


class Command(ReportingCommand):
    help = "Import funding calls from a file into one office's catalogue (all or nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument("--office", required=True, help="office slug, e.g. izmir")
        parser.add_argument("--format", choices=FORMATS, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with unscoped("import_calls: looking up the office"):
            office = Office.objects.filter(slug=options["office"]).first()
        if office is None:
            raise CommandError(f"no office with slug {options['office']!r}")
        started = time.perf_counter()
        with office_scope(office):
            try:
                outcome = import_file(
                    office=office,
                    data=path.read_bytes(),
                    filename=path.name,
                    fmt=options["format"],
                    actor="import_calls",
                )
            except ImportRejected as exc:
                for error in exc.outcome.errors:
                    self.stderr.write(f"{error['position']}: {error['reason']}")
                raise CommandError(
                    f"{len(exc.outcome.errors)} bad record(s) in {path.name}; nothing was written."
                ) from exc
        elapsed = time.perf_counter() - started
        for note in outcome.notes:
            self.stdout.write(f"note: {note}")
        self.stdout.write(
            f"{path.name} ({outcome.format}): created {outcome.created}, "
            f"updated {outcome.updated}, unchanged {outcome.unchanged}, "
            f"skipped {outcome.skipped} (not calls), published {outcome.published} "
            f"in {elapsed:.2f}s"
        )
