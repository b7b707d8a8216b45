"""``python manage.py restore ARCHIVE``: load a backup into a new, empty installation.

Every checksum is verified before anything is written, and every table's row count
is compared with the manifest afterwards; the command exits non-zero on any mismatch.
Run it on a database that has not been migrated (an empty SQLite path or a new
PostgreSQL database) and an empty media directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kopru.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive written by `manage.py backup` into an empty installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(archive=options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"restored {manifest['created_at']}: {len(manifest['counts'])} tables, {rows} rows "
            "(every count matches the manifest), "
            f"{sum(1 for n in manifest['files'] if n.startswith('media/'))} uploaded files"
        )
