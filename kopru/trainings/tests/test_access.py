"""Access helpers of the trainings app: missing, another office's and not allowed are the
same 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.trainings import permissions

from .factories import (
    CertificateFactory,
    EventFactory,
    MaterialFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

HELPERS: list[tuple[Callable[..., Any], Any]] = [
    (permissions.access_event, EventFactory),
    (permissions.access_session, SessionFactory),
    (permissions.access_material, MaterialFactory),
    (permissions.access_registration, RegistrationFactory),
    (permissions.access_certificate, CertificateFactory),
]


@pytest.mark.parametrize(("access", "factory"), HELPERS, ids=lambda v: getattr(v, "__name__", ""))
def test_missing_and_forbidden_are_one_404(
    access: Any,
    factory: Any,
    balikesir: Any,
    izmir: Any,
    balikesir_expert: Any,
    balikesir_member: Any,
) -> None:
    own = factory(office=balikesir)
    other = factory(office=izmir)
    with office_scope(balikesir):
        assert access(balikesir_expert, own.pk).pk == own.pk
        assert_one_404(
            lambda: access(balikesir_expert, MISSING),
            lambda: access(balikesir_expert, other.pk),
            # An account of the office that is not staff (an institution member).
            lambda: access(balikesir_member, own.pk),
        )


def test_a_registration_of_another_event_is_missing(balikesir: Any, balikesir_expert: Any) -> None:
    registration = RegistrationFactory(office=balikesir)
    event = EventFactory(office=balikesir)
    with office_scope(balikesir):
        assert_one_404(
            lambda: permissions.access_registration(balikesir_expert, MISSING, event=event),
            lambda: permissions.access_registration(balikesir_expert, registration.pk, event=event),
        )
