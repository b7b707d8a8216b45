"""National administrators' pages (``/ulusal/``; the middleware lets only them in and
opens every office's records)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.spreadsheets import workbook_bytes
from kopru.offices import selectors as office_selectors
from kopru.offices.models import Office

from .. import selectors
from ..forms import MapForm
from ..mapdata import OSM_ATTRIBUTION, OSM_COPYRIGHT_URL, population
from ..presentation import choropleth, decimals_for, fmt
from ..sources import indicators


def _title(indicator_label: str, year: int | None, measure: str) -> str:
    parts = [indicator_label]
    if measure == "per100k":
        parts.append(_("100.000 kişi başına"))
    if year is not None:
        parts.append(str(year))
    return " · ".join(parts)


def overview(request: HttpRequest) -> HttpResponse:
    """Every province on a map and in a ranked table, for one indicator, year and measure."""
    form = MapForm.from_query(request.GET)
    context: dict[str, object] = {
        "form": form,
        "population": population(),
        "osm_attribution": OSM_ATTRIBUTION,
        "osm_url": OSM_COPYRIGHT_URL,
    }
    if not form.is_valid():
        return render(request, "national/overview.html", context, status=400)
    indicator, year, measure = form.chosen()
    rows = selectors.province_rows(indicator, year=year, measure=measure)  # type: ignore[arg-type]
    title = _title(str(indicator.label), year, measure)
    svg, bins = choropleth(rows, indicator, measure, title=title)  # type: ignore[arg-type]
    people = {r["office"].pk: r for r in office_selectors.national_overview()}
    context.update(
        indicator=indicator,
        year=year,
        measure=measure,
        title=title,
        svg=svg,
        bins=bins,
        rows=[_row(r, people, decimals_for(indicator, measure)) for r in rows],  # type: ignore[arg-type]
        offices=sum(1 for r in rows if r.office is not None),
        stale=sum(1 for r in rows if r.stale),
        query=request.GET.urlencode(),
    )
    return render(request, "national/overview.html", context)


def _row(row: selectors.ProvinceRow, people: dict, decimals: int) -> dict[str, object]:
    return {
        "row": row,
        "raw": fmt(row.raw, 0 if decimals == 1 else decimals),
        "per100k": fmt(row.per100k, 1) if row.per100k is not None else "",
        "value": fmt(row.value, decimals),
        "people": people.get(row.office.pk) if row.office else None,
    }


def office_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One office: every indicator for the year, with its rank among the offices."""
    office = Office.objects.select_related("province").filter(slug=slug, is_active=True).first()
    if office is None:
        raise Http404("office")
    form = MapForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "national/office.html", {"form": form, "office": office}, status=400)
    _indicator, year, _measure = form.chosen()
    year = form.cleaned_data["year"]
    figures = []
    for indicator in indicators().values():
        rows = selectors.province_rows(
            indicator, year=year if indicator.yearly else None, measure="raw"
        )
        mine = next(r for r in rows if r.office is not None and r.office.pk == office.pk)
        figures.append(
            {
                "indicator": indicator,
                "raw": fmt(mine.raw, indicator.decimals),
                "per100k": fmt(mine.per100k, 1) if indicator.per_capita else "",
                "rank": mine.rank,
                "of": sum(1 for r in rows if r.rank is not None),
            }
        )
    last = selectors.last_changes().get(office.pk)
    return render(
        request,
        "national/office.html",
        {
            "form": form,
            "office": office,
            "year": year,
            "figures": figures,
            "last_change": last,
            "stale": selectors.is_stale(last),
            "population": population(),
            "inhabitants": population().by_plate.get(office.province.plate),
        },
    )


def export(request: HttpRequest) -> HttpResponse:
    """The table of the map as XLSX (every cell neutralised)."""
    form = MapForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "national/overview.html", {"form": form}, status=400)
    indicator, year, measure = form.chosen()
    rows = selectors.province_rows(indicator, year=year, measure=measure)  # type: ignore[arg-type]
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
    title = _title(str(indicator.label), year, measure)
    notes: list[list[object]] = [
        [_("Gösterge"), str(indicator.label)],
        [_("Yıl"), year if year is not None else _("bugün")],
        [_("Nüfus kaynağı"), population().source],
        [_("Oluşturulma"), timezone.now()],
    ]
    content = workbook_bytes(
        [(_("İller"), headers, data), (_("Notlar"), [_("Alan"), title], notes)]  # type: ignore[list-item]
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"ulusal-{indicator.name}-{year or 'bugun'}-{measure}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
