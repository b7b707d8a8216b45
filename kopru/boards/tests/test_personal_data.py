"""Boards' part of a KVKK request through the panel's personal-data page: a person's
seats, invitations (RSVP note, attendance) and comments on minutes are found, exported
and erased; the rows stay, so the body's seat count, the meeting's RSVP and attendance
figures and the minutes' comment count are unchanged; the person's link stops working;
another person and another office are untouched."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from kopru.boards import personal_data, selectors
from kopru.boards.models import Invitation, Membership, MinutesComment, MinutesStatus, Rsvp
from kopru.boards.tokens import make_token
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope

from .factories import (
    BodyFactory,
    MembershipFactory,
    MinutesCommentFactory,
    MinutesFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = "zeynep@example.org"


@pytest.fixture
def zeynep(board: Any, past_meeting: Any, izmir: Any) -> dict[str, Any]:
    """Zeynep's seat (from the board fixture), her invitation (she came, with a note) and
    her comment on the circulated minutes; Ali's invitation and comment beside hers; an
    İzmir seat under the same address."""
    seat = Membership._base_manager.get(body=board, email=ADDRESS)
    invitation = Invitation._base_manager.get(meeting=past_meeting, email=ADDRESS)
    Invitation._base_manager.filter(pk=invitation.pk).update(
        rsvp=Rsvp.YES, rsvp_note="Tekerlekli sandalye erişimi gerekiyor."
    )
    minutes = MinutesFactory(meeting=past_meeting, status=MinutesStatus.CIRCULATED)
    comment = MinutesCommentFactory(
        minutes=minutes, invitation=invitation, text="Zeynep Kaya: ikinci maddede düzeltme."
    )
    ali = Invitation._base_manager.get(meeting=past_meeting, email="ali@example.org")
    other_comment = MinutesCommentFactory(minutes=minutes, invitation=ali, text="Ali'nin görüşü")
    elsewhere = MembershipFactory(body=BodyFactory(office=izmir), email=ADDRESS)
    return {
        "seat": seat,
        "invitation": invitation,
        "comment": comment,
        "other_comment": other_comment,
        "elsewhere": elsewhere,
        "minutes": minutes,
    }


def _figures(board: Any, meeting: Any, minutes: Any) -> dict[str, Any]:
    with office_scope(board.office):
        invites = selectors.invitations(meeting)
        return {
            "seats": Membership.objects.filter(body=board).count(),
            "rsvp": selectors.rsvp_counts(invites),
            "present": len(selectors.attendees(meeting)["present"]),
            "comments": len(selectors.comments(minutes)),
        }


def test_find_lists_seats_invitations_and_comments_of_the_office_only(
    zeynep: dict[str, Any], board: Any
) -> None:
    with office_scope(board.office):
        found = personal_data.find("  Zeynep@Example.org ")
    assert [f["record"] for f in found] == ["membership", "invitation"]
    seat, invitation = found
    assert seat["body"] == board.name_tr and seat["role"] == "chair"
    assert invitation["rsvp"] == Rsvp.YES
    assert invitation["rsvp_note"] == "Tekerlekli sandalye erişimi gerekiyor."
    assert invitation["checked_in_at"] is not None
    assert invitation["comments_on_minutes"] == ["Zeynep Kaya: ikinci maddede düzeltme."]
    with office_scope(board.office):
        assert personal_data.find("") == []
        assert personal_data.find("nobody@example.org") == []


def test_the_panel_page_exports_and_erases_keeping_the_figures(
    client_for: Any,
    zeynep: dict[str, Any],
    board: Any,
    past_meeting: Any,
    balikesir_coordinator: Any,
) -> None:
    client = client_for(balikesir_coordinator)
    kw = {"office_slug": "balikesir"}
    page = client.get(reverse("panel:core:personal_data", kwargs=kw), {"email": ADDRESS})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kurul üyelikleri ve toplantı davetleri" in text and board.name_tr in text

    export = client.post(
        reverse("panel:core:personal_data_export", kwargs=kw), {"email": ADDRESS, "fmt": "json"}
    )
    assert export.status_code == 200
    exported = json.loads(export.content)
    assert "ikinci maddede düzeltme" in json.dumps(exported, ensure_ascii=False)

    old_link = make_token(zeynep["invitation"])
    before = _figures(board, past_meeting, zeynep["minutes"])
    erased = client.post(
        reverse("panel:core:personal_data_erase", kwargs=kw), {"email": ADDRESS, "confirm": "1"}
    )
    assert erased.status_code == 302
    assert _figures(board, past_meeting, zeynep["minutes"]) == before

    seat = Membership._base_manager.get(pk=zeynep["seat"].pk)
    assert (seat.full_name, seat.email, seat.person_id) == ("", "", None) and seat.erased_at
    assert seat.role == "chair"  # the role is the body's, not the person's
    invitation = Invitation._base_manager.get(pk=zeynep["invitation"].pk)
    assert invitation.email == "" and invitation.rsvp_note == "" and invitation.erased_at
    assert invitation.rsvp == Rsvp.YES and invitation.checked_in_at is not None
    assert "zeynep" not in invitation.name_search
    assert "Zeynep" not in MinutesComment._base_manager.get(pk=zeynep["comment"].pk).text
    assert make_token(invitation) != old_link
    assert client.get(f"/balikesir/kurullar/davet/{old_link}/").status_code == 404

    # Ali and the İzmir seat under the same address are untouched
    assert MinutesComment._base_manager.get(pk=zeynep["other_comment"].pk).text == (
        "Ali'nin görüşü"
    )
    assert Membership._base_manager.get(pk=zeynep["elsewhere"].pk).email == ADDRESS
    with office_scope(board.office):
        assert personal_data.find(ADDRESS) == []
        assert personal_data.erase(ADDRESS, balikesir_coordinator) == 0
    entry = AuditEntry.objects.filter(action="boards.person.erased").get()
    assert ADDRESS not in json.dumps(entry.data)
