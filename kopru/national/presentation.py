"""Turning the national rows into what the map, the table and the export show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kopru.statistics.indicators import Value

from .choropleth import Area, Bin, make_bins, render_map
from .selectors import Measure, ProvinceRow
from .sources import NationalIndicator, Number

# Rows of a breakdown listed under its indicator in the national tables (the rest in
# the open data and on the offices' pages): at national level a breakdown by district
# would list hundreds.
MAX_ROWS = 15


def decimals_for(indicator: NationalIndicator, measure: Measure) -> int:
    return 1 if measure == "per100k" else indicator.decimals


def fmt(value: Number | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return _("tanımsız")
    # Django's number_format cuts digits off; round here (half up, as people do)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def office_url(row: ProvinceRow, query: str = "") -> str | None:
    """The national office page of the row's office (``query``: indicator and year)."""
    if row.office is None:
        return None
    url = reverse("national:national:office", kwargs={"slug": row.office.slug})
    return f"{url}?{query}" if query else url


def public_office_url(row: ProvinceRow, query: str = "") -> str | None:
    """The office's public site (the public national statistics link there)."""
    if row.office is None:
        return None
    return reverse("public:offices:home", kwargs={"office_slug": row.office.slug})


def choropleth(
    rows: Sequence[ProvinceRow],
    indicator: NationalIndicator,
    measure: Measure,
    *,
    title: str,
    link: Callable[[ProvinceRow, str], str | None] = office_url,
    query: str = "",
) -> tuple[str, list[Bin]]:
    """The map's SVG and its bins (for the legend)."""
    decimals = decimals_for(indicator, measure)
    bins = make_bins([r.value for r in rows if r.value is not None], fmt=lambda v: fmt(v, decimals))
    areas = [
        Area(
            plate=r.province.plate,
            name=r.province.name,
            value=r.value,
            display=fmt(r.value, decimals) if r.office else _("ofis yok"),
            url=link(r, query),
            has_office=r.office is not None,
        )
        for r in rows
    ]
    return render_map(areas, bins, title=title), bins


def breakdown_keys(
    *values: Value | None, limit: int = MAX_ROWS
) -> tuple[list[tuple[str, str]], int]:
    """The rows to list under a breakdown indicator: ``[(key, label)]`` in the first
    value's order (then keys only the others have), at most ``limit``, and how many
    were left out. Each row then shows its own figure, never the indicator's total."""
    seen: dict[str, str] = {}
    for value in values:
        for row in value.rows if value is not None else []:
            seen.setdefault(row.key, row.label)
    keys = list(seen.items())
    return keys[:limit], max(0, len(keys) - limit)


def row_value(value: Value | None, key: str) -> Number:
    """A breakdown row's own figure (0 where the row has none)."""
    row = value.row(key) if value is not None else None
    return (row.value or 0) if row is not None else 0
