"""The import framework every importer is built on: see "Adding an importer" in
``docs/architecture.md``."""

from .files import FileRefused, FileTooLarge, UnknownFormat
from .problems import Messages, Problem, RecordError
from .report import ImportRejected, ImportReport

__all__ = [
    "FileRefused",
    "FileTooLarge",
    "ImportRejected",
    "ImportReport",
    "Messages",
    "Problem",
    "RecordError",
    "UnknownFormat",
]
