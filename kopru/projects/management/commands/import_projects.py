"""``python manage.py import_projects PATH [--office SLUG] [--format FMT]`` (CORDIS files
may omit ``--office``: each record goes to the office of its participants' provinces)."""

from __future__ import annotations

from kopru.core.imports.jobs import ImportCommand
from kopru.projects.importers import FORMATS
from kopru.projects.services.imports import import_file


class Command(ImportCommand):
    help = "Import projects (CORDIS participations CSV, İzmir M-LAB list, XLSX template)."
    run = staticmethod(import_file)
    office_required = False
    formats = FORMATS
