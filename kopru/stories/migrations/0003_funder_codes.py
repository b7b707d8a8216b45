"""Stories' ``facts["funders"]`` held the funder's name as drafted (Turkish, or English
when drafted from an English page); they now hold a code (``stories.models.Funder``)
that the pages show in their own language."""

from django.db import migrations

# Names as they were stored (either language) -> code. Spelled out here so the migration
# does not depend on today's models.
CODES = {
    "Avrupa Birliği (katılım öncesi mali yardım)": "eu_pre_accession",
    "European Union (pre-accession assistance)": "eu_pre_accession",
    "Avrupa Birliği": "eu",
    "European Union": "eu",
    "Kalkınma ajansı": "development_agency",
    "Development agency": "development_agency",
}
NAMES = {
    "eu_pre_accession": "Avrupa Birliği (katılım öncesi mali yardım)",
    "eu": "Avrupa Birliği",
    "development_agency": "Kalkınma ajansı",
}


def _convert(apps, mapping):
    Story = apps.get_model("stories", "Story")
    for story in Story._base_manager.only("id", "facts").iterator():
        facts = story.facts or {}
        funders = facts.get("funders") or []
        converted = list(dict.fromkeys(mapping.get(f, f) for f in funders))
        if converted != funders:
            facts["funders"] = converted
            Story._base_manager.filter(pk=story.pk).update(facts=facts)


def to_codes(apps, schema_editor):
    _convert(apps, CODES)


def to_names(apps, schema_editor):
    _convert(apps, NAMES)


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_storyphoto")]

    operations = [migrations.RunPython(to_codes, to_names)]
