"""``python manage.py import_organisations PATH --office SLUG``.

Imports the directory template (sheets ``kurumlar`` and ``ekip``) into one office.
All-or-nothing: a file with any bad row writes nothing, prints every problem with
its sheet, row and column, and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from kopru.core.commands import ReportingCommand


class Command(ReportingCommand):
    help = "Import organisations and their project teams from the XLSX template."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--office", required=True, help="office slug, e.g. balikesir")

    def handle(self, *args: Any, **options: Any) -> None:
        from kopru.core.scoping import office_scope
        from kopru.offices.models import Office

        from ...importer import ImportFailed, import_directory

        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        office = Office.objects.filter(slug=options["office"]).first()
        if office is None:
            raise CommandError(f"unknown office: {options['office']}")
        try:
            with office_scope(office):
                report = import_directory(
                    office=office, data=path.read_bytes(), actor="import_organisations"
                )
        except ImportFailed as exc:
            for error in exc.report.errors:
                self.stderr.write(f"{error['position']}: {error['reason']}")
            raise CommandError(exc.message) from exc
        for label, value in report.summary().items():
            self.stdout.write(f"{label}: {value}")
        self.stdout.write(
            f"created={report.created} updated={report.updated} unchanged={report.unchanged} "
            f"members_created={report.members_created} members_updated={report.members_updated} "
            f"members_unchanged={report.members_unchanged}"
        )
