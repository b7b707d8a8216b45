"""What the statistics app adds to the panel home: this year's two headline figures."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .charts import fmt
from .indicators import compute
from .periods import Period


def panel_figures(office: Any) -> list[tuple[str, str]]:
    values = compute(
        ["funds_grant_eur", "trainees_unique"], office=office, period=Period.current_year()
    )
    return [
        (_("Bu yıl kazanılan hibe (EUR)"), fmt(values["funds_grant_eur"].total)),
        (_("Bu yıl eğitim alan farklı kişi"), fmt(values["trainees_unique"].total)),
    ]
