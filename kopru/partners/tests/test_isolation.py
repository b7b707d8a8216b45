"""The foundation's office-isolation walk, on this app's routes only (so they stay
checked even while another app's unfinished work breaks the full walk)."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.tests.test_office_isolation import (
    Records,
    _kwargs_sets,
    _url,
    factories,
    protected_routes,
)
from kopru.partners.models import Answer, AnswerMessage, PartnerSearch

pytestmark = pytest.mark.django_db


def _mine() -> list[Any]:
    return [
        r
        for r in protected_routes()
        if ":partners:" in r.name or r.name.startswith("api:partner-search-")
    ]


def test_every_model_has_a_factory() -> None:
    found = factories()
    for model in (PartnerSearch, Answer, AnswerMessage):
        assert model in found


def test_routes_declare_their_records() -> None:
    routes = _mine()
    assert len(routes) >= 16
    for r in routes:
        for arg in r.args:
            assert arg == "office_slug" or arg in r.models, (r.name, arg)


@pytest.mark.parametrize("who", ["balikesir_expert", "balikesir_coordinator"])
def test_balikesir_staff_get_404_for_izmir(
    client: Any, balikesir: Any, izmir: Any, who: str, request: Any
) -> None:
    user = request.getfixturevalue(who)
    records = Records(balikesir, izmir)
    client.force_login(user)
    leaks, broken = [], []
    for route in _mine():
        for own in _kwargs_sets(route, "balikesir", records):
            url = _url(route, "balikesir", own)
            if client.get(url).status_code == 404 and route.area != "kurum":
                broken.append(url)
        for other in _kwargs_sets(route, "izmir", records):
            attempts = []
            if route.area in ("panel", "kurum"):
                attempts.append(_url(route, "izmir", other))
            if any(k != "office_slug" for k in other):
                attempts.append(_url(route, "balikesir", other))
            for url in attempts:
                public = route.area == "api" and any(
                    records.is_public(records.get("izmir", m))
                    for m in route.models.values()
                    if isinstance(m, type)
                )
                get = client.get(url).status_code
                if get not in (404, 405) and not public:
                    leaks.append(f"GET {url} -> {get}")
                if route.area in ("panel", "kurum") and client.post(url, {}).status_code != 404:
                    leaks.append(f"POST {url}")
    assert leaks == []
    assert broken == []


def test_izmir_staff_reach_their_own_records(
    client: Any, balikesir: Any, izmir: Any, izmir_coordinator: Any
) -> None:
    records = Records(balikesir, izmir)
    client.force_login(izmir_coordinator)
    broken = []
    for route in _mine():
        if route.area == "kurum":
            continue
        for kwargs in _kwargs_sets(route, "izmir", records):
            url = _url(route, "izmir", kwargs)
            if client.get(url).status_code == 404:
                broken.append(url)
    assert broken == []


def test_anonymous_api_sees_no_closed_post(client: Any, balikesir: Any, izmir: Any) -> None:
    from .factories import PartnerSearchFactory

    closed = PartnerSearchFactory(office=izmir, status="closed")
    assert client.get(f"/api/v1/partner-searches/{closed.pk}/").status_code == 404
