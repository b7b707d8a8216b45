"""What the national view can show: the statistics app's indicators, per office.

The national view never counts anything itself. Each :class:`NationalIndicator` wraps
one of ``kopru.statistics.indicators.INDICATORS`` and reads its ``total`` for every
office with ``compute_by_office`` (one grouped computation for all offices), the same
computation the office's dashboard runs with ``compute(office=...)``; a test reconciles
the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise

from kopru.statistics.indicators import (
    INDICATORS,
    UNITS,
    Indicator,
    compute,
    compute_by_office,
)
from kopru.statistics.periods import Period

Number = int | float


@dataclass(frozen=True)
class NationalIndicator:
    indicator: Indicator

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def label(self) -> str | Promise:
        return self.indicator.label

    @property
    def definition(self) -> str | Promise:
        return self.indicator.definition

    @property
    def unit(self) -> str | Promise:
        return UNITS[self.indicator.unit]

    @property
    def area(self) -> str:
        return self.indicator.area

    @property
    def breakdown(self) -> str | Promise | None:
        return self.indicator.breakdown

    @property
    def per_capita(self) -> bool:
        """ "Per 100,000 inhabitants" means nothing for a rate or a median."""
        return self.indicator.unit not in ("percent", "hours")

    @property
    def decimals(self) -> int:
        return 1 if self.indicator.unit in ("percent", "hours") else 0

    def per_office(
        self, year: int, office_ids: list[int] | None = None
    ) -> dict[int, Number | None]:
        """``{office_id: total}`` for the year (``None``: undefined, e.g. no decision)."""
        found = compute_by_office([self.name], period=Period.year(year), office_ids=office_ids)
        return {oid: values[self.name].total for oid, values in found.items()}

    def national(self, year: int) -> Number | None:
        """The whole country's figure (a distinct count counts a person once)."""
        return compute([self.name], period=Period.year(year))[self.name].total


@cache
def indicators() -> dict[str, NationalIndicator]:
    """The indicators the national view offers, by name, in the statistics' order."""
    return {name: NationalIndicator(ind) for name, ind in INDICATORS.items()}
