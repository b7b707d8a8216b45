"""The panel home's "my work": what each app asks of the signed-in user, overdue items
flagged, nothing of another office or another user, in bounded queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from kopru.annualreports.tests.factories import AnnualReportFactory
from kopru.calls.tests.factories import CallFactory, PublishedCallFactory
from kopru.core import mywork
from kopru.core.scoping import office_scope
from kopru.decisions.tests.factories import DecisionFactory
from kopru.guidance.tests.factories import CaseFactory
from kopru.projects.tests.factories import (
    MonitoringVisitFactory,
    ProjectFactory,
    ReportDeadlineFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=3)
SOON = TODAY + dt.timedelta(days=5)


def the_work(user, office):
    with office_scope(office):
        return {g.key: g for g in mywork.collect(user, office)}


def test_every_app_declares_its_items():
    keys = {d.key for d in mywork.registry.of(mywork.WorkItems)}
    assert {"guidance", "calls", "projects", "decisions", "annualreports"} <= keys


def test_guidance_cases_assigned_to_me_with_follow_ups(balikesir, balikesir_expert, izmir):
    late = CaseFactory(
        office=balikesir, assigned_to=balikesir_expert, status="assigned", follow_up_on=PAST
    )
    CaseFactory(office=balikesir, assigned_to=balikesir_expert, status="assigned")
    CaseFactory(
        office=balikesir,
        assigned_to=balikesir_expert,
        status="closed",
        outcome="answered",
        closed_at=timezone.now(),
    )
    CaseFactory(office=balikesir, status="new")  # nobody's
    group = the_work(balikesir_expert, balikesir)["guidance"]
    assert group.total == 2
    first = group.items[0]
    assert first["overdue"] and first["item"].due == PAST
    assert first["item"].url == f"/balikesir/panel/danisma/{late.pk}/"


def test_calls_drafts_and_the_summary_queue(balikesir, balikesir_expert, izmir):
    draft = CallFactory(office=balikesir, title_tr="Taslak çağrı")
    CallFactory(office=izmir, title_tr="İzmir taslağı")
    PublishedCallFactory(office=balikesir, summary_tr="", title_en="No Turkish summary")
    group = the_work(balikesir_expert, balikesir)["calls"]
    urls = [row["item"].url for row in group.items]
    assert urls[0] == "/balikesir/panel/cagrilar/ozet-kuyrugu/"
    assert f"/balikesir/panel/cagrilar/{draft.pk}/" in urls
    assert "İzmir taslağı" not in [row["item"].title for row in group.items]


def test_project_reports_and_visit_follow_ups_of_my_projects(
    balikesir, balikesir_expert, balikesir_coordinator
):
    mine = ProjectFactory(office=balikesir, created_by=balikesir_expert, stage="in_implementation")
    other = ProjectFactory(
        office=balikesir, created_by=balikesir_coordinator, stage="in_implementation"
    )
    ReportDeadlineFactory(project=mine, title="Ara rapor", due_date=PAST)
    ReportDeadlineFactory(project=mine, title="Alınmış", due_date=PAST, received_on=PAST)
    ReportDeadlineFactory(project=mine, title="Çok sonra", due_date=TODAY + dt.timedelta(days=90))
    ReportDeadlineFactory(project=other, title="Başkasının", due_date=PAST)
    MonitoringVisitFactory(
        project=mine, visitor=balikesir_expert, follow_up_due=SOON, follow_up_actions="Ziyaret"
    )
    group = the_work(balikesir_expert, balikesir)["projects"]
    titles = [row["item"].title for row in group.items]
    assert group.total == 2 and len(titles) == 2
    assert titles[0].endswith("Ara rapor") and group.items[0]["overdue"]
    assert not group.items[1]["overdue"]


def test_decisions_due_soon_or_late(balikesir, balikesir_expert, izmir):
    DecisionFactory(office=balikesir, due_date=PAST, status="in_progress", title_tr="Geç kalan")
    DecisionFactory(office=balikesir, due_date=SOON, title_tr="Yaklaşan")
    DecisionFactory(office=balikesir, title_tr="Uzak")  # due in 60 days
    DecisionFactory(office=balikesir, due_date=PAST, status="done", title_tr="Bitmiş")
    DecisionFactory(office=izmir, due_date=PAST, title_tr="İzmir'in")
    group = the_work(balikesir_expert, balikesir)["decisions"]
    titles = [row["item"].title for row in group.items]
    assert [t.split(" ", 1)[1] for t in titles] == ["Geç kalan", "Yaklaşan"]
    assert [row["overdue"] for row in group.items] == [True, False]


def test_the_annual_report_draft_is_the_coordinators(
    balikesir, balikesir_expert, balikesir_coordinator
):
    AnnualReportFactory(office=balikesir)  # last year's draft: its period has ended
    assert "annualreports" not in the_work(balikesir_expert, balikesir)
    group = the_work(balikesir_coordinator, balikesir)["annualreports"]
    assert group.total == 1 and group.items[0]["overdue"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_panel_home_shows_my_work(client_for, balikesir, balikesir_expert, izmir, prefix):
    CaseFactory(
        office=balikesir,
        assigned_to=balikesir_expert,
        status="assigned",
        follow_up_on=PAST,
        subject="Benim geciken talebim",
    )
    CaseFactory(office=izmir, status="assigned", subject="İzmir talebi", follow_up_on=PAST)
    body = client_for(balikesir_expert).get(f"{prefix}/balikesir/panel/").content.decode()
    assert "Benim geciken talebim" in body and "İzmir talebi" not in body
    assert re.search(r'data-work="guidance"', body)
    assert ("Overdue" if prefix else "Gecikmiş") in body
    assert 'aria-labelledby="work-heading"' in body


def test_nothing_to_do_says_so(client_for, balikesir_expert):
    body = client_for(balikesir_expert).get("/balikesir/panel/").content.decode()
    assert "Şu an sizi bekleyen bir iş yok" in body


def test_my_work_is_bounded(
    client_for, balikesir, balikesir_coordinator, django_assert_max_num_queries
):
    for _ in range(12):
        CaseFactory(office=balikesir, assigned_to=balikesir_coordinator, status="assigned")
        CallFactory(office=balikesir)
        DecisionFactory(office=balikesir, due_date=PAST, status="in_progress")
    AnnualReportFactory(office=balikesir)
    client = client_for(balikesir_coordinator)
    client.get("/balikesir/panel/")
    with django_assert_max_num_queries(40):
        body = client.get("/balikesir/panel/").content.decode()
    assert body.count("work-overdue") >= 8
