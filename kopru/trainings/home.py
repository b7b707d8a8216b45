"""What trainings add to the panel home."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .selectors import trainees_since


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    first, people = trainees_since()
    label = (
        _("%(year)s yılından bu yana eğitim alan kişi") % {"year": first}
        if first
        else _("Eğitim alan kişi")
    )
    return [(label, people)]
