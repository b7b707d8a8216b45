# ruff: noqa: S608 (table and column names from this module, no values)
"""The catalogue change log replaces the catalogue generation token.

The token (migrations ``0005``, ``0008``) was one row that every writing transaction
renewed and so locked until it committed: one office's import held up every other
office's edits, and every write made each process rebuild its whole index. Triggers
now append the changed call's id to ``calls_cataloguechange`` instead (writers only
append; the sequence does not lock), and each process applies the changed calls to
its index (``kopru.calls.catalogue_index``).

A later migration that makes SQLite rebuild ``calls_call`` or ``calls_callfacet``
drops their triggers: it must call :func:`create_triggers` again (see ``0011``).
"""

from importlib import import_module

from django.db import migrations, models
from django.db.models.functions import Now

_GENERATION = import_module("kopru.calls.migrations.0005_catalogue_generation")
_SORT_COLUMNS = import_module("kopru.calls.migrations.0008_catalogue_generation_sort_columns")

LOG = "calls_cataloguechange"
#: The columns of calls_call the index holds.
COLUMNS = (
    "state",
    "office_id",
    "level",
    "opening_date",
    "closes_at",
    "next_deadline",
    "published_at",
    "title_sort",
)

_SQLITE_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in COLUMNS)
SQLITE_TRIGGERS = {
    "calls_log_call_ai": f"AFTER INSERT ON calls_call BEGIN"
    f" INSERT INTO {LOG} (call_id) VALUES (new.id); END",
    "calls_log_call_ad": f"AFTER DELETE ON calls_call BEGIN"
    f" INSERT INTO {LOG} (call_id) VALUES (old.id); END",
    "calls_log_call_au": f"AFTER UPDATE OF {', '.join(COLUMNS)} ON calls_call"
    f" WHEN {_SQLITE_CHANGED} BEGIN INSERT INTO {LOG} (call_id) VALUES (new.id); END",
    "calls_log_facet_ai": f"AFTER INSERT ON calls_callfacet BEGIN"
    f" INSERT INTO {LOG} (call_id) VALUES (new.call_id); END",
    "calls_log_facet_ad": f"AFTER DELETE ON calls_callfacet BEGIN"
    f" INSERT INTO {LOG} (call_id) VALUES (old.call_id); END",
    "calls_log_facet_au": f"AFTER UPDATE ON calls_callfacet BEGIN"
    f" INSERT INTO {LOG} (call_id) VALUES (old.call_id);"
    f" INSERT INTO {LOG} (call_id) VALUES (new.call_id); END",
}

_PG_CHANGED = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in COLUMNS)
#: Statement-level triggers reading transition tables: one INSERT per statement, so
#: an import's bulk inserts log their calls in one go.
POSTGRES_FUNCTIONS = {
    "calls_log_call_new": f"INSERT INTO {LOG} (call_id) SELECT id FROM new_rows",
    "calls_log_call_old": f"INSERT INTO {LOG} (call_id) SELECT id FROM old_rows",
    "calls_log_call_upd": f"INSERT INTO {LOG} (call_id) SELECT n.id FROM new_rows n"
    f" JOIN old_rows o ON o.id = n.id WHERE {_PG_CHANGED}",
    "calls_log_facet_new": f"INSERT INTO {LOG} (call_id) SELECT DISTINCT call_id FROM new_rows",
    "calls_log_facet_old": f"INSERT INTO {LOG} (call_id) SELECT DISTINCT call_id FROM old_rows",
    "calls_log_facet_upd": f"INSERT INTO {LOG} (call_id) SELECT call_id FROM old_rows"
    " UNION SELECT call_id FROM new_rows",
    # 0 = "everything": the index is read again.
    "calls_log_truncate": f"INSERT INTO {LOG} (call_id) VALUES (0)",
}
POSTGRES_TRIGGERS = [
    ("calls_log_call_ai", "calls_call", "AFTER INSERT", "NEW TABLE AS new_rows", "call_new"),
    ("calls_log_call_ad", "calls_call", "AFTER DELETE", "OLD TABLE AS old_rows", "call_old"),
    (
        "calls_log_call_au",
        "calls_call",
        "AFTER UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "call_upd",
    ),
    ("calls_log_facet_ai", "calls_callfacet", "AFTER INSERT", "NEW TABLE AS new_rows", "facet_new"),
    ("calls_log_facet_ad", "calls_callfacet", "AFTER DELETE", "OLD TABLE AS old_rows", "facet_old"),
    (
        "calls_log_facet_au",
        "calls_callfacet",
        "AFTER UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "facet_upd",
    ),
    ("calls_log_call_at", "calls_call", "AFTER TRUNCATE", "", "truncate"),
    ("calls_log_facet_at", "calls_callfacet", "AFTER TRUNCATE", "", "truncate"),
]


def install_triggers(schema_editor, sqlite_triggers, postgres_functions):
    """Create the log's triggers, replacing any of the same name, with these bodies:
    this migration's or a later one's (``0015`` logs one more column)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, body in sqlite_triggers.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(f"CREATE TRIGGER {name} {body}")
    elif vendor == "postgresql":
        for name, statement in postgres_functions.items():
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$"
                f" BEGIN {statement}; RETURN NULL; END $$"
            )
        for name, table, when, referencing, function in POSTGRES_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            refs = f" REFERENCING {referencing}" if referencing else ""
            schema_editor.execute(
                f"CREATE TRIGGER {name} {when} ON {table}{refs} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION calls_log_{function}()"
            )


def create_triggers(apps, schema_editor):
    install_triggers(schema_editor, SQLITE_TRIGGERS, POSTGRES_FUNCTIONS)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        for name, table, *_rest in POSTGRES_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in POSTGRES_FUNCTIONS:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def drop_generation(apps, schema_editor):
    _GENERATION.drop_triggers(apps, schema_editor)


def restore_generation(apps, schema_editor):
    _GENERATION.create_triggers(apps, schema_editor)
    _SORT_COLUMNS.forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0011_tagging_reason"),
    ]

    operations = [
        migrations.RunPython(drop_generation, restore_generation),
        migrations.DeleteModel(name="CatalogueGeneration"),
        migrations.CreateModel(
            name="CatalogueChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("call_id", models.BigIntegerField()),
                ("at", models.DateTimeField(db_default=Now())),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
