"""The import framework every importer is built on (see "Adding an importer" in
``docs/architecture.md``).

* :mod:`.problems` – a :class:`Problem` (stable code, parameters), the
  :class:`RecordError` of a parsed record, message tables (:class:`Messages`);
* :mod:`.files` – reading uploads safely: size and unpacked-size limits for XLSX and
  gzip, text decoding, CSV rows with line numbers, cut-off rows refused;
* :mod:`.values` – numbers and dates as people type them;
* :mod:`.workbook` – the template and notes workbook writer, finding header rows;
* :mod:`.report` – the :class:`ImportReport` and :class:`ImportRejected`;
* :mod:`.jobs` – the background job with progress, and the management command.

Parsers (``<app>/importers/``) use the first four and touch no database; the upsert
(``<app>/services/imports.py``) writes in one transaction and audits with
:func:`kopru.core.audit.audit_log_bulk`.
"""

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
