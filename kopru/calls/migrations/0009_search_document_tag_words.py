"""The search document of every call gains the thesaurus words of its tags."""

from typing import Any

from django.db import migrations

from kopru.calls.models import search_document_of


def forwards(apps: Any, schema_editor: Any) -> None:
    Call = apps.get_model("calls", "Call")
    batch: list[Any] = []
    for call in Call._base_manager.all().iterator(chunk_size=2000):
        document = search_document_of(call)
        if document != call.search_document:
            call.search_document = document
            batch.append(call)
        if len(batch) >= 2000:
            Call._base_manager.bulk_update(batch, ["search_document"])
            batch = []
    if batch:
        Call._base_manager.bulk_update(batch, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [("calls", "0008_catalogue_generation_sort_columns"), ("core", "0008_thesaurus_word")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
