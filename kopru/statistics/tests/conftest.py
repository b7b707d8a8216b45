"""A small, known data set in Balıkesir (and a little in İzmir) for the indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from kopru.calls.tests.factories import CallFollowFactory, PublishedCallFactory, SavedSearchFactory
from kopru.core.tests.factories import OrganisationFactory
from kopru.geo.models import District
from kopru.guidance.tests.factories import CaseFactory
from kopru.organisations.models import OrganisationType, TeamStatus
from kopru.partners.tests.factories import AnswerFactory, PartnerSearchFactory
from kopru.projects.models import Stage
from kopru.projects.tests.factories import ProjectFactory, StageChangeFactory
from kopru.trainings.models import EventStatus, EventType
from kopru.trainings.tests.factories import CertificateFactory, EventFactory, RegistrationFactory


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))


@pytest.fixture
def dataset(balikesir: Any, izmir: Any) -> dict[str, Any]:
    b = balikesir
    districts = list(District.objects.filter(province=b.province).order_by("name_sort")[:2])
    p = {}
    # 2025: four projects (one TRY with a rate, one TRY without), 2024: one.
    p["approved"] = ProjectFactory(
        office=b,
        stage=Stage.APPROVED,
        start_date=dt.date(2025, 3, 1),
        programme="Erasmus+",
        grant_amount=Decimal("80000"),
        total_cost=Decimal("100000"),
        currency="EUR",
        exchange_rate=Decimal("35"),
        sectors=["youth"],
        target_groups=["youth"],
        districts=[districts[0]],
    )
    p["try"] = ProjectFactory(
        office=b,
        stage=Stage.IN_IMPLEMENTATION,
        start_date=dt.date(2025, 6, 1),
        programme="SODES",
        currency="TRY",
        grant_amount=Decimal("700000"),
        total_cost=Decimal("1000000"),
        exchange_rate=Decimal("35"),
        sectors=["education"],
        target_groups=["women"],
        districts=[districts[0], districts[1]],
    )
    p["no_rate"] = ProjectFactory(
        office=b,
        stage=Stage.COMPLETED,
        start_date=dt.date(2025, 9, 1),
        programme="SODES",
        currency="TRY",
        grant_amount=None,
        total_cost=Decimal("50000"),
        exchange_rate=None,
        sectors=[],
        target_groups=[],
    )
    p["rejected"] = ProjectFactory(
        office=b,
        stage=Stage.REJECTED,
        start_date=None,
        programme="Erasmus+",
        grant_amount=Decimal("10"),
        sectors=["youth", "education"],
        target_groups=["youth"],
    )
    p["old"] = ProjectFactory(office=b, stage=Stage.CLOSED, start_date=dt.date(2024, 5, 1))
    # The rejected project has no start date: it counts by its record date.
    type(p["rejected"])._base_manager.filter(pk=p["rejected"].pk).update(
        created_at=at("2025-02-01")
    )
    ProjectFactory(office=izmir, stage=Stage.APPROVED, start_date=dt.date(2025, 1, 1))

    StageChangeFactory(project=p["approved"], to_stage=Stage.APPROVED, changed_at=at("2025-02-10"))
    StageChangeFactory(project=p["rejected"], to_stage=Stage.REJECTED, changed_at=at("2025-04-10"))
    StageChangeFactory(project=p["try"], to_stage=Stage.REJECTED, changed_at=at("2025-01-10"))
    StageChangeFactory(project=p["try"], to_stage=Stage.APPROVED, changed_at=at("2025-05-10"))
    StageChangeFactory(project=p["old"], to_stage=Stage.APPROVED, changed_at=at("2024-05-10"))

    # Trainings: a 2025 PCM training (3 attended, one person twice? no: 2 people in
    # one event + the same person in an info day), a 2019 info day, a cancelled one.
    pcm = EventFactory(office=b, type=EventType.PCM, status=EventStatus.PUBLISHED)
    info = EventFactory(office=b, type=EventType.INFO_DAY, status=EventStatus.PUBLISHED)
    old = EventFactory(office=b, type=EventType.INFO_DAY, is_historical=True)
    gone = EventFactory(office=b, type=EventType.PCM, status=EventStatus.CANCELLED)
    for event, day in (
        (pcm, "2025-03-03"),
        (info, "2025-10-10"),
        (old, "2019-05-05"),
        (gone, "2025-04-04"),
    ):
        type(event)._base_manager.filter(pk=event.pk).update(starts_on=dt.date.fromisoformat(day))
    r1 = RegistrationFactory(
        event=pcm,
        email="ayse@example.org",
        attended=True,
        organisation_type=OrganisationType.MUNICIPALITY,
        district=districts[0],
        priority_group=True,
    )
    RegistrationFactory(
        event=pcm, email="mehmet@example.org", attended=True, organisation_type=OrganisationType.NGO
    )
    RegistrationFactory(event=pcm, email="absent@example.org", attended=False)
    RegistrationFactory(
        event=info,
        email="ayse@example.org",
        attended=True,
        organisation_type=OrganisationType.MUNICIPALITY,
        district=districts[0],
    )
    RegistrationFactory(event=old, email="eski@example.org", attended=True)
    CertificateFactory(registration=r1, issued_at=at("2025-03-20"))

    # Guidance: three 2025 cases, one 2024.
    c1 = CaseFactory(
        office=b,
        channel="web_form",
        topic="funding",
        opened_at=at("2025-01-05"),
        first_response_seconds=3600,
        resolution_seconds=7200,
        status="closed",
        outcome="funded",
        closed_at=at("2025-01-05", 12),
    )
    CaseFactory(
        office=b,
        channel="phone",
        topic="funding",
        opened_at=at("2025-02-05"),
        first_response_seconds=3 * 3600,
        status="closed",
        outcome="submitted",
        resolution_seconds=36000,
        closed_at=at("2025-02-06"),
    )
    CaseFactory(office=b, channel="phone", topic="partner", opened_at=at("2025-07-05"))
    CaseFactory(office=b, channel="visit", topic="funding", opened_at=at("2024-07-05"))
    del c1

    # Calls: two published in 2025 (EU, local), one draft.
    PublishedCallFactory(office=b, level="eu", published_at=at("2025-03-01"))
    PublishedCallFactory(office=b, level="local", published_at=at("2025-05-01"))
    PublishedCallFactory(office=b, level="eu", published_at=at("2024-05-01"))
    SavedSearchFactory(
        office=b, email="a@example.org", frequency="weekly", alert_confirmed_at=at("2025-01-01")
    )
    SavedSearchFactory(
        office=b,
        email="b@example.org",
        frequency="weekly",
        alert_confirmed_at=at("2025-01-01"),
        unsubscribed_at=at("2025-06-01"),
    )
    CallFollowFactory(office=b, confirmed_at=at("2025-02-01"))

    # Organisations: three public bodies, two with a team; an NGO with a team.
    OrganisationFactory(office=b, type=OrganisationType.MUNICIPALITY, team_status=TeamStatus.FORMED)
    OrganisationFactory(
        office=b,
        type=OrganisationType.SCHOOL,
        team_status=TeamStatus.FORMED,
        team_formed_on=dt.date(2025, 11, 1),
    )
    OrganisationFactory(office=b, type=OrganisationType.PUBLIC_BODY)
    OrganisationFactory(office=b, type=OrganisationType.NGO, team_status=TeamStatus.FORMED)

    # Partner searches: two in 2025, one answered.
    answered = PartnerSearchFactory(office=b)
    unanswered = PartnerSearchFactory(office=b)
    AnswerFactory(post=answered)
    for post in (answered, unanswered):
        type(post)._base_manager.filter(pk=post.pk).update(created_at=at("2025-04-01"))
    return {"projects": p, "districts": districts}
