from __future__ import annotations

from typing import Any

import pytest

from kopru.core.tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def other_member(balikesir: Any) -> Any:
    """A member of another Balıkesir organisation (the one that answers)."""
    from kopru.accounts.models import Role

    org = OrganisationFactory(office=balikesir, name="Karesi Gençlik Derneği", country="TR")
    return UserFactory(
        username="b.kurum2",
        first_name="Şule",
        last_name="Işık",
        email="sule@example.org",
        role=Role.INSTITUTION_MEMBER,
        office=balikesir,
        organisation=org,
    )
