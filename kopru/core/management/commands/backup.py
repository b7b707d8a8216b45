"""``python manage.py backup [--output PATH]``: database, uploaded files and a manifest
in one archive (see :mod:`kopru.core.backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from kopru.core.backup import backup_create, default_archive_name


class Command(BaseCommand):
    help = "Write one archive with the database, the uploaded files and a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="archive path (default var/backups/kopru-<time>.tar.gz), or a directory",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path(settings.BASE_DIR) / "var" / "backups"
        if output.is_dir() or not output.suffix:
            output = output / default_archive_name()
        manifest = backup_create(output=output)
        rows = sum(manifest["counts"].values())
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"{output}: {manifest['vendor']} database, {len(manifest['counts'])} tables, "
            f"{rows} rows, {media} uploaded files"
        )
