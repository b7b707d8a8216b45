"""``python manage.py import_calls PATH --office SLUG [--format F]`` (all or nothing)."""

from __future__ import annotations

from kopru.calls.importers import FORMATS
from kopru.calls.services.imports import calls_import
from kopru.core.imports.jobs import ImportCommand


class Command(ImportCommand):
    help = "Import funding calls from a file into one office's catalogue (all or nothing)."
    run = staticmethod(calls_import)
    formats = FORMATS
