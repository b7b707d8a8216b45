"""PostgreSQL keeps each call's ``to_tsvector(search_document)`` in a stored column.

A full-text query with a phrase (the thesaurus gives ``young people``, ``climate
change``, ``yapay zeka``) makes PostgreSQL check each candidate row again; through the
expression index that means parsing the row's document again (about 0.1–0.3 ms a row,
seconds for a broad word at 100,000 calls). :func:`kopru.core.search.fulltext_ids`
checks the few rows that need it against this stored vector instead. The GIN index on
the expression stays (it answers every word without a recheck). SQLite (FTS5) needs
nothing: the migration does nothing there.
"""

from django.db import migrations

COLUMN = "search_vector"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE calls_call ADD COLUMN IF NOT EXISTS {COLUMN} tsvector"
            " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED"
        )


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE calls_call DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0013_who_applies_version"),
    ]

    operations = [migrations.RunPython(add_column, drop_column, elidable=False)]
