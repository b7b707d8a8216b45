"""Access helpers of the directory: missing, another office's and not allowed are the
same 404 (the panel's 403 is gone)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.permissions import (
    access_organisation,
    access_own_organisation,
    access_team_member,
)

from .factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_access_organisation(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    own = balikesir_member.organisation
    neighbour = OrganisationFactory(office=balikesir)
    other = OrganisationFactory(office=izmir)
    with office_scope(balikesir):
        assert access_organisation(balikesir_expert, neighbour.pk, for_="edit") == neighbour
        assert access_organisation(balikesir_member, own.pk, for_="edit_team") == own
        assert access_organisation(balikesir_member, neighbour.pk) == neighbour  # to read
        for for_ in ("edit", "edit_team"):
            assert_one_404(
                lambda for_=for_: access_organisation(balikesir_expert, MISSING, for_=for_),
                lambda for_=for_: access_organisation(balikesir_expert, other.pk, for_=for_),
                lambda for_=for_: access_organisation(balikesir_member, neighbour.pk, for_=for_),
            )


def test_access_own_organisation(balikesir: Any, balikesir_member: Any, balikesir_expert: Any):
    with office_scope(balikesir):
        assert access_own_organisation(balikesir_member) == balikesir_member.organisation
        assert_one_404(
            lambda: access_own_organisation(balikesir_expert),  # staff have none
            lambda: access_organisation(balikesir_member, MISSING),
        )


def test_access_team_member(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    mine = TeamMemberFactory(organisation=balikesir_member.organisation)
    neighbours = TeamMemberFactory(organisation=OrganisationFactory(office=balikesir))
    erased = TeamMemberFactory(organisation=balikesir_member.organisation, erased_at=timezone.now())
    other = TeamMemberFactory(organisation=OrganisationFactory(office=izmir))
    with office_scope(balikesir):
        assert access_team_member(balikesir_member, mine.pk) == mine
        assert access_team_member(balikesir_expert, neighbours.pk) == neighbours
        assert access_team_member(balikesir_member, erased.pk, for_="remove") == erased
        assert_one_404(
            lambda: access_team_member(balikesir_expert, MISSING),
            lambda: access_team_member(balikesir_expert, other.pk),
            lambda: access_team_member(balikesir_member, neighbours.pk),
            lambda: access_team_member(balikesir_member, erased.pk),  # erased: gone
            lambda: access_team_member(
                balikesir_member, mine.pk, organisation=neighbours.organisation
            ),
        )


def test_merging_without_the_right_answers_404(client_for: Any, balikesir_expert: Any) -> None:
    office = balikesir_expert.office
    a, b = OrganisationFactory(office=office), OrganisationFactory(office=office)
    response = client_for(balikesir_expert).post(
        "/balikesir/panel/kurumlar/mukerrer/birlestir/", {"kalan": a.pk, "birlesen": [b.pk]}
    )
    assert response.status_code == 404
