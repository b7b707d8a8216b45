"""Facet rows point at a numbered term instead of holding two strings.

Counting the facets of thousands of matching calls groups by a small integer; the
(facet, value) pairs are numbered once in ``CallFacetTerm``.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_terms(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO calls_callfacetterm (facet, value)"
        " SELECT DISTINCT facet, value FROM calls_callfacet"
    )
    schema_editor.execute(
        "UPDATE calls_callfacet SET term_id = (SELECT t.id FROM calls_callfacetterm t"
        " WHERE t.facet = calls_callfacet.facet AND t.value = calls_callfacet.value)"
    )
    # Duplicated (call, facet, value) rows, if any, would break the new unique constraint.
    schema_editor.execute(
        "DELETE FROM calls_callfacet WHERE id NOT IN"
        " (SELECT MIN(id) FROM calls_callfacet GROUP BY call_id, term_id)"
    )


def fill_strings(apps, schema_editor):
    schema_editor.execute(
        "UPDATE calls_callfacet SET"
        " facet = (SELECT t.facet FROM calls_callfacetterm t WHERE t.id = calls_callfacet.term_id),"
        " value = (SELECT t.value FROM calls_callfacetterm t WHERE t.id = calls_callfacet.term_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0003_call_calls_call_catalogue"),
    ]

    operations = [
        migrations.CreateModel(
            name="CallFacetTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=200)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "value"), name="calls_facet_term_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="callfacet",
            name="term",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="calls.callfacetterm",
            ),
        ),
        migrations.AlterField(
            model_name="callfacet",
            name="facet",
            field=models.CharField(max_length=20, default=""),
        ),
        migrations.AlterField(
            model_name="callfacet",
            name="value",
            field=models.CharField(max_length=200, default=""),
        ),
        migrations.RunPython(fill_terms, fill_strings, elidable=True),
        migrations.RemoveIndex(
            model_name="callfacet",
            name="calls_callf_facet_01f958_idx",
        ),
        migrations.RemoveIndex(
            model_name="callfacet",
            name="calls_facet_call_cover",
        ),
        migrations.RemoveField(
            model_name="callfacet",
            name="facet",
        ),
        migrations.RemoveField(
            model_name="callfacet",
            name="value",
        ),
        migrations.AlterField(
            model_name="callfacet",
            name="term",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="calls.callfacetterm",
            ),
        ),
        migrations.AlterField(
            model_name="callfacet",
            name="call",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="facets",
                to="calls.call",
            ),
        ),
        migrations.AddConstraint(
            model_name="callfacet",
            constraint=models.UniqueConstraint(
                fields=("call", "term"), name="calls_facet_call_term"
            ),
        ),
        migrations.AddIndex(
            model_name="callfacet",
            index=models.Index(fields=["term", "call"], name="calls_facet_term_call"),
        ),
    ]
