"""``access_case``: missing, another office's and not the desk's staff are the same 404."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.guidance.permissions import access_case

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_access_case(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    own = CaseFactory(office=balikesir)
    other = CaseFactory(office=izmir)
    with office_scope(balikesir):
        assert access_case(balikesir_expert, own.pk) == own
        assert_one_404(
            lambda: access_case(balikesir_expert, MISSING),
            lambda: access_case(balikesir_expert, other.pk),
            lambda: access_case(balikesir_member, own.pk),
        )
