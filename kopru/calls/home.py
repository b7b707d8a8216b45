"""What the calls catalogue adds to the office home page and the panel home."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kopru.core.scoping import office_scope

from .selectors import SearchParams, catalogue_calls, panel_counts


def home_context(request: Any, office: Any) -> dict[str, Any]:
    """The office's next five deadlines (the catalogue's calls with a deadline to come)."""
    upcoming = SearchParams(filters={"deadline": ["90", "later"]})
    return {"calls_home": catalogue_calls(office, upcoming, limit=5, relations=True)}


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    with office_scope(office):
        counts = panel_counts(office)
    return [
        (_("Yayındaki çağrılar"), counts["published"]),
        (_("İncelenecek taslak çağrılar"), counts["drafts"]),
        (_("14 gün içinde kapanan çağrılar"), counts["closing"]),
    ]
