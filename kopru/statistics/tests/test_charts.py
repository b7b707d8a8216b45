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
