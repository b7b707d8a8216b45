"""The catalogue generation token and the triggers that renew it on every change.

Cached facet counts of the public catalogue are used only while the token they were
computed under is unchanged (``kopru.calls.selectors``). The triggers renew it on
every insert and delete, and on every update of a counted column, of calls and of
their facet rows, whoever writes them. PostgreSQL renews it before each statement,
so every writer takes the token's row before any call row (no lock-order deadlock).
"""

from django.db import migrations, models

COLUMNS = "state, office_id, level, opening_date, closes_at, next_deadline"

SQLITE_RENEW = (
    "INSERT INTO calls_cataloguegeneration (id, token) VALUES (1, random())"
    " ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)
SQLITE_TRIGGERS = [
    ("calls_catalogue_call_ai", "AFTER INSERT ON calls_call"),
    ("calls_catalogue_call_ad", "AFTER DELETE ON calls_call"),
    ("calls_catalogue_call_au", f"AFTER UPDATE OF {COLUMNS} ON calls_call"),
    ("calls_catalogue_facet_ai", "AFTER INSERT ON calls_callfacet"),
    ("calls_catalogue_facet_ad", "AFTER DELETE ON calls_callfacet"),
    ("calls_catalogue_facet_au", "AFTER UPDATE ON calls_callfacet"),
]
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION calls_catalogue_renew() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO calls_cataloguegeneration (id, token)
    VALUES (1, floor(random() * 9007199254740991)::bigint)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$
"""
POSTGRES_TRIGGERS = [
    (
        "calls_catalogue_call",
        f"BEFORE INSERT OR DELETE OR UPDATE OF {COLUMNS} OR TRUNCATE ON calls_call",
    ),
    ("calls_catalogue_facet", "BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON calls_callfacet"),
]
TABLE_OF = {"calls_catalogue_call": "calls_call", "calls_catalogue_facet": "calls_callfacet"}


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, when in SQLITE_TRIGGERS:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {SQLITE_RENEW} END"
            )
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for name, when in POSTGRES_TRIGGERS:
            schema_editor.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT"
                " EXECUTE FUNCTION calls_catalogue_renew()"
            )
    schema_editor.execute(
        "INSERT INTO calls_cataloguegeneration (id, token) VALUES (1, 1)"
        " ON CONFLICT (id) DO NOTHING"
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, _when in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        for name, _when in POSTGRES_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE_OF[name]}")
        schema_editor.execute("DROP FUNCTION IF EXISTS calls_catalogue_renew()")


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0004_facet_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
