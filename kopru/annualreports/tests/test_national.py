"""The national list of every office's annual reports: only national administrators,
every office's reports with status, version, approval and downloads; bad filters 400."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kopru.annualreports.models import ReportStatus

from .factories import AnnualReportFactory, ReportFileFactory

pytestmark = pytest.mark.django_db

URL = "/ulusal/faaliyet-raporlari/"


@pytest.fixture
def reports(balikesir: Any, izmir: Any, national_admin: Any, everything: Any) -> dict[str, Any]:
    approved = AnnualReportFactory(
        office=balikesir,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        status=ReportStatus.APPROVED,
        revision=2,
        approved_at=timezone.make_aware(dt.datetime(2026, 1, 20, 10)),
        figures_as_of=timezone.make_aware(dt.datetime(2026, 1, 20, 10)),
        approved_by=national_admin,
    )
    ReportFileFactory(report=approved, office=balikesir, language="tr", format="pdf")
    ReportFileFactory(report=approved, office=balikesir, language="en", format="pdf")
    draft = AnnualReportFactory(
        office=izmir, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31)
    )
    return {"approved": approved, "draft": draft}


def test_national_administrators_see_every_offices_reports_and_download_them(
    client_for: Any, national_admin: Any, reports: dict[str, Any]
) -> None:
    client = client_for(national_admin)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    approved, draft = reports["approved"], reports["draft"]
    listed = {r.pk: files for r, files in response.context["reports"]}
    assert set(listed) == {approved.pk, draft.pk}
    assert [(f["language"], f["format"]) for f in listed[approved.pk]] == [
        ("tr", "pdf"),
        ("en", "pdf"),
    ]
    assert listed[draft.pk] == []
    assert f'data-report="{approved.pk}"' in html and "20.01.2026" in html
    download = f"/balikesir/panel/faaliyet-raporu/{approved.pk}/indir/en/pdf/"
    assert download in html
    assert client.get(download).status_code == 200  # the office's page lets them in
    assert f"/izmir/panel/faaliyet-raporu/{draft.pk}/" in html
    english = client.get("/en" + URL)
    assert english.status_code == 200 and "approved" in english.content.decode()


def test_filters_by_year_and_status_and_names_the_offices_without_a_report(
    client_for: Any, national_admin: Any, reports: dict[str, Any]
) -> None:
    client = client_for(national_admin)
    year = client.get(URL, {"year": "2025"})
    assert [r.pk for r, _f in year.context["reports"]] == [reports["approved"].pk]
    assert [o.slug for o in year.context["missing"]] == ["izmir"]
    drafts = client.get(URL, {"status": "draft"})
    assert [r.pk for r, _f in drafts.context["reports"]] == [reports["draft"].pk]


@pytest.mark.parametrize("query", [{"year": "yirmi"}, {"year": "1900"}, {"status": "lost"}])
def test_bad_filters_answer_400_with_the_reason(
    client_for: Any, national_admin: Any, query: dict[str, str]
) -> None:
    response = client_for(national_admin).get(URL, query)
    assert response.status_code == 400
    assert 'id="list-error"' in response.content.decode()


def test_only_national_administrators_get_in(
    client_for: Any,
    client: Any,
    reports: dict[str, Any],
    balikesir_coordinator: Any,
    balikesir_expert: Any,
    izmir_coordinator: Any,
) -> None:
    for user in (balikesir_coordinator, balikesir_expert, izmir_coordinator):
        assert client_for(user).get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code in (302, 404)
    # an office's coordinator still cannot download another office's report
    other = f"/balikesir/panel/faaliyet-raporu/{reports['approved'].pk}/indir/tr/pdf/"
    assert client_for(izmir_coordinator).get(other).status_code == 404
