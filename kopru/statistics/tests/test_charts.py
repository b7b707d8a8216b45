"""Server-made SVG charts: well-formed, accessible, CSP-safe, the same in a PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import weasyprint
from django.template import Context, Template
from django.utils import translation

from kopru.statistics.charts import Chart, Series, fmt, render, render_svg, render_table

SVG = "{http://www.w3.org/2000/svg}"


def chart(kind: str, **kwargs: object) -> Chart:
    defaults: dict[str, object] = {
        "id": f"c-{kind}",
        "kind": kind,
        "title": "Aşamaya göre projeler <2025>",
        "labels": ["Fikir", "Başvuruldu & beklemede", "Kabul edildi"],
        "series": [Series("2025", [4, 1690, None]), Series("2024", [2, 5, 1])],
    }
    defaults.update(kwargs)
    return Chart(**defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["bar", "hbar", "line", "donut", "stacked"])
def test_every_kind_is_well_formed_accessible_svg(kind: str) -> None:
    svg = str(render_svg(chart(kind)))
    root = ET.fromstring(svg)  # escaped text: "<2025>" and "&" do not break it
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"c-{kind}-title c-{kind}-desc"
    assert root.find(f"{SVG}title").text == "Aşamaya göre projeler <2025>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc") is not None
    assert "style=" not in svg and "<script" not in svg
    shapes = root.iter(f"{SVG}rect") if kind != "donut" else root.iter(f"{SVG}path")
    assert any(True for _ in shapes)


def test_drill_down_links_make_the_chart_a_group_of_labelled_links() -> None:
    c = chart("bar", links=["/a/?stage=idea", None, "/a/?stage=approved&x=1"])
    svg = str(render_svg(c))
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/a/?stage=idea"]  # no bar for a None value
    assert links[0].get("aria-label") == "Fikir: 4"
    table = str(render_table(c))
    assert '<a href="/a/?stage=approved&amp;x=1">Kabul edildi</a>' in table


def test_the_table_holds_every_value_in_the_pages_language() -> None:
    c = chart("bar")
    with translation.override("tr"):
        table = str(render_table(c))
        assert "1.690" in table and "—" in table
    with translation.override("en"):
        assert "1,690" in str(render_table(c))
    assert fmt(None) == "—"


def test_empty_chart_says_so() -> None:
    svg = str(render_svg(chart("bar", series=[Series("2025", [0, 0, 0])])))
    assert "Bu dönem için veri yok." in svg


def test_figure_and_template_tag() -> None:
    c = chart("donut")
    html = Template("{% load kopru_charts %}{% chart c %}").render(Context({"c": c}))
    assert html == str(render(c))
    assert "<details" in html and "<svg" in html and "%" in html
    assert "<details" not in str(render(c, table="open"))
    assert "<table" not in str(render(c, table="none"))


def test_weasyprint_draws_the_chart() -> None:
    html = f"<html><body>{render(chart('bar'), table='open')}</body></html>"
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_figures_round_half_up_rather_than_cut() -> None:
    with translation.override("tr"):
        assert fmt(200 / 3, 1) == "66,7"  # Django's number_format alone would say 66,6
        assert fmt(1234567.5) == "1.234.568"
    with translation.override("en"):
        assert fmt(25.58, 1) == "25.6"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("tr", ["500 bin", "1 mn", "1,5 mn", "2 mn"]), ("en", ["500k", "1M", "1.5M", "2M"])],
)
@pytest.mark.parametrize("kind", ["line", "bar"])
def test_large_axis_values_are_abbreviated_in_the_pages_language_and_fit(
    lang: str, expected: list[str], kind: str
) -> None:
    big = chart(
        kind,
        labels=["2021", "2022", "2023", "2024"],
        series=[Series("EUR", [250_000, 900_000, 1_400_000, 1_960_000])],
    )
    with translation.override(lang):
        root = ET.fromstring(str(render_svg(big)))
    texts = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    labels = [t.text for t in texts]
    for label in expected:
        assert label in labels
    # Every axis label ends 6 px left of the plot and has room inside the picture: at
    # about 7.5 px a character, its start is at or right of x = 0.
    for t in texts:
        assert float(t.get("x") or 0) - 7.5 * len(t.text or "") >= 0


def test_thousands_below_ten_thousand_keep_their_separator() -> None:
    small = chart("line", labels=["a", "b", "c"], series=[Series("n", [1200, 4000, 7400])])
    with translation.override("tr"):
        svg = str(render_svg(small))
    assert ">2.500<" in svg and ">7.500<" in svg and ">10 bin<" in svg


def test_large_bar_figures_are_short_and_exact_in_the_title_and_table() -> None:
    big = chart("bar", labels=["a", "b"], series=[Series("EUR", [1_960_000, 12_345_678])])
    with translation.override("tr"):
        svg = str(render_svg(big))
        table = str(render_table(big))
    assert ">1,96 mn<" in svg and ">12,3 mn<" in svg
    assert "12.345.678" in svg  # the bar's title
    assert "12.345.678" in table
