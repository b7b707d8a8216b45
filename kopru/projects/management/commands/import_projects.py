"""``python manage.py import_projects PATH [--office SLUG] [--format FMT]``.

All-or-nothing: a file with a bad row writes nothing, lists every bad row with its
position and reason, and exits with status 1. CORDIS files may omit ``--office``:
each record goes to the office of its Turkish participant's province.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from kopru.core.commands import ReportingCommand


class Command(ReportingCommand):
    help = "Import projects (CORDIS participations CSV, İzmir M-LAB list, XLSX template)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--office", help="office slug (optional for CORDIS files)")
        parser.add_argument(
            "--format", dest="fmt", help="cordis, izmir-mlab or template (default: detect)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from kopru.core.errors import ApplicationError
        from kopru.core.scoping import unscoped
        from kopru.offices.models import Office
        from kopru.projects.importing import ImportFailed, import_file, summary_result

        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        office = None
        if options.get("office"):
            office = Office.objects.filter(slug=options["office"]).first()
            if office is None:
                raise CommandError(f"unknown office: {options['office']}")
        try:
            with unscoped("import_projects management command"):
                report = import_file(
                    data=path.read_bytes(),
                    filename=path.name,
                    office=office,
                    fmt=options.get("fmt"),
                )
        except ImportFailed as exc:
            for error in exc.report.errors:
                self.stderr.write(f"{error['position']}: {error['reason']}")
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        result = summary_result(report)
        for label, value in result["summary"].items():
            self.stdout.write(f"{label}: {value}")
        self.stdout.write(
            f"created={report.created} updated={report.updated} unchanged={report.unchanged}"
        )
