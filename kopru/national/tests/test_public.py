"""The public national statistics page: the whole country's aggregates, the map."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kopru.projects.models import Stage
from kopru.projects.tests.factories import ProjectFactory
from kopru.statistics.indicators import INDICATORS, compute
from kopru.statistics.periods import Period

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_national_aggregates(client, balikesir, izmir, everything):
    ProjectFactory(office=balikesir, stage=Stage.APPROVED, grant_amount=Decimal("60000"))
    ProjectFactory(office=izmir, stage=Stage.APPROVED, grant_amount=Decimal("90000"))
    response = client.get("/ulusal-istatistikler/?indicator=funds_grant_eur&year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    figures = {f["indicator"].name: f for _a, items in response.context["areas"] for f in items}
    assert set(figures) == set(INDICATORS)
    national = compute(["funds_grant_eur"], period=Period.year(2025))["funds_grant_eur"].total
    assert national == 150000 and figures["funds_grant_eur"]["now"] == "150.000"
    assert figures["funds_grant_eur"]["before"] == "0"
    assert 'href="/balikesir/"' in html and "Kars: ofis yok" in html
    assert "© OpenStreetMap contributors" in html
    assert "/ulusal/ofis/" not in html  # the national administrators' pages are not linked
    english = client.get("/en/ulusal-istatistikler/?indicator=funds_grant_eur&year=2025")
    assert english.status_code == 200 and "no office" in english.content.decode()


def test_bad_input_is_a_400_with_its_reason(client):
    response = client.get("/ulusal-istatistikler/?indicator=nope")
    assert response.status_code == 400
    assert "Böyle bir gösterge yok" in response.content.decode()


def test_the_landing_page_links_the_national_statistics(client, balikesir):
    assert 'href="/ulusal-istatistikler/"' in client.get("/").content.decode()


def test_a_breakdown_lists_each_row_with_its_own_figure(client, balikesir, izmir, everything):
    """Each row of a breakdown (projects by stage) shows its own count, not the total."""
    for stage in (Stage.APPROVED, Stage.APPROVED, Stage.SUBMITTED):
        ProjectFactory(office=balikesir, stage=stage, start_date=dt.date(2025, 5, 1))
    ProjectFactory(office=izmir, stage=Stage.IDEA, start_date=dt.date(2025, 6, 1))
    response = client.get("/ulusal-istatistikler/?indicator=projects_total&year=2025")
    figures = {f["indicator"].name: f for _a, items in response.context["areas"] for f in items}
    by_stage = figures["projects_by_stage"]
    assert by_stage["now"] == "4"
    rows = {r["key"]: (r["now"], r["before"]) for r in by_stage["rows"]}
    assert rows == {"idea": ("1", "0"), "submitted": ("1", "0"), "approved": ("2", "0")}
    html = response.content.decode()
    assert 'data-indicator="projects_by_stage" data-key="approved"' in html
    assert figures["projects_total"]["rows"] == []  # a single number has no rows
