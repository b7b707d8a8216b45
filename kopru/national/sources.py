"""What the national view can show: indicators computed per office.

The national view never counts anything itself. Each :class:`NationalIndicator` names a
computation defined by the app that owns the figure, answering ``{office_id: value}``
for a year (or for "now" when the figure has no period); the office's own pages call the
same computation, so both show the same number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopru.offices import selectors as office_selectors

Number = int | Decimal
PerOffice = Callable[[int | None], dict[int, Number]]


@dataclass(frozen=True)
class NationalIndicator:
    name: str
    label: str | Promise
    unit: str | Promise
    per_office: PerOffice
    yearly: bool = True  # False: a count of what exists now (the year does not apply)
    per_capita: bool = True  # False for rates and medians: "per 100,000" means nothing
    decimals: int = 0


def _organisations(year: int | None) -> dict[int, Number]:
    return {r["office"].pk: r["organisations"] for r in office_selectors.national_overview()}


def _staff(year: int | None) -> dict[int, Number]:
    return {
        r["office"].pk: r["users"]["coordinators"] + r["users"]["experts"]
        for r in office_selectors.national_overview()
    }


def indicators() -> dict[str, NationalIndicator]:
    """The indicators the national view offers, by name, in the order of the picker."""
    items = [
        NationalIndicator(
            "organisations", _("Kayıtlı kurumlar"), _("kurum"), _organisations, yearly=False
        ),
        NationalIndicator("staff", _("Ofis personeli"), _("kişi"), _staff, yearly=False),
    ]
    return {i.name: i for i in items}
