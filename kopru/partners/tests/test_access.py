"""Access helpers of the partner search: missing, another office's and another
organisation's are the same 404."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.partners.permissions import access_answer, access_post, authorise_lookup

from .factories import AnswerFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db


def test_access_post_and_answer(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    mine = PartnerSearchFactory(office=balikesir, organisation=balikesir_member.organisation)
    neighbours = PartnerSearchFactory(office=balikesir)
    other = PartnerSearchFactory(office=izmir)
    answer_to_mine = AnswerFactory(post=mine)
    answer_to_neighbours = AnswerFactory(post=neighbours)
    answer_to_other = AnswerFactory(post=other)
    with office_scope(balikesir):
        assert access_post(balikesir_member, mine.pk) == mine
        assert access_post(balikesir_expert, neighbours.pk) == neighbours
        assert access_answer(balikesir_member, answer_to_mine.pk) == answer_to_mine
        assert_one_404(
            lambda: access_post(balikesir_expert, MISSING),
            lambda: access_post(balikesir_expert, other.pk),
            lambda: access_post(balikesir_member, neighbours.pk),
        )
        assert_one_404(
            lambda: access_answer(balikesir_expert, MISSING),
            lambda: access_answer(balikesir_expert, answer_to_other.pk),
            lambda: access_answer(balikesir_member, answer_to_neighbours.pk),
        )


def test_lookups(balikesir: Any, balikesir_expert: Any, balikesir_member: Any) -> None:
    authorise_lookup(balikesir_expert, balikesir, "kurum")
    authorise_lookup(balikesir_member, balikesir, "cagri")
    assert_one_404(
        lambda: authorise_lookup(balikesir_member, balikesir, "kurum"),
        lambda: authorise_lookup(balikesir_expert, balikesir, "unknown"),
    )
