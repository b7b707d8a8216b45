"""``access_project``: missing, another office's and not allowed for the action are the
same 404."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.core.tests.factories import OrganisationFactory
from kopru.projects.permissions import access_project

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_access_project(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    mine = ProjectFactory(office=balikesir, owner=balikesir_member.organisation)
    neighbours = ProjectFactory(office=balikesir, owner=OrganisationFactory(office=balikesir))
    other = ProjectFactory(office=izmir)
    with office_scope(balikesir):
        for for_ in ("view", "edit", "publish", "monitor"):
            assert access_project(balikesir_expert, neighbours.pk, for_=for_) == neighbours
        for for_ in ("view", "edit"):
            assert access_project(balikesir_member, mine.pk, for_=for_) == mine
        assert_one_404(
            lambda: access_project(balikesir_expert, MISSING),
            lambda: access_project(balikesir_expert, other.pk),
            lambda: access_project(balikesir_member, neighbours.pk),
            lambda: access_project(balikesir_member, neighbours.pk, for_="edit"),
            # A member's own project, but monitoring and publishing are the office's.
            lambda: access_project(balikesir_member, mine.pk, for_="monitor"),
            lambda: access_project(balikesir_member, mine.pk, for_="publish"),
        )
