"""Boards' services: seats from the directory, meetings whose agenda draft takes the
body's open items from the registry, invitations and RSVP, minutes in phases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from kopru.boards import services
from kopru.boards.models import (
    AgendaItem,
    Invitation,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Rsvp,
)
from kopru.core.errors import ApplicationError, ConcurrentEditError
from kopru.core.registry import AgendaSource, Registry, ref
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import TeamMember

from .factories import InvitationFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def open_items(meeting: Any) -> list[dict[str, Any]]:
    """What the decisions register would give: the body's open actions."""
    return [
        {"key": "decisions.action:1", "title_tr": "Hibe takvimi eylemi", "presenter": "Ajans"},
        {"key": "decisions.action:2", "title_tr": "Eşleştirme projesi eylemi"},
    ]


def test_a_seat_takes_the_person_from_the_directory(board: Any, balikesir_expert: Any) -> None:
    org = OrganisationFactory(office=board.office, name="Güney Marmara Kalkınma Ajansı")
    person = TeamMember._base_manager.create(
        office=board.office,
        organisation=org,
        full_name="Hasan Demir",
        job_title="Genel Sekreter",
        email="hasan@example.org",
    )
    with office_scope(board.office):
        seat = services.membership_add(
            actor=balikesir_expert,
            body=board,
            data={"organisation": org, "person": person, "role": "secretariat"},
        )
    assert (seat.full_name, seat.email, seat.job_title) == (
        "Hasan Demir",
        "hasan@example.org",
        "Genel Sekreter",
    )
    assert seat.term_ends_on is not None and seat.term_ends_on > seat.term_starts_on
    other = OrganisationFactory(office=board.office)
    with office_scope(board.office), pytest.raises(ApplicationError, match="rehberinde değil"):
        services.membership_add(
            actor=balikesir_expert, body=board, data={"organisation": other, "person": person}
        )


def test_the_agenda_draft_takes_the_open_items_by_itself(
    board: Any, balikesir_expert: Any, monkeypatch: Any
) -> None:
    config = apps.get_app_config("boards")
    source = AgendaSource(key="test", label="x", items=ref(f"{__name__}.open_items"))
    monkeypatch.setattr(config, "declarations", (*config.declarations, source))
    monkeypatch.setattr(services, "registry", Registry())
    start = timezone.now() + dt.timedelta(days=10)
    with office_scope(board.office):
        meeting = services.meeting_create(
            actor=balikesir_expert,
            body=board,
            data={"title_tr": "2. toplantı", "starts_at": start, "ends_at": start},
        )
        titles = list(AgendaItem.objects.filter(meeting=meeting).values_list("title_tr", "order"))
        assert titles == [("Hibe takvimi eylemi", 1), ("Eşleştirme projesi eylemi", 2)]
        # Pulling again adds nothing already there.
        assert services.agenda_pull_open_items(actor=balikesir_expert, meeting=meeting) == 0
    assert meeting.number == 1


def test_meeting_end_before_start_is_refused(board: Any, balikesir_expert: Any) -> None:
    start = timezone.now()
    with office_scope(board.office), pytest.raises(ApplicationError, match="bitişi"):
        services.meeting_create(
            actor=balikesir_expert,
            body=board,
            data={"title_tr": "x", "starts_at": start, "ends_at": start - dt.timedelta(hours=1)},
        )


def test_rsvp_through_a_revoked_link_is_refused(board: Any, balikesir_expert: Any) -> None:
    invitation = InvitationFactory(meeting__body=board, office=board.office)
    with office_scope(board.office):
        services.invitation_rsvp(invitation=invitation, answer=Rsvp.YES)
        revoked = services.invitation_revoke(actor=balikesir_expert, invitation=invitation)
    assert revoked.token_nonce != invitation.token_nonce
    with pytest.raises(ApplicationError, match="iptal edilmiş"):
        services.invitation_rsvp(invitation=revoked, answer=Rsvp.NO)
    assert Invitation._base_manager.get(pk=invitation.pk).rsvp == Rsvp.YES


def test_members_in_term_are_invited_once(board: Any, balikesir_expert: Any) -> None:
    start = timezone.now() + dt.timedelta(days=3)
    with office_scope(board.office):
        meeting = services.meeting_create(
            actor=balikesir_expert,
            body=board,
            data={"title_tr": "x", "starts_at": start, "ends_at": start},
        )
        assert services.invitations_for_members(actor=balikesir_expert, meeting=meeting) == 2
        assert services.invitations_for_members(actor=balikesir_expert, meeting=meeting) == 0
        assert services.invitations_send(actor=balikesir_expert, meeting=meeting) == 2


def test_minutes_go_through_their_phases(
    past_meeting: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    zeynep = Invitation._base_manager.get(meeting=past_meeting, email="zeynep@example.org")
    with office_scope(past_meeting.office):
        minutes = services.minutes_start(actor=balikesir_expert, meeting=past_meeting)
        assert "1 katılımcıyla" in minutes.opening
        with pytest.raises(ApplicationError, match="görüşe açık değil"):
            services.minutes_comment(invitation=zeynep, minutes=minutes, text="Bir görüş.")
        with pytest.raises(ApplicationError, match="görüşüne açılmalıdır"):
            services.minutes_approve(actor=balikesir_coordinator, minutes=minutes)
        minutes = services.minutes_update(
            actor=balikesir_expert,
            minutes=minutes,
            data={"discussion": "Hibe takvimi görüşüldü."},
            expected_version=minutes.version,
        )
        minutes = services.minutes_circulate(actor=balikesir_expert, minutes=minutes)
        services.minutes_comment(invitation=zeynep, minutes=minutes, text="Oda adı eksik.")
        minutes = services.minutes_approve(actor=balikesir_coordinator, minutes=minutes)
        assert minutes.status == MinutesStatus.APPROVED
        with pytest.raises(ApplicationError, match="Onaylanmış tutanak değiştirilemez"):
            services.minutes_update(
                actor=balikesir_expert,
                minutes=minutes,
                data={"discussion": "Başka bir şey."},
                expected_version=minutes.version,
            )
        minutes = services.minutes_publish(actor=balikesir_coordinator, minutes=minutes)
        assert minutes.status == MinutesStatus.PUBLISHED
        correction = services.minutes_correct(
            actor=balikesir_coordinator, minutes=minutes, reason="Katılımcı adı yanlış yazılmış."
        )
    assert (correction.number, correction.corrects_id) == (2, minutes.pk)
    assert correction.status == MinutesStatus.DRAFT
    assert Minutes._base_manager.get(pk=minutes.pk).discussion == "Hibe takvimi görüşüldü."
    assert Invitation._base_manager.get(pk=zeynep.pk).meeting.status == MeetingStatus.HELD


def test_two_secretaries_do_not_overwrite_each_other(
    past_meeting: Any, balikesir_expert: Any
) -> None:
    minutes = MinutesFactory(meeting=past_meeting)
    version = minutes.version
    with office_scope(past_meeting.office):
        services.minutes_update(
            actor=balikesir_expert,
            minutes=Minutes.objects.get(pk=minutes.pk),
            data={"discussion": "Birinci sekreter."},
            expected_version=version,
        )
        with pytest.raises(ConcurrentEditError):
            services.minutes_update(
                actor=balikesir_expert,
                minutes=Minutes.objects.get(pk=minutes.pk),
                data={"discussion": "İkinci sekreter."},
                expected_version=version,
            )
    assert Minutes._base_manager.get(pk=minutes.pk).discussion == "Birinci sekreter."
