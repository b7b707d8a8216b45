"""Covering indexes of the public catalogue (see the comments on ``Call.Meta.indexes``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0005_catalogue_generation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                fields=[
                    "id",
                    "state",
                    "office",
                    "level",
                    "instrument",
                    "opening_date",
                    "closes_at",
                    "next_deadline",
                    "published_at",
                ],
                name="calls_call_narrow",
            ),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                fields=[
                    "state",
                    "level",
                    "office",
                    "instrument",
                    "opening_date",
                    "closes_at",
                    "next_deadline",
                    "published_at",
                ],
                name="calls_call_state_level",
            ),
        ),
        migrations.RemoveIndex(
            model_name="call",
            name="calls_call_state_d569fe_idx",
        ),
    ]
