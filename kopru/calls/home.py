"""What the calls catalogue adds to the office home page and the panel home."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kopru.core.scoping import office_scope, public_scope

from .selectors import catalogue_base, order, panel_counts, with_list_relations


def home_context(request: Any, office: Any) -> dict[str, Any]:
    """The office's next five deadlines (public scope)."""
    with public_scope(None):
        calls = list(
            with_list_relations(order(catalogue_base(office), "deadline")).filter(
                next_deadline__isnull=False
            )[:5]
        )
    return {"calls_home": calls}


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    with office_scope(office):
        counts = panel_counts(office)
    return [
        (_("Yayındaki çağrılar"), counts["published"]),
        (_("İncelenecek taslak çağrılar"), counts["drafts"]),
        (_("14 gün içinde kapanan çağrılar"), counts["closing"]),
    ]
