"""``python manage.py import_organisations PATH --office SLUG``.

Imports the directory template (sheets ``kurumlar`` and ``ekip``) into one office.
All-or-nothing: a file with any bad row writes nothing, prints every problem with
its sheet, row and column, and exits with status 1.
"""

from __future__ import annotations

from kopru.core.imports.jobs import ImportCommand
from kopru.organisations.services.imports import import_directory


class Command(ImportCommand):
    help = "Import organisations and their project teams from the XLSX template."
    run = staticmethod(import_directory)
