"""The dashboard, the public statistics page, the open data and the API: the same
numbers for the same data (reconciliation), bad input, and who sees what."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest

from kopru.consultations.tests.factories import ContributionFactory
from kopru.decisions.models import Status
from kopru.decisions.tests.factories import DecisionFactory
from kopru.statistics.charts import fmt
from kopru.statistics.indicators import INDICATORS, compute
from kopru.statistics.periods import Period
from kopru.statistics.sections import number_text

DASHBOARD = "/balikesir/panel/gosterge-paneli/"
RECORDS = "/balikesir/panel/gosterge-paneli/kayitlar/"
PUBLIC = "/balikesir/istatistikler/"
API = "/api/v1/statistics/"


def _shown(response: Any) -> dict[str, Any]:
    """Every figure a page shows, by indicator: total text, and {row label: value}."""
    shown: dict[str, Any] = {}
    for f in response.context["headlines"]:
        shown[f.name] = f.value
    for area in response.context["areas"]:
        for f in area.figures:
            assert shown.get(f.name, f.value) == f.value
            shown[f.name] = f.value
        for ind, chart in area.charts:
            shown[ind.name + ".rows"] = dict(zip(chart.labels, chart.series[0].values, strict=True))
    return shown


def test_dashboard_public_page_open_data_and_api_give_the_same_numbers(
    dataset: Any, client: Any, client_for: Any, balikesir_coordinator: Any
) -> None:
    api = client.get(API, {"office": "balikesir", "period": "2025"}).json()["indicators"]
    opendata = client.get(PUBLIC + "veri.json", {"period": "2025"}).json()["indicators"]
    public = client.get(PUBLIC, {"period": "2025"})
    dashboard = client_for(balikesir_coordinator).get(DASHBOARD, {"kind": "year", "year": "2025"})
    assert public.status_code == dashboard.status_code == 200
    assert set(api) == set(INDICATORS) == set(opendata)
    nonzero = 0
    for page in (dashboard, public):
        shown = _shown(page)
        for name, ind in INDICATORS.items():
            assert api[name]["total"] == opendata[name]["total"], name
            assert api[name]["rows"] == opendata[name]["rows"], name
            if name in shown:
                assert shown[name] == number_text(ind, api[name]["total"]), name
                nonzero += bool(api[name]["total"])
            if name + ".rows" in shown:
                rows = {r["label"]: r["value"] for r in api[name]["rows"]}
                assert {k: v for k, v in shown[name + ".rows"].items() if k in rows} == rows, name
    assert nonzero > 20  # the data set gives most figures a value: the test can fail
    html = dashboard.content.decode()
    assert f'<span class="kc-value">{fmt(api["projects_total"]["total"])}</span>' in html
    assert api["projects_total"]["total"] == 4  # Balıkesir's own: İzmir's project is not counted


def test_national_api_form_adds_every_office(dataset: Any, client: Any, balikesir: Any) -> None:
    body = client.get(
        API, {"indicator": "projects_total", "period": "2025", "by_office": "true"}
    ).json()
    assert body["office"] is None
    assert body["indicators"]["projects_total"]["total"] == 5
    assert body["offices"]["balikesir"]["projects_total"]["total"] == 4
    assert body["offices"]["izmir"]["projects_total"]["total"] == 1


@pytest.mark.parametrize(
    "query, field",
    [
        ({"indicator": "nope"}, "indicator"),
        ({"period": "2025-05-01_2025-01-01"}, "period"),
        ({"period": "2000-01-01_2015-01-01"}, "period"),
        ({"period": "last year"}, "period"),
        ({"office": "balikesir", "extra": "1"}, "extra"),
    ],
)
def test_api_bad_input_is_400_with_a_reason(
    balikesir: Any, client: Any, query: dict[str, str], field: str
) -> None:
    response = client.get(API, query)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_api_unknown_office_is_404_and_the_schema_documents_the_endpoint(
    balikesir: Any, client: Any
) -> None:
    assert client.get(API, {"office": "atlantis"}).status_code == 404
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/statistics/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"office", "indicator", "period"}
    assert "400" in operation["responses"]


@pytest.mark.parametrize(
    "query, message",
    [
        ({"kind": "custom", "start": "2025-05-01", "end": "2025-01-01"}, "bitişi başlangıcından"),
        ({"kind": "custom", "start": "2005-01-01", "end": "2025-01-01"}, "en çok 10 yıl"),
        ({"kind": "year", "year": "20x5"}, "Yıl 1990 ile 2100"),
    ],
)
def test_pages_say_why_a_period_is_refused(
    balikesir: Any,
    client: Any,
    client_for: Any,
    balikesir_coordinator: Any,
    query: dict[str, str],
    message: str,
) -> None:
    for response in (
        client.get(PUBLIC, query),
        client_for(balikesir_coordinator).get(DASHBOARD, query),
    ):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert client.get(PUBLIC + "veri.csv", {"period": "2025-13"}).status_code == 400


def test_records_page_refuses_an_unknown_indicator(
    balikesir: Any, client_for: Any, balikesir_coordinator: Any
) -> None:
    c = client_for(balikesir_coordinator)
    response = c.get(RECORDS, {"indicator": "nope", "period": "2025"})
    assert response.status_code == 400 and "Bilinmeyen gösterge." in response.content.decode()
    # Alert subscribers are people's e-mail addresses, which no staff page lists.
    response = c.get(RECORDS, {"indicator": "alert_subscribers", "period": "2025"})
    assert response.status_code == 400
    response = c.get(RECORDS, {"indicator": "projects_total", "period": "2025-Q7"})
    assert response.status_code == 400


def test_drill_down_from_a_bar_lists_the_records_behind_it(
    dataset: Any, client_for: Any, balikesir_coordinator: Any
) -> None:
    c = client_for(balikesir_coordinator)
    html = c.get(DASHBOARD, {"period": "2025"}).content.decode()
    link = "/balikesir/panel/gosterge-paneli/kayitlar/?indicator=projects_by_stage&amp;key=approved&amp;period=2025"
    assert link in html
    page = c.get(RECORDS, {"indicator": "projects_by_stage", "key": "approved", "period": "2025"})
    text = page.content.decode()
    approved = dataset["projects"]["approved"]
    assert str(approved) in text
    assert str(dataset["projects"]["rejected"]) not in text
    assert f"/balikesir/panel/projeler/{approved.pk}/" in text
    cases = c.get(RECORDS, {"indicator": "cases_by_channel", "key": "phone", "period": "2025"})
    assert cases.context["page_obj"].paginator.count == 2
    events = c.get(
        RECORDS, {"indicator": "participations_by_event_type", "key": "pcm", "period": "2025"}
    )
    assert events.context["page_obj"].paginator.count == 1


def test_data_quality_panel_links_each_record(
    dataset: Any, client_for: Any, balikesir_coordinator: Any
) -> None:
    html = client_for(balikesir_coordinator).get(DASHBOARD).content.decode()
    no_rate = dataset["projects"]["no_rate"]
    assert "1 desteklenen projenin hibe tutarı yok" in html
    assert f'href="/balikesir/panel/projeler/{no_rate.pk}/"' in html


def test_a_coordinator_sees_only_their_office(
    dataset: Any, client_for: Any, izmir_coordinator: Any, national_admin: Any
) -> None:
    c = client_for(izmir_coordinator)
    assert c.get(DASHBOARD).status_code == 404
    assert c.get(RECORDS, {"indicator": "projects_total"}).status_code == 404
    assert c.get("/izmir/panel/gosterge-paneli/", {"period": "2025"}).status_code == 200
    izmir_total = c.get("/izmir/panel/gosterge-paneli/", {"period": "2025"}).context["headlines"][0]
    assert izmir_total.name == "projects_total" and izmir_total.value == "1"
    admin = client_for(national_admin)
    assert admin.get(DASHBOARD, {"period": "2025"}).status_code == 200


def test_open_data_csv_has_definitions_and_no_formulas(dataset: Any, client: Any) -> None:
    response = client.get(PUBLIC + "veri.csv", {"period": "2025"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("indicator,area,unit,key,label,value,period,label_tr,label_en")
    assert any(
        line.startswith("projects_by_stage,projects,count,approved,Kabul edildi,1,2025")
        for line in lines
    )
    assert "Projects by stage" in text
    assert not any(cell.startswith("=") for line in lines for cell in line.split(","))


def test_public_page_quotes_trainees_since_the_first_year(dataset: Any, client: Any) -> None:
    html = client.get(PUBLIC, {"period": "2025"}).content.decode()
    assert "2019 yılından bu yana 3 kişi eğitimlerimize katıldı." in html
    assert "veri.csv?period=2025" in html


def test_a_rate_changes_by_points(dataset: Any, client: Any) -> None:
    figures = {f.name: f for f in client.get(PUBLIC, {"period": "2025"}).context["headlines"]}
    rate = figures["application_success_rate"]
    assert (rate.value, rate.previous) == ("66,7", "100,0")  # 2024: the one decision approved
    assert rate.change_text == "-33,3 puan"
    assert figures["projects_total"].change_text == "+300,0 %"  # 1 → 4


# Indicators whose rows count the very records the drill-down lists (one per record):
# the list's length is the bar's figure. Participations (registrations) and
# certificates list their events, which are fewer.
ONE_TO_ONE = {
    "projects.Project",
    "guidance.Case",
    "calls.Call",
    "organisations.Organisation",
    "partners.PartnerSearch",
    "decisions.Decision",
    "consultations.Contribution",
}


def test_every_breakdown_drills_down_except_the_subscribers_addresses() -> None:
    without = {i.name for i in INDICATORS.values() if i.breakdown and not i.drill}
    assert without == {"alert_subscribers"}


@pytest.fixture
def governance(balikesir: Any, izmir: Any) -> None:
    late = DecisionFactory(
        office=balikesir,
        status=Status.IN_PROGRESS,
        decided_on=dt.date(2025, 2, 1),
        due_date=dt.date(2025, 6, 1),
    )
    DecisionFactory(
        office=balikesir,
        owner=late.owner,
        status=Status.DONE,
        progress=100,
        decided_on=dt.date(2025, 3, 1),
    )
    DecisionFactory(office=balikesir, status=Status.PLANNED, decided_on=dt.date(2025, 4, 1))
    DecisionFactory(office=izmir, decided_on=dt.date(2025, 4, 1))
    for group in ("disadvantaged", "", ""):
        contribution = ContributionFactory(office=balikesir, priority_group=group)
        contribution.created_at = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
        type(contribution)._base_manager.filter(pk=contribution.pk).update(
            created_at=contribution.created_at
        )
    ContributionFactory(office=izmir)


def test_every_bar_drills_down_to_as_many_records_as_it_counts(
    dataset: Any, governance: None, client_for: Any, balikesir_coordinator: Any, balikesir: Any
) -> None:
    """Every bar of every indicator area links to its records; where the figure counts
    those records one by one, the list is exactly as long (a row keyed "" — not
    recorded, no group — included); other offices' records never appear."""
    c = client_for(balikesir_coordinator)
    html = c.get(DASHBOARD, {"period": "2025"}).content.decode()
    values = compute(None, office=balikesir, period=Period.year(2025))
    checked: set[str] = set()
    for name, ind in INDICATORS.items():
        if not ind.drill:
            continue
        value = values[name]
        rows = value.rows if ind.breakdown else []
        for row in rows:
            key = row.key or "-"
            query = urlencode({"indicator": name, "key": key, "period": "2025"})
            assert "?" + query.replace("&", "&amp;") in html, (name, key)
            page = c.get(RECORDS, {"indicator": name, "key": key, "period": "2025"})
            assert page.status_code == 200, (name, key)
            listed = page.context["page_obj"].paginator.count
            assert page.context["row"].label == row.label
            if ind.drill in ONE_TO_ONE:
                assert listed == row.value, (name, row.key, listed, row.value)
            else:
                assert 0 < listed <= (row.value or 0), (name, row.key)
            for record in page.context["page_obj"]:
                assert record.office_id == balikesir.pk
            checked.add(ind.area)
        if not ind.breakdown:
            assert f"?indicator={name}&amp;period=2025" in html, name  # the figure's link
        total = c.get(RECORDS, {"indicator": name, "period": "2025"})
        assert total.status_code == 200, name
        if ind.drill in ONE_TO_ONE and ind.unit == "count" and ind.breakdown:
            assert total.context["page_obj"].paginator.count == value.total, name
    assert checked == {
        "projects",
        "funds",
        "trainings",
        "guidance",
        "calls",
        "organisations",
        "partners",
        "governance",
    }


def test_drill_down_pages_of_every_model_link_the_records(
    dataset: Any, governance: None, client_for: Any, balikesir_coordinator: Any
) -> None:
    c = client_for(balikesir_coordinator)
    expected = {
        "calls_published": "/balikesir/panel/cagrilar/",
        "public_bodies_with_team": "/balikesir/panel/kurumlar/",
        "partner_searches_answered": "/balikesir/panel/ortak-arama/",
        "decisions_by_state": "/balikesir/panel/kararlar/",
        "consultation_contributions_by_kind": "/balikesir/panel/istisareler/",
    }
    for name, prefix in expected.items():
        page = c.get(RECORDS, {"indicator": name, "period": "2025"})
        first = page.context["page_obj"][0]
        assert prefix in page.content.decode(), name
        assert first.pk
    late = c.get(RECORDS, {"indicator": "decisions_by_state", "key": "late", "period": "2025"})
    assert [d.status for d in late.context["page_obj"]] == ["in_progress"]
    english = c.get("/en" + RECORDS, {"indicator": "calls_published", "period": "2025"})
    assert english.status_code == 200
