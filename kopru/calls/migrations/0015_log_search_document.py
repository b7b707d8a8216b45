# ruff: noqa: S608 (table and column names from this module, no values)
"""The catalogue change log also records a change of a call's ``search_document``.

Each process keeps the full-text results of recent queries beside its catalogue index
(``kopru.calls.catalogue_index``) and brings them up to date from the log; a call
whose searchable text changed (its summary, keywords, tags' words) without any column
the index held before must be logged too. The ``search_vector`` of PostgreSQL
(``0014``) is generated from ``search_document``: it changes with it.

A later migration that makes SQLite rebuild ``calls_call`` or ``calls_callfacet``
drops their triggers: it must call :func:`create_triggers` of this migration again.
"""

from importlib import import_module

from django.db import migrations

_LOG = import_module("kopru.calls.migrations.0012_catalogue_change_log")

LOG = _LOG.LOG
#: The columns of calls_call the index and its full-text results read.
COLUMNS = (*_LOG.COLUMNS, "search_document")

SQLITE_TRIGGERS = {
    **_LOG.SQLITE_TRIGGERS,
    "calls_log_call_au": f"AFTER UPDATE OF {', '.join(COLUMNS)} ON calls_call"
    f" WHEN {' OR '.join(f'old.{c} IS NOT new.{c}' for c in COLUMNS)}"
    f" BEGIN INSERT INTO {LOG} (call_id) VALUES (new.id); END",
}
POSTGRES_FUNCTIONS = {
    **_LOG.POSTGRES_FUNCTIONS,
    "calls_log_call_upd": f"INSERT INTO {LOG} (call_id) SELECT n.id FROM new_rows n"
    " JOIN old_rows o ON o.id = n.id WHERE "
    + " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in COLUMNS),
}


def create_triggers(apps, schema_editor):
    _LOG.install_triggers(schema_editor, SQLITE_TRIGGERS, POSTGRES_FUNCTIONS)


def restore_triggers(apps, schema_editor):
    _LOG.install_triggers(schema_editor, _LOG.SQLITE_TRIGGERS, _LOG.POSTGRES_FUNCTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0014_search_vector"),
    ]

    operations = [migrations.RunPython(create_triggers, restore_triggers, elidable=False)]
