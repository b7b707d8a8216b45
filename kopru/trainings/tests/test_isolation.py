"""The foundation's office-isolation test, run on this app's routes only.

(The foundation test walks every app; this one keeps the trainings routes
checked even while other apps are unfinished.)
"""

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
from kopru.trainings.models import (
    Attendance,
    Certificate,
    Event,
    Feedback,
    Material,
    Registration,
    Session,
)

pytestmark = pytest.mark.django_db


def _mine() -> list[Any]:
    return [
        r for r in protected_routes() if ":trainings:" in r.name or r.name.startswith("api:event-")
    ]


def test_every_model_has_a_factory() -> None:
    found = factories()
    for model in (Event, Session, Material, Registration, Attendance, Certificate, Feedback):
        assert model in found


def test_routes_declare_their_records() -> None:
    routes = _mine()
    assert len(routes) > 20
    for r in routes:
        for arg in r.args:
            assert arg == "office_slug" or arg in r.models, (r.name, arg)


def test_balikesir_staff_get_404_for_izmir(
    client: Any, balikesir: Any, izmir: Any, balikesir_coordinator: Any
) -> None:
    records = Records(balikesir, izmir)
    client.force_login(balikesir_coordinator)
    leaks, broken = [], []
    for route in _mine():
        for own in _kwargs_sets(route, "balikesir", records):
            url = _url(route, "balikesir", own)
            if client.get(url).status_code == 404:
                broken.append(url)
        for other in _kwargs_sets(route, "izmir", records):
            attempts = []
            if route.area == "panel":
                attempts.append(_url(route, "izmir", other))
            if any(k != "office_slug" for k in other):
                attempts.append(_url(route, "balikesir", other))
            for url in attempts:
                public = route.area == "api" and any(
                    records.is_public(records.get("izmir", m))
                    for m in route.models.values()
                    if isinstance(m, type)
                )
                if client.get(url).status_code != 404 and not public:
                    leaks.append(f"GET {url}")
                if route.area == "panel" and client.post(url, {}).status_code != 404:
                    leaks.append(f"POST {url}")
    assert leaks == []
    assert broken == []
