"""Turning the national rows into what the map, the table and the export show."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .choropleth import Area, Bin, make_bins, render_map
from .selectors import Measure, ProvinceRow
from .sources import NationalIndicator, Number


def decimals_for(indicator: NationalIndicator, measure: Measure) -> int:
    return 1 if measure == "per100k" else indicator.decimals


def fmt(value: Number | None, decimals: int = 0) -> str:
    if value is None:
        return _("ofis yok")
    if decimals == 0 and isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def office_url(row: ProvinceRow) -> str | None:
    if row.office is None:
        return None
    return reverse("national:national:office", kwargs={"slug": row.office.slug})


def choropleth(
    rows: Sequence[ProvinceRow], indicator: NationalIndicator, measure: Measure, *, title: str
) -> tuple[str, list[Bin]]:
    """The map's SVG and its bins (for the legend)."""
    decimals = decimals_for(indicator, measure)
    bins = make_bins([r.value for r in rows if r.value is not None], fmt=lambda v: fmt(v, decimals))
    areas = [
        Area(
            plate=r.province.plate,
            name=r.province.name,
            value=r.value,
            display=fmt(r.value, decimals),
            url=office_url(r),
        )
        for r in rows
    ]
    return render_map(areas, bins, title=title), bins
