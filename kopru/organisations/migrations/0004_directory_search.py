"""Fill the new derived columns of existing organisations, then index the directory."""

from django.db import migrations

from kopru.core.search import CreateFullTextIndex


def fill_derived(apps, schema_editor):
    from kopru.core.text import search_key

    Organisation = apps.get_model("organisations", "Organisation")
    District = apps.get_model("geo", "District")
    districts = dict(District.objects.values_list("pk", "name"))
    batch = []
    for org in Organisation._base_manager.all().iterator():
        key = search_key(org.name)
        org.duplicate_key = (key[4:] if key.startswith("t c ") else key)[:400]
        org.search_document = search_key(
            " ".join(
                [
                    org.name,
                    org.short_name,
                    districts.get(org.district_id, ""),
                    org.type.replace("_", " "),
                    org.description[:4000],
                ]
            )
        )
        batch.append(org)
    Organisation._base_manager.bulk_update(
        batch, ["duplicate_key", "search_document"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_teams_directory"), ("geo", "0003_turkish_capitals")]

    operations = [
        migrations.RunPython(fill_derived, migrations.RunPython.noop),
        CreateFullTextIndex("organisation"),
    ]
