"""The choropleth of Türkiye's 81 provinces, drawn on the server as SVG.

No script and no ``style`` attribute (the page's CSP refuses both, and WeasyPrint runs
no JavaScript): colours are SVG presentation attributes (``fill``) and every shape has a
class naming its bin, so the legend, the stylesheet and the tests speak of the same
bins. A province with an office is a link (its accessible name is the province and its
value) to that office's page; a province without an office is hatched and says "ofis
yok" — never a zero. The data table beside the map carries the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .mapdata import OSM_ATTRIBUTION, province_map

# ColorBrewer "Blues" (sequential, colour-blind safe, prints in grey)
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
ZERO_FILL = "#ffffff"
NO_DATA_FILL = "#dee2e6"
HATCH_ID = "tr-map-no-office"
STROKE = "#6c757d"

Number = int | float | Decimal


@dataclass(frozen=True)
class Bin:
    css_class: str
    fill: str
    lower: Number | None  # None: the bin of zero, or of provinces without an office
    upper: Number | None
    label: str


@dataclass(frozen=True)
class Area:
    """One province on the map: ``value`` is None when the province has no office."""

    plate: str
    name: str
    value: Number | None  # None: no office, or no value (a rate with nothing to divide)
    display: str  # the value as the page writes it ("12,3", "ofis yok", "tanımsız")
    url: str | None = None
    has_office: bool = True


def no_office_bin() -> Bin:
    return Bin("map-no-office", f"url(#{HATCH_ID})", None, None, _("ofis yok"))


def no_data_bin() -> Bin:
    return Bin("map-no-data", NO_DATA_FILL, None, None, _("tanımsız"))


def zero_bin(display: str = "0") -> Bin:
    return Bin("map-zero", ZERO_FILL, None, None, display)


def make_bins(
    values: Sequence[Number], fmt: Callable[[Number], str] = str, count: int = 5
) -> list[Bin]:
    """Up to ``count`` bins of (about) equal numbers of the positive values (quantiles).

    Zero has a bin of its own (:func:`zero_bin`), so an office with nothing to show is
    told apart from the lowest non-zero fifth. ``fmt`` formats the bounds for labels.
    """
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    distinct = sorted(set(positive))
    if len(distinct) <= count:  # few values: one bin each
        palette = PALETTE[len(PALETTE) - len(distinct) :]
        return [Bin(f"map-bin-{i + 1}", palette[i], v, v, fmt(v)) for i, v in enumerate(distinct)]
    edges: list[Number] = []
    for k in range(1, count):
        edge = positive[min(len(positive) - 1, (k * len(positive)) // count)]
        if edge not in edges and positive[0] != edge != positive[-1]:
            edges.append(edge)
    bounds = [positive[0], *edges, positive[-1]]
    if len(bounds) == 2 and bounds[0] == bounds[1]:
        bounds = [positive[0], positive[0]]
    bins: list[Bin] = []
    n = max(1, len(bounds) - 1)
    palette = PALETTE[len(PALETTE) - n :] if n < len(PALETTE) else PALETTE
    for i in range(n):
        lower, upper = bounds[i], bounds[i + 1]
        label = f"{fmt(lower)} – {fmt(upper)}" if lower != upper else f"{fmt(lower)}"
        bins.append(Bin(f"map-bin-{i + 1}", palette[i], lower, upper, label))
    return bins


def bin_for(bins: Sequence[Bin], value: Number | None, *, has_office: bool = True) -> Bin:
    """The bin of ``value``: lower bounds are exclusive except in the first bin."""
    if not has_office:
        return no_office_bin()
    if value is None:
        return no_data_bin()
    if value <= 0 or not bins:
        return zero_bin()
    for b in bins:
        assert b.upper is not None
        if value <= b.upper:
            return b
    return bins[-1]


def render_map(areas: Sequence[Area], bins: Sequence[Bin], *, title: str) -> SafeString:
    """The SVG of every province in ``areas`` (provinces missing from the map are skipped)."""
    shapes = province_map().shapes
    parts = []
    for area in sorted(areas, key=lambda a: a.plate):
        d = shapes.get(area.plate)
        if d is None:
            continue
        b = bin_for(bins, area.value, has_office=area.has_office)
        text = f"{area.name}: {area.display}"
        if area.url and area.has_office:
            parts.append(
                format_html(
                    '<a href="{}" class="map-link" aria-label="{}"><title>{}</title>'
                    '<path d="{}" class="map-area {}" fill="{}" stroke="{}" stroke-width="1.5"'
                    ' data-plate="{}"/></a>',
                    area.url,
                    text,
                    text,
                    d,
                    b.css_class,
                    b.fill,
                    STROKE,
                    area.plate,
                )
            )
        else:
            parts.append(
                format_html(
                    '<path d="{}" class="map-area {}" fill="{}" stroke="{}" stroke-width="1.5"'
                    ' data-plate="{}" role="img" aria-label="{}"><title>{}</title></path>',
                    d,
                    b.css_class,
                    b.fill,
                    STROKE,
                    area.plate,
                    text,
                    text,
                )
            )
    hatch = format_html(
        '<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="14" height="14"'
        ' patternTransform="rotate(45)"><rect width="14" height="14" fill="#f8f9fa"/>'
        '<line x1="0" y1="0" x2="0" y2="14" stroke="#adb5bd" stroke-width="5"/></pattern></defs>',
        HATCH_ID,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" class="tr-map"'
        ' role="group" aria-label="{}" preserveAspectRatio="xMidYMid meet">{}{}'
        '<text x="1990" y="{}" text-anchor="end" font-size="22" fill="#495057">{}</text></svg>',
        province_map().view_box,
        title,
        hatch,
        format_html_join("", "{}", ((p,) for p in parts)),
        int(province_map().view_box.split()[3]) - 8,
        OSM_ATTRIBUTION,
    )
