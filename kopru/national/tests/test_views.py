"""The national view: map and ranked table of the 81 provinces, staleness, office page,
trend, export; only national administrators get in; bad input answers 400 with its
reason; every figure is the statistics app's (reconciled with the office's own)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kopru.core.audit import audit_log
from kopru.core.models import AuditEntry
from kopru.core.tests.factories import OfficeFactory, province
from kopru.national import selectors
from kopru.national.sources import indicators
from kopru.projects.models import Stage
from kopru.projects.tests.factories import ProjectFactory
from kopru.statistics.indicators import INDICATORS, compute
from kopru.statistics.periods import Period
from kopru.statistics.tests.conftest import dataset  # noqa: F401 - the statistics' data set

pytestmark = pytest.mark.django_db

GRANT = "/ulusal/?indicator=funds_grant_eur&year=2025"


@pytest.fixture
def offices(balikesir, izmir, everything):
    ProjectFactory(office=balikesir, stage=Stage.APPROVED, grant_amount=Decimal("30000"))
    ProjectFactory(office=balikesir, stage=Stage.APPROVED, grant_amount=Decimal("30000"))
    ProjectFactory(office=izmir, stage=Stage.APPROVED, grant_amount=Decimal("90000"))
    ProjectFactory(office=izmir, stage=Stage.SUBMITTED, grant_amount=Decimal("500000"))
    return balikesir, izmir


def test_only_national_administrators_see_it(client_for, offices, balikesir_coordinator):
    for path in ("/ulusal/", "/ulusal/egilim/", "/ulusal/ofis/balikesir/", "/ulusal/disa-aktar/"):
        assert client_for(balikesir_coordinator).get(path).status_code == 404


def test_the_map_and_table_show_every_province_ranked(client_for, national_admin, offices):
    response = client_for(national_admin).get(GRANT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="map-area') == 81
    assert 'aria-label="Balıkesir: 60.000"' in html and 'aria-label="İzmir: 90.000"' in html
    assert 'href="/ulusal/ofis/balikesir/?indicator=funds_grant_eur&amp;year=2025"' in html
    assert "Kars: ofis yok" in html and "Kars: 0" not in html
    assert "© OpenStreetMap contributors" in html and "style=" not in html
    rows = response.context["rows"]
    assert [r["row"].province.name for r in rows[:2]] == ["İzmir", "Balıkesir"]
    assert [r["row"].rank for r in rows[:3]] == [1, 2, None]
    assert len(rows) == 81 and sum(1 for r in rows if r["row"].office is None) == 79


def test_per_100000_inhabitants_uses_the_tuik_population(client_for, national_admin, offices):
    response = client_for(national_admin).get(f"{GRANT}&measure=per100k")
    assert response.status_code == 200
    html = response.content.decode()
    # 60,000 / 1,257,590 × 100,000 = 4,771.0 (Balıkesir); 90,000 / 4,462,056 → 2,017.0
    assert 'aria-label="Balıkesir: 4.771,0"' in html and 'aria-label="İzmir: 2.017,0"' in html
    assert "TÜİK" in html
    rows = response.context["rows"]
    assert rows[0]["row"].province.name == "Balıkesir"  # the ranking follows the measure


def test_a_rate_is_never_divided_by_population_and_undefined_is_not_zero(
    client_for, national_admin, offices
):
    url = "/ulusal/?indicator=application_success_rate&year=2025&measure=per100k"
    response = client_for(national_admin).get(url)
    assert response.status_code == 200 and response.context["measure"] == "raw"
    html = response.content.decode()
    assert "map-no-data" in html or "map-bin-1" in html
    assert "Kars: ofis yok" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("indicator=nope", "Böyle bir gösterge yok"),
        ("year=abc", "Yıl"),
        ("year=1800", "Yıl"),
        ("measure=much", "Gösterim"),
    ],
)
def test_bad_input_answers_400_with_its_reason(client_for, national_admin, offices, query, message):
    for path in ("/ulusal/", "/ulusal/egilim/", "/ulusal/disa-aktar/", "/ulusal/ofis/balikesir/"):
        response = client_for(national_admin).get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert message in response.content.decode(), path


def test_offices_whose_data_did_not_change_for_90_days_are_flagged(
    client_for, national_admin, offices, balikesir_coordinator
):
    balikesir, izmir = offices
    old = audit_log(
        actor=balikesir_coordinator, action="projects.project.updated", office=balikesir
    )
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    audit_log(actor="reminders", action="projects.report.reminder_sent", office=balikesir)
    audit_log(actor="import_projects", action="projects.project.imported", office=izmir)
    changes = selectors.last_changes()
    assert changes[balikesir.pk] < timezone.now() - dt.timedelta(days=90)  # not the reminder
    rows = {
        r.province.plate: r
        for r in selectors.province_rows(indicators()["projects_total"], year=2025, measure="raw")
    }
    assert rows["10"].stale and not rows["35"].stale
    assert not rows["36"].stale  # no office: nothing to flag
    html = client_for(national_admin).get(GRANT).content.decode()
    assert html.count("90 gündür değişmedi</span>") == 1


def test_the_office_page_drills_down_to_one_office(client_for, national_admin, offices):
    response = client_for(national_admin).get(
        "/ulusal/ofis/balikesir/?indicator=funds_grant_eur&year=2025"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Balıkesir" in html and "/balikesir/panel/" in html
    figures = {f["indicator"].name: f for _area, items in response.context["areas"] for f in items}
    assert set(figures) == set(INDICATORS)
    assert figures["funds_grant_eur"]["raw"] == "60.000" and figures["funds_grant_eur"]["rank"] == 2
    assert "<svg" in html and "2018" in html and "2025" in html  # the trend
    assert client_for(national_admin).get("/ulusal/ofis/kars/").status_code == 404


def test_the_trend_is_the_whole_country_over_eight_years(client_for, national_admin, offices):
    response = client_for(national_admin).get(
        "/ulusal/egilim/?indicator=funds_grant_eur&year=2025", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart.labels == [str(y) for y in range(2018, 2026)]
    assert chart.series[0].values[-1] == 150000 and chart.series[0].values[0] == 0
    assert "<html" not in response.content.decode()  # a fragment for htmx
    page = client_for(national_admin).get("/ulusal/egilim/?indicator=funds_grant_eur&year=2025")
    assert "<html" in page.content.decode() and "150.000" in page.content.decode()


def test_the_export_is_the_table_with_formulas_neutralised(client_for, national_admin, offices):
    OfficeFactory(province=province("06"), slug="ankara", name_tr="=HYPERLINK(1)")
    response = client_for(national_admin).get(f"/ulusal/disa-aktar/?{GRANT.split('?')[1]}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheets = load_workbook(io.BytesIO(response.content)).worksheets
    rows = list(sheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("Sıra", "İl", "Plaka", "Ofis", "Kazanılan hibe (EUR)")
    assert len(rows) == 82
    by_plate = {r[2]: r for r in rows[1:]}
    assert by_plate["35"][0] == 1 and by_plate["35"][4] == 90000
    assert by_plate["06"][3] == "'=HYPERLINK(1)" and by_plate["06"][4] == 0
    assert by_plate["36"][3] == "ofis yok" and by_plate["36"][4] is None
    notes = dict(r[:2] for r in sheets[1].iter_rows(min_row=2, values_only=True))
    assert "TÜİK" in notes["Nüfus kaynağı"]


def test_every_figure_reconciles_with_the_office_dashboard(dataset, balikesir, izmir):  # noqa: F811
    """The national view's number for an office is the one the office's own pages
    compute (``compute(office=...)``), for every indicator."""
    year = 2025
    for name, indicator in indicators().items():
        rows = selectors.province_rows(indicator, year=year, measure="raw")
        by_plate = {r.province.plate: r for r in rows}
        for office in (balikesir, izmir):
            own = compute([name], office=office, period=Period.year(year))[name].total
            assert by_plate[office.province.plate].raw == own, name
    # the data set gives Balıkesir figures, so the test compares something
    assert compute(["projects_total"], office=balikesir, period=Period.year(year))[
        "projects_total"
    ].total


def test_the_office_page_gives_each_breakdown_row_its_own_figure_and_rank(
    client_for, national_admin, offices
):
    balikesir, izmir = offices
    ProjectFactory(office=izmir, stage=Stage.APPROVED, start_date=dt.date(2025, 2, 1))
    ProjectFactory(office=izmir, stage=Stage.APPROVED, start_date=dt.date(2025, 2, 1))
    ProjectFactory(office=balikesir, stage=Stage.IDEA, start_date=dt.date(2025, 2, 1))
    response = client_for(national_admin).get(
        "/ulusal/ofis/balikesir/?indicator=projects_total&year=2025"
    )
    figures = {f["indicator"].name: f for _area, items in response.context["areas"] for f in items}
    own = compute(["projects_by_stage"], office=balikesir, period=Period.year(2025))
    rows = {r["key"]: r for r in figures["projects_by_stage"]["rows"]}
    assert {k: r["raw"] for k, r in rows.items()} == {
        r.key: str(r.value) for r in own["projects_by_stage"].rows
    }
    assert rows["idea"]["raw"] == "1" and rows["idea"]["rank"] == 1
    assert len({r["raw"] for r in rows.values()}) > 1  # not the total repeated
    izmir_approved = compute(["projects_by_stage"], office=izmir, period=Period.year(2025))[
        "projects_by_stage"
    ].row("approved")
    assert izmir_approved is not None
    balikesir_approved = own["projects_by_stage"].row("approved")
    assert balikesir_approved is not None
    assert rows["approved"]["rank"] == (
        1 if balikesir_approved.value >= izmir_approved.value else 2
    )
