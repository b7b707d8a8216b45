"""The foundation's office-isolation walk on boards' routes only (see
kopru/partners/tests/test_isolation.py), and the access helpers' one 404."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.boards.models import (
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    MinutesComment,
)
from kopru.boards.permissions import access_body, access_minutes
from kopru.core.scoping import office_scope
from kopru.core.tests import test_office_isolation as core
from kopru.core.tests.access_checks import MISSING, assert_one_404

from .factories import BodyFactory, MinutesFactory

pytestmark = pytest.mark.django_db

ALL_ROUTES = core.protected_routes


def _mine() -> list[Any]:
    return [r for r in ALL_ROUTES() if ":boards:" in r.name]


@pytest.fixture
def records(monkeypatch: Any, balikesir: Any, izmir: Any) -> Any:
    monkeypatch.setattr(core, "protected_routes", _mine)
    return core.Records(balikesir, izmir)


def test_every_model_has_a_factory() -> None:
    found = core.factories()
    for model in (
        Body,
        Membership,
        Meeting,
        AgendaItem,
        MeetingDocument,
        Invitation,
        Minutes,
        MinutesComment,
    ):
        assert model in found


def test_routes_declare_their_records() -> None:
    routes = _mine()
    assert len(routes) >= 30
    for r in routes:
        for arg in r.args:
            assert arg == "office_slug" or arg in r.models, (r.name, arg)


@pytest.mark.parametrize("who", ["balikesir_expert", "balikesir_coordinator"])
def test_balikesir_staff_get_404_for_izmir(
    client: Any, who: str, request: Any, records: Any
) -> None:
    core.test_balikesir_staff_get_404_for_everything_of_izmir(client, who, request, records)


def test_izmir_staff_reach_their_own_records(
    client: Any, izmir_coordinator: Any, records: Any
) -> None:
    core.test_izmir_staff_reach_their_own_records(client, izmir_coordinator, records)


def test_access_helpers_answer_one_404(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    mine = MinutesFactory(office=balikesir)
    other = MinutesFactory(office=izmir)
    other_body = BodyFactory(office=izmir)
    with office_scope(balikesir):
        assert access_minutes(balikesir_coordinator, mine.pk, for_="approve") == mine
        assert_one_404(
            lambda: access_minutes(balikesir_coordinator, MISSING, for_="approve"),
            lambda: access_minutes(balikesir_coordinator, other.pk, for_="approve"),
            lambda: access_minutes(balikesir_expert, mine.pk, for_="approve"),
        )
        assert_one_404(
            lambda: access_body(balikesir_expert, MISSING),
            lambda: access_body(balikesir_expert, other_body.pk),
        )
