"""The public API exposes posts only; a responder's data is found and erased by address."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, unscoped
from kopru.partners import personal_data
from kopru.partners.models import Answer, AnswerMessage
from kopru.partners.tokens import make_token

from .factories import AnswerFactory, AnswerMessageFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/partner-searches/"


@pytest.fixture
def posts(balikesir: Any, izmir: Any) -> dict[str, Any]:
    seek = PartnerSearchFactory(
        office=balikesir, title_tr="İZMİR KÖRFEZİ TEMİZLİĞİ", countries=["DE"], created_by=None
    )
    offer = PartnerSearchFactory(
        office=izmir, kind="offering", countries=[], organisation_types=["university"]
    )
    PartnerSearchFactory(office=balikesir, status="closed", title_tr="closed-post")
    PartnerSearchFactory(
        office=balikesir, title_tr="expired-post", expires_on=timezone.localdate() - dt.timedelta(1)
    )
    AnswerMessageFactory(answer=AnswerFactory(post=seek, email="gizli@example.org"))
    return {"seek": seek, "offer": offer}


def test_api_lists_open_posts_without_anything_private(
    client: Any, posts: dict[str, Any], balikesir_expert: Any
) -> None:
    for who in (None, balikesir_expert):  # anonymous, and staff of the post's office
        if who:
            client.force_login(who)
        data = client.get(API).json()
        assert data["count"] == 2 and len(data["results"]) == 2
        text = json.dumps(data, ensure_ascii=False)
        for secret in ("gizli@example.org", "closed-post", "expired-post", "answers", "created_by"):
            assert secret not in text
        first = data["results"][0]
        assert set(first["organisation"]) == {"name", "type", "country"}
        assert first["url"].startswith("http")


@pytest.mark.parametrize(
    ("params", "kind"),
    [
        ({"q": "izmir"}, {"seeking"}),
        ({"q": "körfez"}, {"seeking"}),
        ({"kind": "offering"}, {"offering"}),
        ({"country": "DE"}, {"seeking", "offering"}),  # no country named: every country
        ({"country": "FR"}, {"offering"}),
        ({"organisation_type": "university"}, {"offering"}),
        ({"office": "izmir"}, {"offering"}),
        ({"country": "??"}, {"seeking", "offering"}),
    ],
)
def test_api_filters(client: Any, posts: dict[str, Any], params: Any, kind: set[str]) -> None:
    data = client.get(API, params).json()
    assert {r["kind"] for r in data["results"]} == kind
    assert data["count"] == len(kind)


def test_api_refuses_an_unknown_kind(client: Any, posts: dict[str, Any]) -> None:
    response = client.get(API, {"kind": "zzz"})  # issue 12: never silently ignored
    assert response.status_code == 400 and "kind" in response.json()["errors"]


def test_api_detail_and_schema(client: Any, posts: dict[str, Any]) -> None:
    seek = posts["seek"]
    assert client.get(f"{API}{seek.pk}/").json()["title_tr"] == "İZMİR KÖRFEZİ TEMİZLİĞİ"
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/partner-searches/" in schema
    for name in ("organisation_type", "country", "office", "kind"):
        assert f'"{name}"' in schema or f"name: {name}" in schema


def test_personal_data_find_and_erase(
    client_for: Any, balikesir: Any, balikesir_coordinator: Any
) -> None:
    post = PartnerSearchFactory(office=balikesir, title_tr="Gençlik ilanı")
    answer = AnswerFactory(
        post=post, email="Ayse@Example.org", responder_name="Ayşe Işık", organisation_name="X"
    )
    AnswerMessageFactory(answer=answer, body="Ben Ayşe, ortak olmak isterim.")
    AnswerMessageFactory(answer=answer, side="poster", body="Merhaba Ayşe Hanım.")
    token = make_token(answer)
    with office_scope(balikesir):
        found = personal_data.find("ayse@example.org")
    assert len(found) == 1 and found[0]["responder_name"] == "Ayşe Işık"
    assert len(found[0]["messages"]) == 2
    c = client_for(balikesir_coordinator)
    page = c.get("/balikesir/panel/kisisel-veri/?email=ayse@example.org").content.decode()
    assert "Ayşe Işık" in page
    done = c.post(
        "/balikesir/panel/kisisel-veri/sil/", {"email": "ayse@example.org", "confirm": "1"}
    )
    assert done.status_code == 302
    with unscoped("test"):
        erased = Answer.objects.get(pk=answer.pk)
        bodies = list(AnswerMessage.objects.filter(answer=answer).values_list("body", flat=True))
        assert AuditEntry.objects.filter(action="partners.answer.erased").count() == 1
    assert erased.erased_at and erased.responder_name == erased.email == "" == erased.email_key
    assert erased.organisation_name == ""
    assert bodies == ["", ""]  # the thread's messages stay as counts
    with office_scope(balikesir):
        assert personal_data.find("ayse@example.org") == []
    # the old private link no longer opens the thread
    c.logout()
    assert c.get(f"/balikesir/ortak-arama/yazisma/{token}/").status_code == 404
