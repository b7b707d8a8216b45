"""Projects move to the shared vocabulary of ``kopru.core.vocabularies``.

Sectors: ``economy`` → ``industry``; projects tagged ``culture`` (formerly "Culture
and tourism") whose texts speak of tourism also get ``tourism``. Target groups:
``refugees`` → ``migrants``, ``smes`` → ``entrepreneurs``. The derived ``tags``
column (the facet filter) is rebuilt for every project that changed.
"""

from django.db import migrations

SECTORS = {"economy": "industry"}
TARGET_GROUPS = {"refugees": "migrants", "smes": "entrepreneurs"}
TOURISM_WORDS = ("turizm", "touris")


def _renamed(values, mapping):
    if not isinstance(values, list):
        return []
    return list(dict.fromkeys(mapping.get(v, v) for v in values))


def tags(sectors, target_groups):
    # As kopru.projects.models.project_tags (a migration must not import the model).
    parts = [f"s:{s}" for s in sectors] + [f"t:{g}" for g in target_groups]
    return f" {' '.join(parts)} " if parts else ""


def forward(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    changed = []
    fields = ("pk", "sectors", "target_groups", "tags", "search_document")
    for project in Project._base_manager.only(*fields).iterator(chunk_size=2000):
        sectors = _renamed(project.sectors, SECTORS)
        if "culture" in sectors and "tourism" not in sectors:
            document = (project.search_document or "").casefold()
            if any(word in document for word in TOURISM_WORDS):
                sectors.append("tourism")
        groups = _renamed(project.target_groups, TARGET_GROUPS)
        if (sectors, groups) != (project.sectors, project.target_groups):
            project.sectors, project.target_groups = sectors, groups
            project.tags = tags(sectors, groups)
            changed.append(project)
    Project._base_manager.bulk_update(changed, ["sectors", "target_groups", "tags"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_fulltext")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
