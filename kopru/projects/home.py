"""What the project inventory adds to the office home page and the panel summary."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Project, Stage


def home_context(request: Any, office: Any) -> dict[str, Any]:
    """Recently started published projects of the office (public scope)."""
    qs = Project.objects.filter(office=office, is_published=True)
    return {
        "projects_total": qs.count(),
        "projects_recent": list(
            qs.filter(start_date__lte=timezone.localdate())
            .order_by("-start_date", "id")
            .select_related("owner")[:4]
        ),
    }


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    figures = Project.objects.filter(office=office).aggregate(
        total=Count("id"),
        running=Count("id", filter=Q(stage=Stage.IN_IMPLEMENTATION)),
        submitted=Count("id", filter=Q(stage=Stage.SUBMITTED)),
    )
    return [
        (_("Envanterdeki proje"), figures["total"]),
        (_("Uygulanan proje"), figures["running"]),
        (_("Karar bekleyen başvuru"), figures["submitted"]),
    ]
