"""Registrations erased before their ``source_id`` was hashed on erasure: the imported ones
still held ``event code:e-mail`` (or the folded name). They take the hashed form that
``person_erase`` now writes, so a re-import still finds them and the address is gone."""

from django.db import migrations

from kopru.trainings.models import Registration as CurrentRegistration


def forwards(apps, schema_editor):
    Registration = apps.get_model("trainings", "Registration")
    erased = Registration._base_manager.filter(erased_at__isnull=False).exclude(source_id="")
    changed = []
    for registration in erased.only("pk", "source_id").iterator(chunk_size=2000):
        hashed = CurrentRegistration.erased_source_id(registration.source_id)
        if hashed != registration.source_id:
            registration.source_id = hashed
            changed.append(registration)
    Registration._base_manager.bulk_update(changed, ["source_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("trainings", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
