"""The catalogue generation token is also renewed when a call's sort keys change.

The public catalogue's in-memory index (``kopru.calls.catalogue_index``) keeps the
order of the "newest" and "title" sorts, so the token that tells it to rebuild must
change with ``published_at`` and ``title_sort`` as well as with the counted columns
of migration ``0005``.
"""

from django.db import migrations

OLD_COLUMNS = "state, office_id, level, opening_date, closes_at, next_deadline"
NEW_COLUMNS = OLD_COLUMNS + ", published_at, title_sort"

SQLITE_RENEW = (
    "INSERT INTO calls_cataloguegeneration (id, token) VALUES (1, random())"
    " ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)


def _recreate(schema_editor, columns: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS calls_catalogue_call_au")
        schema_editor.execute(
            "CREATE TRIGGER calls_catalogue_call_au AFTER UPDATE OF"
            f" {columns} ON calls_call BEGIN {SQLITE_RENEW} END"
        )
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS calls_catalogue_call ON calls_call")
        schema_editor.execute(
            "CREATE TRIGGER calls_catalogue_call BEFORE INSERT OR DELETE OR UPDATE OF"
            f" {columns} OR TRUNCATE ON calls_call FOR EACH STATEMENT"
            " EXECUTE FUNCTION calls_catalogue_renew()"
        )


def forwards(apps, schema_editor):
    _recreate(schema_editor, NEW_COLUMNS)


def backwards(apps, schema_editor):
    _recreate(schema_editor, OLD_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0007_shared_vocabulary"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
