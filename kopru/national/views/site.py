"""The public national statistics page (``/ulusal-istatistikler/``): the whole country's
figures for a year beside the year before, and one indicator on the province map.

Only aggregates are shown (the statistics app's indicators, the same numbers as every
office's own pages); nobody's record is listed. Each province with an office links to
that office's public site.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kopru.statistics.indicators import AREAS, compute
from kopru.statistics.periods import Period

from .. import selectors
from ..forms import MapForm
from ..mapdata import OSM_ATTRIBUTION, OSM_COPYRIGHT_URL, population
from ..presentation import breakdown_keys, choropleth, fmt, public_office_url, row_value
from ..sources import indicators


def national_statistics(request: HttpRequest) -> HttpResponse:
    form = MapForm.from_query(request.GET)
    context: dict[str, object] = {
        "form": form,
        "population": population(),
        "osm_attribution": OSM_ATTRIBUTION,
        "osm_url": OSM_COPYRIGHT_URL,
    }
    if not form.is_valid():
        return render(request, "national/public.html", context, status=400)
    indicator, year, measure = form.chosen()
    catalogue = indicators()
    now = compute(list(catalogue), period=Period.year(year))
    before = compute(list(catalogue), period=Period.year(year - 1))
    areas: dict[str, list[dict[str, object]]] = {}
    for name, ind in catalogue.items():
        keys, more = breakdown_keys(now[name], before[name]) if ind.breakdown else ([], 0)
        areas.setdefault(ind.area, []).append(
            {
                "indicator": ind,
                "now": fmt(now[name].total, ind.decimals),
                "before": fmt(before[name].total, ind.decimals),
                # each row of a breakdown with its own figures (rows count records)
                "rows": [
                    {
                        "key": key,
                        "label": label,
                        "now": fmt(row_value(now[name], key)),
                        "before": fmt(row_value(before[name], key)),
                    }
                    for key, label in keys
                ],
                "more": more,
            }
        )
    rows = selectors.province_rows(indicator, year=year, measure=measure)
    title = " · ".join(
        [
            str(indicator.label),
            *([_("100.000 kişi başına")] if measure == "per100k" else []),
            str(year),
        ]
    )
    svg, bins = choropleth(rows, indicator, measure, title=title, link=public_office_url)
    context.update(
        indicator=indicator,
        year=year,
        measure=measure,
        title=title,
        svg=svg,
        bins=bins,
        areas=[(AREAS[a], items) for a, items in areas.items()],
        offices=sum(1 for r in rows if r.office is not None),
    )
    return render(request, "national/public.html", context)
