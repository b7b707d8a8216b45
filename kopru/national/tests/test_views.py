"""The national view: map and ranked table of the 81 provinces, staleness, office page,
export; only national administrators get in; bad input answers 400 with its reason."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kopru.core.audit import audit_log
from kopru.core.models import AuditEntry
from kopru.core.tests.factories import OfficeFactory, OrganisationFactory, province
from kopru.national import selectors
from kopru.national.sources import indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(balikesir, izmir, everything):
    OrganisationFactory.create_batch(3, office=balikesir)
    OrganisationFactory.create_batch(5, office=izmir)
    return balikesir, izmir


def test_only_national_administrators_see_it(client_for, offices, balikesir_coordinator):
    assert client_for(balikesir_coordinator).get("/ulusal/").status_code == 404


def test_the_map_and_table_show_every_province_ranked(client_for, national_admin, offices):
    response = client_for(national_admin).get("/ulusal/?indicator=organisations")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="map-area') == 81
    assert 'aria-label="Balıkesir: 3"' in html and 'aria-label="İzmir: 5"' in html
    assert 'href="/ulusal/ofis/balikesir/"' in html
    assert "Kars: ofis yok" in html and "Kars: 0" not in html
    assert "© OpenStreetMap contributors" in html and "style=" not in html
    rows = response.context["rows"]
    assert [r["row"].province.name for r in rows[:2]] == ["İzmir", "Balıkesir"]
    assert [r["row"].rank for r in rows[:3]] == [1, 2, None]
    assert len(rows) == 81


def test_per_100000_inhabitants_uses_the_tuik_population(client_for, national_admin, offices):
    response = client_for(national_admin).get("/ulusal/?indicator=organisations&measure=per100k")
    assert response.status_code == 200
    html = response.content.decode()
    # 3 / 1,257,590 × 100,000 = 0.24 (Balıkesir); 5 / 4,462,056 × 100,000 = 0.11 (İzmir)
    assert 'aria-label="Balıkesir: 0,2"' in html and 'aria-label="İzmir: 0,1"' in html
    assert "TÜİK" in html
    rows = response.context["rows"]
    assert rows[0]["row"].province.name == "Balıkesir"  # the ranking follows the measure


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("indicator=nope", "Böyle bir gösterge yok"),
        ("year=abc", "Yıl"),
        ("year=1800", "Yıl"),
        ("measure=much", "Gösterim"),
    ],
)
def test_bad_input_answers_400_with_its_reason(client_for, national_admin, query, message):
    for path in ("/ulusal/", "/ulusal/disa-aktar/", "/ulusal/ofis/balikesir/"):
        response = client_for(national_admin).get(f"{path}?{query}")
        if path.startswith("/ulusal/ofis/"):
            assert response.status_code == 404  # no office in this test
            continue
        assert response.status_code == 400, path
        assert message in response.content.decode()


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
        for r in selectors.province_rows(indicators()["organisations"], year=None, measure="raw")
    }
    assert rows["10"].stale and not rows["35"].stale
    assert not rows["36"].stale  # no office: nothing to flag
    html = client_for(national_admin).get("/ulusal/").content.decode()
    assert html.count("90 gündür değişmedi</span>") == 1


def test_the_office_page_drills_down_to_one_office(client_for, national_admin, offices):
    response = client_for(national_admin).get("/ulusal/ofis/balikesir/?year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Balıkesir" in html and "/balikesir/panel/" in html
    figures = {f["indicator"].name: f for f in response.context["figures"]}
    assert figures["organisations"]["raw"] == "3" and figures["organisations"]["rank"] == 2
    assert client_for(national_admin).get("/ulusal/ofis/kars/").status_code == 404


def test_the_export_is_the_table_with_formulas_neutralised(client_for, national_admin, offices):
    OfficeFactory(province=province("06"), slug="ankara", name_tr="=HYPERLINK(1)")
    response = client_for(national_admin).get("/ulusal/disa-aktar/?indicator=organisations")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Sıra", "İl", "Plaka", "Ofis", "Kayıtlı kurumlar")
    assert len(rows) == 82
    by_plate = {r[2]: r for r in rows[1:]}
    assert by_plate["35"][0] == 1 and by_plate["35"][4] == 5
    assert by_plate["06"][3] == "'=HYPERLINK(1)"
    assert by_plate["36"][3] == "ofis yok" and by_plate["36"][4] is None
