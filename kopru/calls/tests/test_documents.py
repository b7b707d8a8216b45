"""Call documents are served by the application, never straight from the media folder."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.calls.models import State
from kopru.calls.tests.factories import CallDocumentFactory, CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def test_a_published_calls_document_is_public_a_drafts_is_not(
    client: Any, balikesir: Any, izmir: Any
) -> None:
    published = CallDocumentFactory(call=PublishedCallFactory(office=balikesir))
    draft = CallDocumentFactory(call=CallFactory(office=balikesir, state=State.DRAFT))
    response = client.get(f"/balikesir/cagrilar/belge/{published.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/balikesir/cagrilar/belge/{draft.pk}/").status_code == 404
    # Another office's own (non-national) call is not in this office's catalogue.
    assert client.get(f"/izmir/cagrilar/belge/{published.pk}/").status_code == 404
    page = client.get(f"/balikesir/cagrilar/{published.call_id}/").content.decode()
    assert f"/balikesir/cagrilar/belge/{published.pk}/" in page
    assert "/media/" not in page


def test_staff_open_their_offices_draft_documents(
    client_for: Any, balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    own = CallDocumentFactory(office=balikesir)
    other = CallDocumentFactory(office=izmir)
    client = client_for(balikesir_expert)
    assert client.get(f"/balikesir/panel/cagrilar/belge/{own.pk}/").status_code == 200
    assert client.get(f"/balikesir/panel/cagrilar/belge/{other.pk}/").status_code == 404


def test_the_call_page_offers_guidance_and_partner_search_for_the_call(
    client: Any, balikesir: Any
) -> None:
    call = PublishedCallFactory(office=balikesir)
    page = client.get(f"/balikesir/cagrilar/{call.pk}/").content.decode()
    assert f"/balikesir/danisma/?cagri={call.pk}" in page
    assert f"/balikesir/ortak-arama/?cagri={call.pk}" in page
