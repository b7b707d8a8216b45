"""The SVG choropleth: bins, the no-office hatch, links with accessible names, no style."""

from __future__ import annotations

import re
from decimal import Decimal

from kopru.national.choropleth import Area, bin_for, make_bins, render_map


def test_bins_are_quantiles_of_the_positive_values_and_zero_is_its_own() -> None:
    bins = make_bins(list(range(0, 101)))
    assert len(bins) == 5
    assert bins[0].lower == 1 and bins[-1].upper == 100
    assert [b.css_class for b in bins] == [f"map-bin-{i}" for i in range(1, 6)]
    assert bin_for(bins, 0).css_class == "map-zero"
    assert bin_for(bins, None, has_office=False).css_class == "map-no-office"
    assert bin_for(bins, 0, has_office=False).css_class == "map-no-office"
    assert bin_for(bins, None).css_class == "map-no-data"
    assert bin_for(bins, 1).css_class == "map-bin-1"
    assert bin_for(bins, 100).css_class == "map-bin-5"
    uppers = [b.upper for b in bins]
    assert uppers == sorted(uppers) and len(set(uppers)) == 5


def test_few_distinct_values_give_few_bins() -> None:
    assert make_bins([0, 0, 0]) == []
    one = make_bins([Decimal("2.5"), Decimal("2.5")])
    assert len(one) == 1 and one[0].label == "2.5"
    two = make_bins([1, 2, 2])
    assert [(b.lower, b.upper) for b in two] == [(1, 1), (2, 2)]
    assert bin_for(two, 2).css_class == "map-bin-2"


def test_the_map_links_offices_and_hatches_provinces_without_one() -> None:
    areas = [
        Area("10", "Balıkesir", 12, "12", url="/ulusal/ofis/balikesir/"),
        Area("35", "İzmir", 0, "0", url="/ulusal/ofis/izmir/"),
        Area("36", "Kars", None, "ofis yok", has_office=False),
    ]
    bins = make_bins([12, 0])
    svg = str(render_map(areas, bins, title="Hibe <2026>"))
    assert svg.startswith("<svg") and svg.count("<path") == 3
    assert 'href="/ulusal/ofis/balikesir/"' in svg and 'aria-label="Balıkesir: 12"' in svg
    assert 'aria-label="İzmir: 0"' in svg and "map-zero" in svg
    kars = re.search(r'<path[^>]*data-plate="36"[^>]*>', svg)
    assert kars and "map-no-office" in kars.group(0) and "url(#tr-map-no-office)" in kars.group(0)
    assert "Kars: ofis yok" in svg and svg.count("<a ") == 2
    assert "style=" not in svg and "<script" not in svg
    assert "Hibe &lt;2026&gt;" in svg  # escaped
    assert "© OpenStreetMap contributors" in svg


def test_figures_are_rounded_not_cut() -> None:
    from kopru.national.presentation import fmt

    assert fmt(Decimal("1.96"), 1) == "2,0"
    assert fmt(Decimal("0.08"), 1) == "0,1"
    assert fmt(95420.64, 1) == "95.420,6"
    assert fmt(1234567, 0) == "1.234.567"
    assert fmt(None) == "tanımsız"
