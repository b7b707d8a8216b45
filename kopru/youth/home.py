"""What the youth opportunities add to other pages: the office home's block and the
panel figures (with the young people reached)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kopru.core.scoping import public_scope

from . import selectors
from .models import Opportunity, PublicationState

HOME_COUNT = 4


def home_context(request: Any, office: Any) -> dict[str, Any]:
    """The opportunities the staff featured (while open), then the nearest deadlines."""
    chosen = office.home_featured("youth")[:HOME_COUNT]
    upcoming = selectors.upcoming_deadlines(limit=HOME_COUNT + len(chosen))
    by_pk = {o.pk: o for o in selectors.upcoming_deadlines(pks=chosen)} if chosen else {}
    picked = [by_pk[pk] for pk in chosen if pk in by_pk]
    rest = [o for o in upcoming if o.pk not in by_pk]
    return {"opportunities": (picked + rest)[:HOME_COUNT]}


def home_candidates(office: Any) -> list[tuple[int, str]]:
    """Published opportunities still open to applications, nearest deadline first."""
    with public_scope(office):
        return [(o.pk, str(o)) for o in selectors.upcoming_deadlines(limit=60)]


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    reached = selectors.young_people_reached()
    return [
        (
            _("Yayımlanan gençlik fırsatı"),
            Opportunity.objects.filter(state=PublicationState.PUBLISHED).count(),
        ),
        (_("Ulaşılan genç (Eurodesk)"), reached["reached"]),
    ]
