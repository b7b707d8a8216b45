"""National administrators' pages (``/ulusal/``; the middleware lets only them in and
opens every office's records)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.spreadsheets import workbook_bytes
from kopru.offices import selectors as office_selectors
from kopru.offices.models import Office
from kopru.statistics.charts import Chart, Series
from kopru.statistics.indicators import AREAS, compute, compute_by_office
from kopru.statistics.periods import Period

from .. import selectors
from ..forms import MapForm
from ..mapdata import OSM_ATTRIBUTION, OSM_COPYRIGHT_URL, population
from ..presentation import breakdown_keys, choropleth, decimals_for, fmt, row_value
from ..sources import NationalIndicator, indicators

TREND_YEARS = 8


def _title(indicator: NationalIndicator, year: int, measure: str) -> str:
    parts = [str(indicator.label)]
    if measure == "per100k":
        parts.append(_("100.000 kişi başına"))
    parts.append(str(year))
    return " · ".join(parts)


def _base_context(form: MapForm) -> dict[str, Any]:
    return {
        "form": form,
        "population": population(),
        "osm_attribution": OSM_ATTRIBUTION,
        "osm_url": OSM_COPYRIGHT_URL,
    }


def overview(request: HttpRequest) -> HttpResponse:
    """Every province on a map and in a ranked table, for one indicator, year and measure."""
    form = MapForm.from_query(request.GET)
    context = _base_context(form)
    if not form.is_valid():
        return render(request, "national/overview.html", context, status=400)
    indicator, year, measure = form.chosen()
    rows = selectors.province_rows(indicator, year=year, measure=measure)
    title = _title(indicator, year, measure)
    query = f"indicator={indicator.name}&year={year}"
    svg, bins = choropleth(rows, indicator, measure, title=title, query=query)
    people = {r["office"].pk: r for r in office_selectors.national_overview()}
    decimals = decimals_for(indicator, measure)
    context.update(
        indicator=indicator,
        year=year,
        measure=measure,
        title=title,
        svg=svg,
        bins=bins,
        rows=[_row(r, people, indicator) for r in rows],
        offices=sum(1 for r in rows if r.office is not None),
        stale=sum(1 for r in rows if r.stale),
        decimals=decimals,
        query=request.GET.urlencode(),
        trend_query=query,
    )
    return render(request, "national/overview.html", context)


def _row(
    row: selectors.ProvinceRow, people: dict[int, Any], indicator: NationalIndicator
) -> dict[str, Any]:
    return {
        "row": row,
        "raw": fmt(row.raw, indicator.decimals),
        "per100k": fmt(row.per100k, 1) if row.per100k is not None else "–",
        "people": people.get(row.office.pk) if row.office else None,
    }


def _trend_years(year: int) -> list[int]:
    return list(range(year - TREND_YEARS + 1, year + 1))


def trend(request: HttpRequest) -> HttpResponse:
    """The whole country's figure for the indicator over the years up to the one chosen
    (loaded into the overview by htmx; a page of its own without script)."""
    form = MapForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "national/overview.html", _base_context(form), status=400)
    indicator, year, _measure = form.chosen()
    years = _trend_years(year)
    chart = Chart(
        id="national-trend",
        kind="line",
        title=_("%(indicator)s, tüm ülke, %(first)s–%(last)s")
        % {"indicator": indicator.label, "first": years[0], "last": years[-1]},
        labels=[str(y) for y in years],
        series=[Series(_("Tüm ülke"), [indicator.national(y) for y in years])],
        unit=str(indicator.unit),
        label_heading=_("Yıl"),
        decimals=indicator.decimals,
    )
    template = "national/_trend.html" if getattr(request, "htmx", False) else "national/trend.html"
    return render(request, template, {"chart": chart, "indicator": indicator, "year": year})


def office_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One office: every indicator for the year with its rank among the offices, and the
    chosen indicator's trend."""
    office = Office.objects.select_related("province").filter(slug=slug, is_active=True).first()
    if office is None:
        raise Http404("office")
    form = MapForm.from_query(request.GET)
    if not form.is_valid():
        context = {**_base_context(form), "office": office}
        return render(request, "national/office.html", context, status=400)
    chosen, year, _measure = form.chosen()
    catalogue = indicators()
    active = list(Office.objects.filter(is_active=True).values_list("pk", flat=True))
    everyone = compute_by_office(list(catalogue), period=Period.year(year), office_ids=active)
    inhabitants = population().by_plate.get(office.province.plate)
    areas: dict[str, list[dict[str, Any]]] = {}
    for name, indicator in catalogue.items():
        mine = everyone[office.pk][name].total
        defined = [t for t in (values[name].total for values in everyone.values()) if t is not None]
        higher = sum(1 for t in defined if mine is not None and t > mine)
        counted = len(defined)
        keys, more = breakdown_keys(everyone[office.pk][name]) if indicator.breakdown else ([], 0)
        rows = []
        for key, label in keys:
            own = row_value(everyone[office.pk][name], key)
            others = [row_value(values[name], key) for values in everyone.values()]
            rows.append(
                {
                    "key": key,
                    "label": label,
                    "raw": fmt(own),
                    "per100k": fmt(selectors.per_100k(own, inhabitants), 1)
                    if indicator.per_capita
                    else "",
                    "rank": 1 + sum(1 for t in others if t > own),
                    "of": len(others),
                }
            )
        areas.setdefault(indicator.area, []).append(
            {
                "indicator": indicator,
                "raw": fmt(mine, indicator.decimals),
                "per100k": fmt(selectors.per_100k(mine, inhabitants), 1)
                if indicator.per_capita and mine is not None
                else "",
                "rank": higher + 1 if mine is not None else None,
                "of": counted,
                "rows": rows,
                "more": more,
            }
        )
    years = _trend_years(year)
    chart = Chart(
        id="office-trend",
        kind="line",
        title=_("%(indicator)s, %(province)s, %(first)s–%(last)s")
        % {
            "indicator": chosen.label,
            "province": office.province.name,
            "first": years[0],
            "last": years[-1],
        },
        labels=[str(y) for y in years],
        series=[
            Series(
                office.province.name,
                [
                    compute([chosen.name], office=office, period=Period.year(y))[chosen.name].total
                    for y in years
                ],
            )
        ],
        unit=str(chosen.unit),
        label_heading=_("Yıl"),
        decimals=chosen.decimals,
    )
    last = selectors.last_changes().get(office.pk)
    return render(
        request,
        "national/office.html",
        {
            **_base_context(form),
            "office": office,
            "year": year,
            "chosen": chosen,
            "areas": [(AREAS[a], items) for a, items in areas.items()],
            "chart": chart,
            "last_change": last,
            "stale": selectors.is_stale(last),
            "inhabitants": inhabitants,
        },
    )


def export(request: HttpRequest) -> HttpResponse:
    """The table of the map as XLSX (every cell neutralised)."""
    form = MapForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "national/overview.html", _base_context(form), status=400)
    indicator, year, measure = form.chosen()
    rows = selectors.province_rows(indicator, year=year, measure=measure)
    headers = [
        _("Sıra"),
        _("İl"),
        _("Plaka"),
        _("Ofis"),
        str(indicator.label),
        _("100.000 kişi başına"),
        _("Nüfus (TÜİK ADNKS %(year)s)") % {"year": population().year},
        _("Son veri değişikliği"),
        _("90 gündür değişmedi"),
    ]
    data = [
        [
            r.rank,
            r.province.name,
            r.province.plate,
            r.office.name if r.office else _("ofis yok"),
            r.raw,
            r.per100k,
            r.population,
            r.last_change,
            (_("evet") if r.stale else _("hayır")) if r.office else "",
        ]
        for r in rows
    ]
    notes: list[list[object]] = [
        [_("Gösterge"), str(indicator.label)],
        [_("Tanım"), str(indicator.definition)],
        [_("Birim"), str(indicator.unit)],
        [_("Yıl"), year],
        [_("Gösterim"), _("100.000 kişi başına") if measure == "per100k" else _("Sayı")],
        [_("Nüfus kaynağı"), population().source],
        [_("Oluşturulma"), timezone.now()],
    ]
    content = workbook_bytes(
        [
            (_("İller"), headers, data),
            (_("Notlar"), [_("Alan"), _title(indicator, year, measure)], notes),
        ]  # type: ignore[list-item]
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"ulusal-{indicator.name}-{year}-{measure}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
