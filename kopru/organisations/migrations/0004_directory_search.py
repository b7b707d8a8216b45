"""Fill the new derived columns of existing organisations, then index the directory."""

from django.db import migrations

from kopru.core.search import CreateFullTextIndex

# The type names in both languages as they were when this migration was written.
TYPE_LABELS = {
    "public_body": "Kamu kurumu Public body",
    "municipality": "Belediye Municipality",
    "local_administration": "Köy / mahalle muhtarlığı Village / neighbourhood administration",
    "university": "Üniversite University",
    "school": "Okul School",
    "ngo": "Dernek / vakıf / STK Association / foundation / NGO",
    "cooperative": "Kooperatif Cooperative",
    "chamber": "Oda / birlik Chamber / union",
    "sme": "KOBİ SME",
    "large_company": "Büyük işletme Large company",
    "young_entrepreneur": "Genç girişimci Young entrepreneur",
    "foreign": "Yabancı kuruluş Foreign organisation",
}


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
                    TYPE_LABELS.get(org.type, ""),
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
