"""``python manage.py import_calls PATH --office SLUG [--format F]``.

Recognises the format from the file (``--format`` forces one), prints the
created/updated/unchanged counts, and on any bad record prints every problem with
its position and exits non-zero having written nothing.
"""

from __future__ import annotations

from kopru.calls.importers import FORMATS
from kopru.calls.services.imports import calls_import
from kopru.core.imports.jobs import ImportCommand


class Command(ImportCommand):
    help = "Import funding calls from a file into one office's catalogue (all or nothing)."
    run = staticmethod(calls_import)
    formats = FORMATS
