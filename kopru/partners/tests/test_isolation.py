"""The foundation's office-isolation walk, run on this app's routes only: the core test's
own functions, with its route list narrowed to ours (so these routes stay checked even
while another app's unfinished work breaks the full walk)."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.tests import test_office_isolation as core
from kopru.partners.models import Answer, AnswerMessage, PartnerSearch

pytestmark = pytest.mark.django_db

ALL_ROUTES = core.protected_routes


def _mine() -> list[Any]:
    return [
        r
        for r in ALL_ROUTES()
        if ":partners:" in r.name or r.name.startswith("api:partner-search-")
    ]


@pytest.fixture
def records(monkeypatch: Any, balikesir: Any, izmir: Any) -> Any:
    monkeypatch.setattr(core, "protected_routes", _mine)
    return core.Records(balikesir, izmir)


def test_every_model_has_a_factory() -> None:
    found = core.factories()
    for model in (PartnerSearch, Answer, AnswerMessage):
        assert model in found


def test_routes_declare_their_records() -> None:
    routes = _mine()
    assert len(routes) >= 18
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


def test_anonymous_api_sees_no_private_record(client: Any, records: Any, izmir: Any) -> None:
    from .factories import PartnerSearchFactory

    core.test_anonymous_api_sees_no_private_record(client, records)
    closed = PartnerSearchFactory(office=izmir, status="closed")
    assert client.get(f"/api/v1/partner-searches/{closed.pk}/").status_code == 404
