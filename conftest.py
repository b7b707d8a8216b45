"""Shared fixtures: two offices (Balıkesir and İzmir) with people of every role."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.accounts.models import Role
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.factories import (
    OfficeFactory,
    OrganisationFactory,
    UserFactory,
    province,
)

PASSWORD = "test-Pass-2026"


@pytest.fixture
def balikesir(db: Any) -> Any:
    return OfficeFactory(province=province("10"), slug="balikesir")


@pytest.fixture
def izmir(db: Any) -> Any:
    return OfficeFactory(province=province("35"), slug="izmir")


@pytest.fixture
def national_admin(db: Any) -> Any:
    return UserFactory(
        username="ulusal", role=Role.NATIONAL_ADMIN, office=None, is_superuser=True, is_staff=True
    )


@pytest.fixture
def balikesir_coordinator(balikesir: Any) -> Any:
    return UserFactory(username="b.koordinator", role=Role.COORDINATOR, office=balikesir)


@pytest.fixture
def balikesir_expert(balikesir: Any) -> Any:
    return UserFactory(username="b.uzman", role=Role.EXPERT, office=balikesir)


@pytest.fixture
def balikesir_member(balikesir: Any) -> Any:
    org = OrganisationFactory(office=balikesir, name="Balıkesir Büyükşehir Belediyesi")
    return UserFactory(
        username="b.kurum", role=Role.INSTITUTION_MEMBER, office=balikesir, organisation=org
    )


@pytest.fixture
def izmir_coordinator(izmir: Any) -> Any:
    return UserFactory(username="i.koordinator", role=Role.COORDINATOR, office=izmir)


@pytest.fixture
def izmir_expert(izmir: Any) -> Any:
    return UserFactory(username="i.uzman", role=Role.EXPERT, office=izmir)


@pytest.fixture
def izmir_member(izmir: Any) -> Any:
    org = OrganisationFactory(office=izmir, name="Ege Üniversitesi")
    return UserFactory(
        username="i.kurum", role=Role.INSTITUTION_MEMBER, office=izmir, organisation=org
    )


@pytest.fixture
def in_balikesir(balikesir: Any) -> Any:
    """Run the test body inside Balıkesir's office scope."""
    with office_scope(balikesir):
        yield balikesir


@pytest.fixture
def everything() -> Any:
    """Run the test body unscoped (set-up and assertions across offices)."""
    with unscoped("test"):
        yield


@pytest.fixture
def client_for(client: Any) -> Any:
    """``client_for(user)``: the test client, logged in as ``user``."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login
