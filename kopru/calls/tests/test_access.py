"""Access helpers of the calls app: missing and forbidden are the same 404; one view per
action on a call, each refusing another office's call."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.calls.models import Call, Level, State
from kopru.calls.permissions import access_call, access_document
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.access_checks import MISSING, assert_one_404

from .factories import CallDocumentFactory, CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def test_access_call(balikesir: Any, izmir: Any, balikesir_expert: Any) -> None:
    own = CallFactory(office=balikesir)
    izmir_draft = CallFactory(office=izmir)
    national = PublishedCallFactory(office=izmir, level=Level.NATIONAL)
    with office_scope(balikesir):
        assert access_call(balikesir_expert, own.pk, office=balikesir, for_="edit") == own
        # A national call of another office is in the panel (to read), never to change.
        assert access_call(balikesir_expert, national.pk, office=balikesir) == national
        assert_one_404(
            lambda: access_call(balikesir_expert, MISSING, office=balikesir),
            lambda: access_call(balikesir_expert, izmir_draft.pk, office=balikesir),
            lambda: access_call(balikesir_expert, national.pk, office=balikesir, for_="edit"),
        )


def test_access_document(balikesir: Any, izmir: Any, balikesir_expert: Any) -> None:
    own = CallDocumentFactory(office=balikesir)
    other = CallDocumentFactory(office=izmir)
    with office_scope(balikesir):
        assert access_document(balikesir_expert, own.pk) == own
        assert_one_404(
            lambda: access_document(balikesir_expert, MISSING),
            lambda: access_document(balikesir_expert, other.pk),
        )


def test_one_view_per_action(client_for: Any, balikesir_expert: Any, izmir: Any) -> None:
    client = client_for(balikesir_expert)
    call = CallFactory(office=balikesir_expert.office)
    base = f"/balikesir/panel/cagrilar/{call.pk}/"
    # The detail page only shows; each change has its own address.
    assert client.post(base, {"action": "publish"}).status_code == 405
    assert client.get(f"{base}yayimla/").status_code == 405
    assert client.post(f"{base}yayimla/").status_code == 302
    assert client.post(f"{base}taslaga-dondur/").status_code == 302
    assert client.post(f"{base}baglanti/", {"link-title": "Portal", "link-url": "https://e.eu/"})
    link = call.links.get()
    assert client.post(f"{base}baglanti/kaldir/", {"link": link.pk}).status_code == 302
    assert not call.links.exists()
    assert client.post(f"{base}baglanti/kaldir/", {"link": "abc"}).status_code == 404
    assert client.post(f"{base}arsivle/").status_code == 302
    with unscoped("test"):
        call.refresh_from_db()
    assert call.state == State.ARCHIVED
    other = PublishedCallFactory(office=izmir, level=Level.NATIONAL)
    for action in ("yayimla", "arsivle", "taslaga-dondur", "baglanti", "belge-ekle"):
        url = f"/balikesir/panel/cagrilar/{other.pk}/{action}/"
        assert client.post(url).status_code == 404, url
    with unscoped("test"):
        assert Call.objects.get(pk=other.pk).state == State.PUBLISHED
