"""What the guidance desk adds to the panel home."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import OPEN_STATUSES, Case


def panel_figures(office: Any) -> list[tuple[Any, Any]]:
    return [(_("Açık danışma talebi"), Case.objects.filter(status__in=OPEN_STATUSES).count())]
