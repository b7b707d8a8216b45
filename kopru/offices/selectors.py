from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet

from kopru.accounts.models import Role, User
from kopru.core.registry import HomeSection, registry
from kopru.organisations.models import Organisation

from .models import Office


def office_list() -> QuerySet[Office]:
    return Office.objects.filter(is_active=True).select_related("province")


def office_staff(office: Office) -> QuerySet[User]:
    return User.objects.filter(
        office=office, is_active=True, role__in=[Role.COORDINATOR, Role.EXPERT]
    ).order_by("role", "last_name", "first_name")


def office_user_counts() -> dict[int, dict[str, int]]:
    """Per office: number of coordinators, experts and institution members."""
    rows = (
        User.objects.filter(is_active=True, office__isnull=False)
        .values("office_id")
        .annotate(
            coordinators=Count("id", filter=Q(role=Role.COORDINATOR)),
            experts=Count("id", filter=Q(role=Role.EXPERT)),
            members=Count("id", filter=Q(role=Role.INSTITUTION_MEMBER)),
        )
    )
    return {r["office_id"]: r for r in rows}


def national_overview() -> list[dict[str, Any]]:
    """One row per office with its people and organisations (caller is unscoped)."""
    users = office_user_counts()
    orgs = dict(
        Organisation.objects.values("office_id")
        .annotate(n=Count("id"))
        .values_list("office_id", "n")
    )
    return [
        {
            "office": office,
            "users": users.get(office.pk, {"coordinators": 0, "experts": 0, "members": 0}),
            "organisations": orgs.get(office.pk, 0),
        }
        for office in office_list()
    ]


def active_office(slug: str) -> Office | None:
    """The active office with ``slug`` (every request that names an office asks this)."""
    return Office.objects.select_related("province").filter(slug=slug, is_active=True).first()


@dataclass
class HomeBlock:
    """A block of the office's public home as the staff arranged it."""

    key: str
    label: str
    section: HomeSection
    shown: bool
    featured: list[int]


def home_block_label(section: HomeSection) -> str:
    """The block's name in the panel: its own label, else its app's name."""
    if section.label:
        return str(section.label)
    try:
        return str(apps.get_app_config(section.section_key).verbose_name)
    except LookupError:
        return section.section_key


def home_layout(office: Office) -> list[HomeBlock]:
    """Every declared home block in the order the staff chose (``Office.home_layout``);
    a block they have not arranged yet (none at first, or an app added later) follows,
    shown, in its declared order."""
    declared = {s.section_key: s for s in registry.home_sections}
    blocks: list[HomeBlock] = []
    for row in office.home_layout or []:
        key = row.get("key") if isinstance(row, dict) else None
        if key in declared and key not in {b.key for b in blocks}:
            section = declared[key]
            blocks.append(
                HomeBlock(
                    key=key,
                    label=home_block_label(section),
                    section=section,
                    shown=bool(row.get("shown", True)),
                    featured=office.home_featured(key) if section.featurable else [],
                )
            )
    arranged = {b.key for b in blocks}
    blocks += [
        HomeBlock(key=key, label=home_block_label(s), section=s, shown=True, featured=[])
        for key, s in declared.items()
        if key not in arranged
    ]
    return blocks
