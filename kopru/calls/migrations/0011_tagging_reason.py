"""The tagging reason and the expert's-correction flag of a call.

Adding a NOT NULL column makes Django rebuild ``calls_call`` on SQLite, which drops the
table's triggers: the full-text index's (``CreateFullTextIndex``) and the catalogue
generation token's (migrations ``0005`` and ``0008``). They are created again here.
"""

from importlib import import_module

from django.db import migrations, models

import kopru.core.search

_GENERATION = import_module("kopru.calls.migrations.0005_catalogue_generation")
_SORT_COLUMNS = import_module("kopru.calls.migrations.0008_catalogue_generation_sort_columns")


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    _GENERATION.create_triggers(apps, schema_editor)
    _SORT_COLUMNS.forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0010_who_applies"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="tagging_reason",
            field=models.TextField(
                blank=True,
                help_text="İçe aktarmada etiketlerin nereden geldiği.",
                verbose_name="etiket gerekçesi",
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="tags_by_expert",
            field=models.BooleanField(
                default=False,
                help_text="Yeniden içe aktarma uzmanın seçtiği sektör ve hedef grupları değiştirmez.",
                verbose_name="etiketleri uzman düzeltti",
            ),
        ),
        kopru.core.search.CreateFullTextIndex("call"),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
