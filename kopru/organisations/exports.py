"""The directory exported in its import template's own format (formulas neutralised), so
that staff can export, correct and import again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kopru.core.spreadsheets import workbook_bytes

from .importers.directory import DOC, ORG_COLUMNS, ORGS, TEAM, TEAM_COLUMNS, template_sheets
from .models import Organisation, TeamMember
from .services.imports import district_names


def _cell(obj: Any, field: str) -> Any:
    value = getattr(obj, field)
    if isinstance(value, bool):
        return "evet" if value else "hayır"
    if field == "district":
        return value.name if value else ""
    if field == "languages":
        return ", ".join(value or [])
    if field == "organisation":
        return value.official_id or value.name
    return "" if value is None else value


def export_workbook(organisations: Iterable[Organisation], office: Any) -> bytes:
    orgs = list(organisations)
    members = (
        TeamMember.objects.filter(organisation__in=[o.pk for o in orgs], erased_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name_sort", "-is_contact_point", "name_sort")
    )
    doc = template_sheets(district_names(office))[-1]
    return workbook_bytes(
        [
            (
                ORGS,
                [c.header for c in ORG_COLUMNS],
                [[_cell(o, c.key) for c in ORG_COLUMNS] for o in orgs],
            ),
            (
                TEAM,
                [c.header for c in TEAM_COLUMNS],
                [[_cell(m, c.key) for c in TEAM_COLUMNS] for m in members],
            ),
            (DOC, doc.rows[0], doc.rows[1:]),
        ]
    )
