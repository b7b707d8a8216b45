"""The import framework every importer is built on: see "Adding an importer" in
``docs/architecture.md``."""

from .files import FileTooLarge
from .problems import Problem
from .report import ImportRejected, ImportReport, by_office

__all__ = ["FileTooLarge", "ImportRejected", "ImportReport", "Problem", "by_office"]
