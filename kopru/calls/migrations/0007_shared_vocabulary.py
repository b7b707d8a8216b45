"""Calls move to the shared vocabulary of ``kopru.core.vocabularies``.

The only code of the calls that changed is the sector ``mobility``, now
``transport``. Rewritten everywhere it is stored: the calls' ``sectors``, their facet
rows (the term is repointed, duplicates dropped) and saved searches (links and feeds
with the former code still work: the search parameters read it as an alias).
"""

from django.db import migrations

RENAMES = {"sector": {"mobility": "transport"}}
FIELDS = {"sector": "sectors", "target": "target_groups"}


def _renamed(values, mapping):
    if not isinstance(values, list):
        return values
    return list(dict.fromkeys(mapping.get(v, v) for v in values))


def forward(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    Term = apps.get_model("calls", "CallFacetTerm")
    Facet = apps.get_model("calls", "CallFacet")
    SavedSearch = apps.get_model("calls", "SavedSearch")
    for facet, mapping in RENAMES.items():
        field = FIELDS[facet]
        changed = []
        for call in Call._base_manager.only("pk", field).iterator(chunk_size=2000):
            values = getattr(call, field)
            new = _renamed(values, mapping)
            if new != values:
                setattr(call, field, new)
                changed.append(call)
        Call._base_manager.bulk_update(changed, [field], batch_size=500)
        for old, new in mapping.items():
            old_term = Term.objects.filter(facet=facet, value=old).first()
            if old_term is None:
                continue
            new_term, _created = Term.objects.get_or_create(facet=facet, value=new)
            both = Facet.objects.filter(term=new_term).values("call_id")
            Facet.objects.filter(term=old_term, call_id__in=both).delete()
            Facet.objects.filter(term=old_term).update(term=new_term)
            old_term.delete()
    changed = []
    for search in SavedSearch._base_manager.only("pk", "params").iterator(chunk_size=2000):
        params = dict(search.params or {})
        touched = False
        for facet, mapping in RENAMES.items():
            raw = params.get(facet)
            values = [raw] if isinstance(raw, str) else raw
            new = _renamed(values, mapping)
            if new != values:
                params[facet] = new
                touched = True
        if touched:
            search.params = params
            changed.append(search)
    SavedSearch._base_manager.bulk_update(changed, ["params"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("calls", "0006_call_calls_call_narrow")]

    # Forward only in meaning; going back leaves the new codes (which the former
    # code read as unknown values, harmlessly).
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
