"""``manage.py import_organisations PATH --office SLUG`` (all or nothing, every bad row printed)."""

from __future__ import annotations

from kopru.core.imports.jobs import ImportCommand
from kopru.organisations.services.imports import import_directory


class Command(ImportCommand):
    help = "Import organisations and their project teams from the XLSX template."
    run = staticmethod(import_directory)
