"""What the youth opportunities add to other pages: the office home's block and the
panel figures (with the young people reached)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Opportunity, PublicationState


def home_context(request: Any, office: Any) -> dict[str, Any]:
    return {"opportunities": selectors.upcoming_deadlines(limit=4)}


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    reached = selectors.young_people_reached()
    return [
        (
            _("Yayımlanan gençlik fırsatı"),
            Opportunity.objects.filter(state=PublicationState.PUBLISHED).count(),
        ),
        (_("Ulaşılan genç (Eurodesk)"), reached["reached"]),
    ]
