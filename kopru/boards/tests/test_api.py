"""Boards in the API: public bodies, their meetings with the agenda and the published
minutes for everybody; the office's internal bodies and approved minutes for its own
staff only; every query parameter checked (400)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kopru.boards.models import MinutesStatus, Visibility

from .factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(balikesir: Any, izmir: Any) -> dict[str, Any]:
    held = timezone.now() - dt.timedelta(days=20)
    public = BodyFactory(office=balikesir, name_tr="İl AB Danışma Kurulu")
    MembershipFactory(body=public, full_name="Zeynep Kaya", email="zeynep@example.org")
    internal = BodyFactory(office=balikesir, visibility=Visibility.INTERNAL, name_tr="İç grup")
    izmir_internal = BodyFactory(office=izmir, visibility=Visibility.INTERNAL)
    published = MeetingFactory(body=public, starts_at=held, ends_at=held + dt.timedelta(hours=2))
    AgendaItemFactory(meeting=published, order=2, title_tr="İkinci madde")
    AgendaItemFactory(meeting=published, order=1, title_tr="Açılış")
    MinutesFactory(meeting=published, status=MinutesStatus.PUBLISHED, discussion="Yayımlanan")
    approved = MeetingFactory(body=public, online_url="https://meet.example.org/gizli")
    MinutesFactory(meeting=approved, status=MinutesStatus.APPROVED, discussion="Onaylı metin")
    MinutesFactory(meeting=approved, status=MinutesStatus.DRAFT, number=2, discussion="Taslak")
    return {
        "public": public,
        "internal": internal,
        "izmir_internal": izmir_internal,
        "published": published,
        "approved": approved,
        "internal_meeting": MeetingFactory(body=internal),
        "izmir_meeting": MeetingFactory(body=izmir_internal),
    }


def test_anonymous_callers_see_public_bodies_meetings_and_published_minutes(
    client: Any, records: dict[str, Any]
) -> None:
    bodies = client.get("/api/v1/boards/").json()["results"]
    assert [b["id"] for b in bodies] == [records["public"].pk]
    assert bodies[0]["members"][0]["role"] == "member"
    assert "zeynep" not in str(bodies).lower()  # organisations and roles, no person
    assert bodies[0]["url"].endswith(f"/balikesir/kurullar/{records['public'].pk}/")

    listed = client.get("/api/v1/board-meetings/").json()["results"]
    by_id = {m["id"]: m for m in listed}
    assert set(by_id) == {records["published"].pk, records["approved"].pk}
    published = by_id[records["published"].pk]
    assert [a["title_tr"] for a in published["agenda"]] == ["Açılış", "İkinci madde"]
    assert published["minutes"]["discussion"] == "Yayımlanan"
    assert published["minutes"]["pdf"].endswith("/pdf/")
    # approved but not published, and the draft correction: not for the public
    assert by_id[records["approved"].pk]["minutes"] is None
    text = str(listed)
    assert "Taslak" not in text and "Onaylı metin" not in text and "meet.example" not in text

    with_minutes = client.get("/api/v1/board-meetings/", {"minutes": "true"}).json()
    assert [m["id"] for m in with_minutes["results"]] == [records["published"].pk]
    internal = records["internal_meeting"].pk
    assert client.get(f"/api/v1/board-meetings/{internal}/").status_code == 404
    assert client.get(f"/api/v1/boards/{records['internal'].pk}/").status_code == 404


def test_staff_see_their_own_offices_internal_bodies_and_approved_minutes(
    client_for: Any, records: dict[str, Any], balikesir_expert: Any
) -> None:
    client = client_for(balikesir_expert)
    bodies = {b["id"] for b in client.get("/api/v1/boards/").json()["results"]}
    assert bodies == {records["public"].pk, records["internal"].pk}
    internal = client.get("/api/v1/boards/", {"visibility": "internal"}).json()["results"]
    assert [b["id"] for b in internal] == [records["internal"].pk]
    assert "/panel/" in internal[0]["url"]
    meetings = {m["id"]: m for m in client.get("/api/v1/board-meetings/").json()["results"]}
    assert records["internal_meeting"].pk in meetings
    assert records["izmir_meeting"].pk not in meetings
    approved = meetings[records["approved"].pk]["minutes"]
    assert approved["status"] == "approved" and approved["discussion"] == "Onaylı metin"
    izmir = records["izmir_meeting"].pk
    assert client.get(f"/api/v1/board-meetings/{izmir}/").status_code == 404


def test_filters(client: Any, records: dict[str, Any]) -> None:
    public = records["public"].pk
    by_body = client.get("/api/v1/board-meetings/", {"body": public, "office": "balikesir"})
    assert len(by_body.json()["results"]) == 2
    today = timezone.localdate()
    past = client.get("/api/v1/board-meetings/", {"to": today.isoformat()}).json()["results"]
    assert [m["id"] for m in past] == [records["published"].pk]
    ahead = client.get("/api/v1/board-meetings/", {"from": today.isoformat()}).json()["results"]
    assert [m["id"] for m in ahead] == [records["approved"].pk]
    assert client.get("/api/v1/board-meetings/", {"status": "cancelled"}).json()["count"] == 0
    assert client.get("/api/v1/boards/", {"kind": "board", "active": "true"}).json()["count"] == 1
    assert client.get("/api/v1/boards/", {"office": "izmir"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/boards/", {"unknown": "1"}),
        ("/api/v1/boards/", {"kind": "club"}),
        ("/api/v1/boards/", {"active": "maybe"}),
        ("/api/v1/board-meetings/", {"body": "x"}),
        ("/api/v1/board-meetings/", {"body": "0"}),
        ("/api/v1/board-meetings/", {"from": "2026-13-01"}),
        ("/api/v1/board-meetings/", {"status": "postponed"}),
        ("/api/v1/board-meetings/", {"page": "0"}),
    ],
)
def test_bad_query_parameters_answer_400(
    client: Any, balikesir: Any, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["errors"]


def test_queries_do_not_grow_with_the_meetings(
    client: Any, records: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        meeting = MeetingFactory(body=records["public"])
        AgendaItemFactory(meeting=meeting)
        MinutesFactory(meeting=meeting, status=MinutesStatus.PUBLISHED)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/board-meetings/").status_code == 200


def test_the_schema_documents_both_endpoints(client: Any, db: Any) -> None:
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    meetings = {p["name"] for p in paths["/api/v1/board-meetings/"]["get"]["parameters"]}
    assert {"office", "body", "status", "from", "to", "minutes", "page"} <= meetings
    assert "/api/v1/boards/{id}/" in paths
