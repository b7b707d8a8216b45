"""What the stakeholder directory adds to the panel home."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .selectors import team_figures


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    counts = team_figures()
    return [
        (
            _("Proje ekibi kurmuş kamu kurumu"),
            f"{counts['formed']} / {counts['total']}",
        )
    ]
