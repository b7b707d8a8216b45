"""Monitoring: risk flags, the expert's list sorted by risk, reminders, indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from kopru.core.scoping import office_scope
from kopru.core.tests.factories import UserFactory
from kopru.projects import selectors, services
from kopru.projects.models import Indicator, Project, ReportDeadline
from kopru.projects.tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    ProjectFactory,
    ReportDeadlineFactory,
)

pytestmark = pytest.mark.django_db


def test_risk_flags_and_order(balikesir) -> None:
    today = timezone.localdate()
    now = timezone.now()
    calm = ProjectFactory(office=balikesir, title_tr="Sakin", last_update_at=now)
    late = ProjectFactory(office=balikesir, title_tr="Geciken", last_update_at=now)
    ProjectFactory(
        office=balikesir, title_tr="Unutulan", last_update_at=now - dt.timedelta(days=91)
    )
    ReportDeadlineFactory(project=late, due_date=today - dt.timedelta(days=1))
    ActivityFactory(
        project=late,
        planned_start=today - dt.timedelta(days=30),
        planned_end=today - dt.timedelta(days=2),
    )
    ReportDeadlineFactory(project=calm, due_date=today - dt.timedelta(days=5), received_on=today)
    ProjectFactory(office=balikesir, stage="idea", title_tr="Fikir")
    with office_scope(balikesir):
        rows = list(selectors.monitoring_list())
    assert [p.title_tr for p in rows] == ["Geciken", "Unutulan", "Sakin"]
    assert selectors.risk_flags(rows[0]) == ["overdue", "behind"]
    assert selectors.risk_flags(rows[1]) == ["stale"]
    assert selectors.risk_flags(rows[2]) == []


def test_indicator_off_track(balikesir, balikesir_expert) -> None:
    project = ProjectFactory(
        office=balikesir, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
    )
    indicator = IndicatorFactory(project=project, baseline=Decimal(0), target=Decimal(100))
    with office_scope(balikesir):
        services.indicator_record_value(
            indicator=indicator,
            data={"measured_on": dt.date(2025, 7, 1), "value": Decimal(20)},
            actor=balikesir_expert,
        )
        assert Indicator.objects.get(pk=indicator.pk).off_track is True
        services.indicator_record_value(
            indicator=indicator,
            data={"measured_on": dt.date(2025, 8, 1), "value": Decimal(60)},
            actor=balikesir_expert,
        )
        refreshed = Indicator.objects.get(pk=indicator.pk)
        assert (refreshed.off_track, refreshed.latest_value) == (False, Decimal(60))


def test_reminder_is_sent_once_before_the_deadline(balikesir) -> None:
    project = ProjectFactory(office=balikesir)
    UserFactory(
        office=balikesir,
        role="institution_member",
        organisation=project.owner,
        email="uye@example.invalid",
    )
    today = timezone.localdate()
    ReportDeadlineFactory(project=project, due_date=today + dt.timedelta(days=7))
    ReportDeadlineFactory(project=project, due_date=today + dt.timedelta(days=40))
    assert services.deadline_reminders_send(today=today) == 1
    assert services.deadline_reminders_send(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uye@example.invalid"]
    assert "Ara rapor" in mail.outbox[0].body


def test_expert_records_visit_and_report(client_for, balikesir, balikesir_expert) -> None:
    project = ProjectFactory(office=balikesir)
    deadline = ReportDeadlineFactory(project=project, due_date=dt.date(2025, 7, 1))
    client = client_for(balikesir_expert)
    base = f"/balikesir/panel/projeler/{project.pk}"
    r = client.post(
        f"{base}/ziyaret/",
        {
            "visited_on": "2025-09-01",
            "findings": "Eğitimler gecikmeli.",
            "follow_up_actions": "Plan",
        },
    )
    assert r.status_code == 302
    r = client.post(f"{base}/rapor/{deadline.pk}/", {"received_on": "2025-07-03"})
    assert r.status_code == 302
    with office_scope(balikesir):
        assert ReportDeadline.objects.get(pk=deadline.pk).received_on == dt.date(2025, 7, 3)
        assert Project.objects.get(pk=project.pk).last_update_at is not None
    page = client.get(f"{base}/").content.decode()
    assert "Eğitimler gecikmeli." in page


def test_monitoring_list_page_is_bounded(
    client_for, balikesir, balikesir_expert, django_assert_max_num_queries
) -> None:
    for _ in range(15):
        p = ProjectFactory(office=balikesir)
        ReportDeadlineFactory(project=p, due_date=dt.date(2020, 1, 1))
    client = client_for(balikesir_expert)
    with django_assert_max_num_queries(12):
        r = client.get("/balikesir/panel/proje-izleme/")
    assert r.status_code == 200
    assert r.content.decode().count("rapor gecikti") == 15
