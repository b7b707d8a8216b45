"""Panel lists: sort state in the URL with aria-sort, page size, first/last, count in words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from kopru.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r"Çevre projesi (\w+)", html)


def test_a_column_sorts_both_ways_and_says_so(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    for name, year in (("Çınar", 2024), ("Ayva", 2026), ("Zeytin", 2025)):
        ProjectFactory(
            office=balikesir, title_tr=f"Çevre projesi {name}", start_date=dt.date(year, 1, 1)
        )
    client = client_for(balikesir_expert)
    page = client.get("/balikesir/panel/projeler/").content.decode()
    assert _titles(page) == ["Ayva", "Çınar", "Zeytin"]  # Turkish order: Ç after C
    assert re.search(r'<th scope="col" aria-sort="ascending"><a [^>]*href="\?sort=-title"', page)
    assert 'aria-sort="none"><a class="kopru-sort' in page
    page = client.get("/balikesir/panel/projeler/?sort=-start").content.decode()
    assert _titles(page) == ["Ayva", "Zeytin", "Çınar"]
    assert re.search(r'aria-sort="descending"><a [^>]*href="\?sort=start"', page)


def test_bad_sort_or_size_is_a_400(client_for: Any, balikesir: Any, balikesir_expert: Any) -> None:
    client = client_for(balikesir_expert)
    assert client.get("/balikesir/panel/projeler/?sort=password").status_code == 400
    assert client.get("/balikesir/panel/projeler/?size=1000").status_code == 400
    assert client.get("/balikesir/panel/projeler/?size=abc").status_code == 400
    assert client.get("/balikesir/panel/projeler/?page=abc").status_code == 200


def test_pages_have_first_last_jump_size_and_a_count_in_words(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    ProjectFactory.create_batch(23, office=balikesir)
    client = client_for(balikesir_expert)
    page = client.get("/balikesir/panel/projeler/?size=10&page=2").content.decode()
    assert "23 kayıttan 11–20 arası" in page
    assert 'aria-label="İlk sayfa"' in page and 'aria-label="Son sayfa"' in page
    assert 'href="?size=10&amp;page=3"' in page  # the last page keeps the size
    assert re.search(r'<input[^>]*name="page"[^>]*max="3"', page)
    assert re.search(r'<option value="10" selected>', page)
    english = client.get("/en/balikesir/panel/projeler/?size=10").content.decode()
    assert "1–10 of 23 records" in english or "23 records" in english


def test_on_a_phone_the_filters_open_from_a_button_above_the_results(
    client: Any, balikesir: Any
) -> None:
    from kopru.calls.tests.factories import CallFactory

    CallFactory(office=balikesir)
    for url, target in (
        ("/balikesir/cagrilar/", "call-facets"),
        ("/balikesir/veri-bankasi/", "project-facets-public"),
    ):
        html = client.get(url).content.decode()
        button = html.index(f'data-bs-target="#{target}"')
        filters = html.index(f'id="{target}"')
        assert button < filters, url
        assert re.search(rf'class="[^"]*collapse d-lg-block"[^>]*id="{target}"', html) or re.search(
            rf'id="{target}"[^>]*class="[^"]*collapse d-lg-block', html
        ), url
        assert 'aria-controls="' + target + '"' in html


PANEL_LISTS = (
    ("panel:calls:list", "kopru.calls.selectors", "PANEL_SORTS"),
    ("panel:partners:list", "kopru.partners.selectors", "POST_SORTS"),
    ("panel:news:list", "kopru.news.selectors", "PANEL_SORTS"),
    ("panel:stories:list", "kopru.stories.selectors", "PANEL_SORTS"),
    ("panel:youth:list", "kopru.youth.selectors", "PANEL_SORTS"),
    ("panel:decisions:list", "kopru.decisions.selectors", "PANEL_SORTS"),
    ("panel:consultations:list", "kopru.consultations.selectors", "PANEL_SORTS"),
    ("panel:projects:list", "kopru.projects.selectors", "PROJECT_SORTS"),
    ("panel:boards:list", "kopru.boards.selectors", "BODY_SORTS"),
    ("panel:annualreports:list", "kopru.annualreports.selectors", "REPORT_SORTS"),
)


@pytest.mark.parametrize(("route", "module", "name"), PANEL_LISTS)
def test_every_panel_list_sorts_by_each_column_and_refuses_a_bad_sort(
    client_for: Any, balikesir: Any, balikesir_coordinator: Any, route: str, module: str, name: str
) -> None:
    import importlib

    from django.urls import reverse

    sorts = getattr(importlib.import_module(module), name)
    if route == "panel:annualreports:list":  # an empty list shows a sentence, not a table
        from kopru.annualreports.tests.factories import AnnualReportFactory

        AnnualReportFactory(office=balikesir)
    url = reverse(route, kwargs={"office_slug": balikesir.slug})
    client = client_for(balikesir_coordinator)
    headers = 0
    for key in sorts:
        for value in (key, f"-{key}"):
            response = client.get(url, {"sort": value})
            assert response.status_code == 200, (url, value)
            html = response.content.decode()
            headers = max(headers, html.count('aria-sort="'))
            if f'href="?sort={"-" if not value.startswith("-") else ""}{key}' in html:
                assert re.search(r'aria-sort="(ascending|descending)"', html), (url, value)
    assert headers >= 2, url  # the table's headers are sortable links
    assert client.get(url, {"sort": "pk;drop"}).status_code == 400
    assert client.get(url, {"size": "9999"}).status_code == 400
