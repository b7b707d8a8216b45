"""Load the 81 provinces and 973 districts (PTT list, MIT; see data/tr-il-ilce/SOURCE.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from kopru.geo.reference import load_reference

    load_reference(apps.get_model("geo", "Province"), apps.get_model("geo", "District"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
