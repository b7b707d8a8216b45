"""The foundation's static accessibility checks on this app's public pages, including
the ones with arguments (the post page with its form, the private thread)."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.tests.test_accessibility import PageAudit, unlabelled
from kopru.partners.tokens import make_token

from .factories import AnswerFactory, AnswerMessageFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_are_labelled_and_load_nothing_from_outside(
    client: Any, balikesir: Any, prefix: str
) -> None:
    post = PartnerSearchFactory(office=balikesir)
    answer = AnswerFactory(post=post)
    AnswerMessageFactory(answer=answer)
    closed = PartnerSearchFactory(office=balikesir, status="closed")
    urls = [
        "/balikesir/ortak-arama/",
        "/balikesir/ortak-arama/?q=zzzz",
        f"/balikesir/ortak-arama/{post.pk}/",
        f"/balikesir/ortak-arama/{closed.pk}/",
        f"/balikesir/ortak-arama/yazisma/{make_token(answer)}/?yeni=1",
        "/balikesir/",
    ]
    problems = []
    for url in urls:
        response = client.get(prefix + url)
        assert response.status_code == 200, url
        audit = PageAudit()
        audit.feed(response.content.decode())
        if audit.lang != ("en" if prefix else "tr"):
            problems.append(f"{url}: lang {audit.lang}")
        if audit.h1 != 1:
            problems.append(f"{url}: {audit.h1} h1")
        if not (audit.skip_link and audit.main):
            problems.append(f"{url}: no skip link")
        if missing := unlabelled(audit):
            problems.append(f"{url}: unlabelled {missing}")
        if audit.external or audit.images_without_alt:
            problems.append(f"{url}: {audit.external} {audit.images_without_alt}")
    assert problems == []
