from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kopru.accounts.models import Role, User
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
