"""The governance indicators: decisions by state and owner, consultation participation
by priority group and kind of participant."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kopru.consultations.tests.factories import ContributionFactory
from kopru.decisions.models import Status
from kopru.decisions.tests.factories import DecisionFactory
from kopru.statistics.indicators import compute, compute_by_office
from kopru.statistics.periods import Period

pytestmark = pytest.mark.django_db

NAMES = [
    "decisions_by_state",
    "decisions_by_owner",
    "consultation_contributions_by_group",
    "consultation_contributions_by_kind",
]


def test_governance_indicators(balikesir: Any, izmir: Any) -> None:
    today = timezone.localdate()
    period = Period(start=today - dt.timedelta(days=200), end=today)
    early = today - dt.timedelta(days=100)
    late = DecisionFactory(
        office=balikesir,
        status=Status.IN_PROGRESS,
        decided_on=early,
        due_date=today - dt.timedelta(days=1),
    )
    DecisionFactory(
        office=balikesir, owner=late.owner, status=Status.DONE, progress=100, decided_on=early
    )
    DecisionFactory(office=balikesir, status=Status.PLANNED, decided_on=early)
    DecisionFactory(office=balikesir, decided_on=today - dt.timedelta(days=400))  # before
    DecisionFactory(office=izmir, decided_on=early)
    ContributionFactory(office=balikesir, priority_group="disadvantaged")
    ContributionFactory(office=balikesir, priority_group="")
    values = compute(NAMES, office=balikesir, period=period)
    states = {r.key: r.value for r in values["decisions_by_state"].rows}
    assert states == {"planned": 1, "late": 1, "done": 1}
    owners = values["decisions_by_owner"]
    assert owners.total == 3 and owners.rows[0].value == 2
    groups = {r.key: r.value for r in values["consultation_contributions_by_group"].rows}
    assert groups == {"disadvantaged": 1, "": 1}
    assert values["consultation_contributions_by_kind"].total == 2
    grouped = compute_by_office(NAMES, period=period)
    for name in NAMES:
        assert grouped[balikesir.pk][name].as_dict() == values[name].as_dict(), name
    assert grouped[izmir.pk]["decisions_by_state"].total == 1
