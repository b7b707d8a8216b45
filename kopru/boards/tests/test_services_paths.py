"""Boards' services, the paths the flows do not walk: seats' terms and editing, the
meeting's status, the agenda's order, documents, guests and walk-ins, link reissue,
RSVP refusals, attendance undone, and every refusal of the minutes' phases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kopru.boards import services
from kopru.boards.models import (
    AgendaItem,
    Invitation,
    MeetingDocument,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesStatus,
    Rsvp,
    Visibility,
)
from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import TeamMember

from .factories import (
    BodyFactory,
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesCommentFactory,
    MinutesFactory,
)

pytestmark = pytest.mark.django_db


def _actions(obj: Any) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- bodies and seats --------------------------------------------------------


def test_a_body_is_created_and_edited(balikesir: Any, balikesir_expert: Any) -> None:
    with office_scope(balikesir):
        body = services.body_create(
            actor=balikesir_expert,
            office=balikesir,
            data={"name_tr": "Gençlik çalışma grubu", "visibility": Visibility.INTERNAL},
        )
        body = services.body_update(
            actor=balikesir_expert,
            body=body,
            data={"name_en": "Youth working group"},
            expected_version=body.version,
        )
    assert (body.office_id, body.name_en, body.is_public) == (
        balikesir.pk,
        "Youth working group",
        False,
    )


def test_a_seat_typed_in_its_term_and_its_refusals(
    board: Any, balikesir_expert: Any, izmir: Any
) -> None:
    org = OrganisationFactory(office=board.office)
    starts = dt.date(2026, 1, 31)
    with office_scope(board.office):
        seat = services.membership_add(
            actor=balikesir_expert,
            body=board,
            data={"organisation": org, "full_name": "Elif Arslan", "term_starts_on": starts},
        )
        # the body's usual 24 months, the day before the same day (at most the 28th)
        assert seat.term_ends_on == dt.date(2028, 1, 27)
        with pytest.raises(ApplicationError, match="bitişi başlangıçtan önce"):
            services.membership_add(
                actor=balikesir_expert,
                body=board,
                data={
                    "organisation": org,
                    "term_starts_on": starts,
                    "term_ends_on": starts - dt.timedelta(days=1),
                },
            )
    with office_scope(board.office), pytest.raises(ApplicationError, match="rehberinde değil"):
        services.membership_add(
            actor=balikesir_expert,
            body=board,
            data={"organisation": OrganisationFactory(office=izmir)},
        )


def test_a_seat_is_edited_and_ended(board: Any, balikesir_expert: Any) -> None:
    seat = MembershipFactory(body=board)
    stranger = TeamMember._base_manager.create(
        office=board.office,
        organisation=OrganisationFactory(office=board.office),
        full_name="Başka Kurumdan",
    )
    with office_scope(board.office):
        with pytest.raises(ApplicationError, match="bitişi başlangıçtan önce"):
            services.membership_update(
                actor=balikesir_expert,
                membership=seat,
                data={"term_ends_on": seat.term_starts_on - dt.timedelta(days=1)},
                expected_version=seat.version,
            )
        with pytest.raises(ApplicationError, match="rehberinde değil"):
            services.membership_update(
                actor=balikesir_expert,
                membership=seat,
                data={"person": stranger},
                expected_version=seat.version,
            )
        seat = services.membership_update(
            actor=balikesir_expert,
            membership=seat,
            data={"role": "vice_chair"},
            expected_version=seat.version,
        )
        with pytest.raises(ApplicationError, match="bitişi başlangıçtan önce"):
            services.membership_end(
                actor=balikesir_expert,
                membership=seat,
                ends_on=seat.term_starts_on - dt.timedelta(days=1),
            )
        ended = services.membership_end(
            actor=balikesir_expert, membership=seat, ends_on=timezone.localdate()
        )
    assert (ended.role, ended.term_ends_on) == ("vice_chair", timezone.localdate())
    assert "boards.membership.ended" in _actions(seat)


# --- meetings and agendas ----------------------------------------------------


def test_meeting_edits_and_status(board: Any, balikesir_expert: Any) -> None:
    ahead = MeetingFactory(body=board)
    with office_scope(board.office):
        with pytest.raises(ApplicationError, match="bitişi"):
            services.meeting_update(
                actor=balikesir_expert,
                meeting=ahead,
                data={"ends_at": ahead.starts_at - dt.timedelta(minutes=1)},
                expected_version=ahead.version,
            )
        ahead = services.meeting_update(
            actor=balikesir_expert,
            meeting=ahead,
            data={"place": "Kent Konseyi"},
            expected_version=ahead.version,
        )
        for status, reason, message in (
            ("postponed", "", "Bilinmeyen"),
            (MeetingStatus.CANCELLED, "  ", "iptal gerekçesini"),
            (MeetingStatus.HELD, "", "başlamamış"),
        ):
            with pytest.raises(ApplicationError, match=message):
                services.meeting_set_status(
                    actor=balikesir_expert, meeting=ahead, status=status, reason=reason
                )
        cancelled = services.meeting_set_status(
            actor=balikesir_expert,
            meeting=ahead,
            status=MeetingStatus.CANCELLED,
            reason=" Valilik programı değişti. ",
        )
        assert (cancelled.status, cancelled.cancel_reason) == (
            "cancelled",
            "Valilik programı değişti.",
        )
        # a cancelled meeting takes no open items, sends no invitation, has no minutes
        assert services.agenda_pull_open_items(actor=None, meeting=cancelled) == 0
        with pytest.raises(ApplicationError, match="İptal edilmiş toplantıya"):
            services.invitations_send(actor=balikesir_expert, meeting=cancelled)
        with pytest.raises(ApplicationError, match="tutanağı olmaz"):
            services.minutes_start(actor=balikesir_expert, meeting=cancelled)
    assert "boards.meeting.cancelled" in _actions(ahead)


def test_agenda_items_added_edited_moved_and_deleted(board: Any, balikesir_expert: Any) -> None:
    meeting = MeetingFactory(body=board)
    with office_scope(board.office):
        first = services.agenda_item_add(
            actor=balikesir_expert, meeting=meeting, data={"title_tr": "Açılış"}
        )
        second = services.agenda_item_add(
            actor=balikesir_expert, meeting=meeting, data={"title_tr": "Hibeler"}
        )
        third = services.agenda_item_add(
            actor=balikesir_expert, meeting=meeting, data={"title_tr": "Dilek", "order": 9}
        )
        assert (first.order, second.order, third.order) == (1, 2, 9)
        services.agenda_item_update(
            actor=balikesir_expert,
            item=second,
            data={"presenter": "Kalkınma Ajansı"},
            expected_version=second.version,
        )

        def order() -> list[str]:
            return list(
                AgendaItem.objects.filter(meeting=meeting)
                .order_by("order", "id")
                .values_list("title_tr", flat=True)
            )

        services.agenda_item_move(actor=balikesir_expert, item=third, up=True)
        assert order() == ["Açılış", "Dilek", "Hibeler"]
        services.agenda_item_move(actor=balikesir_expert, item=first, up=True)  # already first
        services.agenda_item_move(actor=balikesir_expert, item=third, up=False)
        assert order() == ["Açılış", "Hibeler", "Dilek"]
        assert list(
            AgendaItem.objects.filter(meeting=meeting)
            .order_by("order")
            .values_list("order", flat=True)
        ) == [1, 2, 3]
        services.agenda_item_delete(actor=balikesir_expert, item=second)
        assert order() == ["Açılış", "Dilek"]
        assert AgendaItem.objects.get(pk=first.pk).presenter == ""
    assert "boards.agendaitem.deleted" in _actions(meeting)


# --- documents ---------------------------------------------------------------


def test_documents_checked_added_and_deleted(
    board: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = MeetingFactory(body=board)
    with office_scope(board.office):
        with pytest.raises(ApplicationError, match="dosya türü"):
            services.document_add(
                actor=balikesir_expert,
                meeting=meeting,
                title="Betik",
                upload=SimpleUploadedFile("betik.exe", b"MZ"),
            )
        big = SimpleUploadedFile("buyuk.pdf", b"%PDF")
        big.size = services.MAX_DOCUMENT_BYTES + 1
        with pytest.raises(ApplicationError, match="20 MB"):
            services.document_add(
                actor=balikesir_expert, meeting=meeting, title="Büyük", upload=big
            )
        document = services.document_add(
            actor=balikesir_expert,
            meeting=meeting,
            title="  ",
            upload=SimpleUploadedFile("gundem.pdf", b"%PDF-1.4\n%%EOF\n"),
            is_public=True,
        )
        assert document.title == "gundem.pdf" and document.uploaded_by == balikesir_expert
        storage, name = document.file.storage, document.file.name
        assert storage.exists(name)
        with django_capture_on_commit_callbacks(execute=True):
            services.document_delete(actor=balikesir_expert, document=document)
    assert not storage.exists(name)
    assert not MeetingDocument._base_manager.filter(pk=document.pk).exists()
    other = MeetingDocumentFactory(meeting=meeting)
    assert other.file.name


# --- invitations, RSVP, attendance -------------------------------------------


def test_a_guest_a_reissued_link_and_attendance(
    board: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any, mailoutbox: Any
) -> None:
    meeting = MeetingFactory(body=board)
    with office_scope(board.office):
        guest = services.invitation_add(
            actor=balikesir_expert,
            meeting=meeting,
            data={"full_name": "Dr. Can Aydın", "email": "CAN@Example.org"},
        )
        assert guest.email == "can@example.org"
        revoked = services.invitation_revoke(actor=balikesir_expert, invitation=guest)
        with django_capture_on_commit_callbacks(execute=True):
            renewed = services.invitation_reissue(actor=balikesir_expert, invitation=revoked)
        assert renewed.revoked_at is None and renewed.sent_at is not None
        assert renewed.token_nonce not in (guest.token_nonce, revoked.token_nonce)
        assert [m.to for m in mailoutbox] == [["can@example.org"]]
        services.invitation_rsvp(invitation=renewed, answer=Rsvp.MAYBE, note=" Belki ")
        assert Invitation.objects.get(pk=guest.pk).rsvp_note == "Belki"
        with pytest.raises(ApplicationError, match="Bir yanıt seçin"):
            services.invitation_rsvp(invitation=renewed, answer="pending")

        present = services.attendance_record(actor=balikesir_expert, invitation=renewed)
        again = services.attendance_record(actor=balikesir_expert, invitation=renewed)
        assert present.checked_in_at == again.checked_in_at  # idempotent
        gone = services.attendance_remove(actor=balikesir_expert, invitation=renewed)
        assert gone.checked_in_at is None and gone.checked_in_by is None
        services.attendance_remove(actor=balikesir_expert, invitation=renewed)
        walk_in = services.walk_in_register(
            actor=balikesir_expert,
            meeting=meeting,
            data={"full_name": "Kapıdan Gelen", "organisation_name": "Kent Konseyi"},
        )
        assert walk_in.checked_in_by == balikesir_expert and walk_in.email == ""
        # no address: a new link is made but nothing is sent
        with django_capture_on_commit_callbacks(execute=True):
            quiet = services.invitation_reissue(actor=balikesir_expert, invitation=walk_in)
        assert quiet.sent_at is None and len(mailoutbox) == 1
    assert _actions(guest).count("boards.invitation.checked_in") == 1


def test_rsvp_refused_for_a_cancelled_or_past_meeting(past_meeting: Any, board: Any) -> None:
    late = Invitation._base_manager.get(meeting=past_meeting, email="ali@example.org")
    with pytest.raises(ApplicationError, match="artık değiştirilemez"):
        services.invitation_rsvp(invitation=late, answer=Rsvp.YES)
    cancelled = InvitationFactory(meeting=MeetingFactory(body=board, status="cancelled"))
    with pytest.raises(ApplicationError, match="iptal edildi"):
        services.invitation_rsvp(invitation=cancelled, answer=Rsvp.YES)


# --- minutes in phases: refusals ---------------------------------------------


def test_minutes_start_refusals(board: Any, past_meeting: Any, balikesir_expert: Any) -> None:
    with office_scope(board.office):
        with pytest.raises(ApplicationError, match="başlamadan"):
            services.minutes_start(actor=balikesir_expert, meeting=MeetingFactory(body=board))
        services.meeting_set_status(
            actor=balikesir_expert, meeting=past_meeting, status=MeetingStatus.HELD
        )
        minutes = services.minutes_start(actor=balikesir_expert, meeting=past_meeting)
        with pytest.raises(ApplicationError, match="zaten açılmış"):
            services.minutes_start(actor=balikesir_expert, meeting=past_meeting)
    assert minutes.number == 1 and "Valilik toplantı salonu," in minutes.opening


def test_circulating_and_commenting_refusals(
    past_meeting: Any, balikesir_expert: Any, board: Any
) -> None:
    empty = MinutesFactory(meeting=past_meeting, discussion="", opening="")
    zeynep = Invitation._base_manager.get(meeting=past_meeting, email="zeynep@example.org")
    stranger = InvitationFactory(meeting=MeetingFactory(body=board))
    with office_scope(board.office):
        with pytest.raises(ApplicationError, match="geçmişte olamaz"):
            services.minutes_circulate(
                actor=balikesir_expert,
                minutes=empty,
                comments_close_on=timezone.localdate() - dt.timedelta(days=1),
            )
        with pytest.raises(ApplicationError, match="Boş tutanak"):
            services.minutes_circulate(actor=balikesir_expert, minutes=empty)
        Minutes.objects.filter(pk=empty.pk).update(discussion="Görüşüldü.")
        circulated = services.minutes_circulate(
            actor=balikesir_expert, minutes=empty, comments_close_on=timezone.localdate()
        )
        with pytest.raises(ApplicationError, match="Yalnızca taslak"):
            services.minutes_circulate(actor=balikesir_expert, minutes=circulated)
    for invitation, text, message in (
        (stranger, "Bir görüş.", "davetli olduğunuz toplantının değil"),
        (zeynep, " a ", "Görüşünüzü yazın"),
        (zeynep, "x" * (services.MAX_COMMENT + 1), "5000 karakter"),
    ):
        with pytest.raises(ApplicationError, match=message):
            services.minutes_comment(invitation=invitation, minutes=circulated, text=text)
    Minutes._base_manager.filter(pk=empty.pk).update(
        comments_close_on=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(ApplicationError, match="süresi doldu"):
        services.minutes_comment(invitation=zeynep, minutes=circulated, text="Geç kalan görüş.")


def test_answers_publishing_and_corrections_refusals(
    past_meeting: Any, balikesir_expert: Any, balikesir_coordinator: Any, balikesir: Any
) -> None:
    comment = MinutesCommentFactory(minutes=MinutesFactory(meeting=past_meeting))
    draft = comment.minutes
    internal = MeetingFactory(
        body=BodyFactory(office=balikesir, visibility=Visibility.INTERNAL),
        starts_at=past_meeting.starts_at,
        ends_at=past_meeting.ends_at,
    )
    internal_minutes = MinutesFactory(meeting=internal, status=MinutesStatus.APPROVED)
    with office_scope(balikesir):
        with pytest.raises(ApplicationError, match="Yanıtı yazın"):
            services.minutes_comment_answer(actor=balikesir_expert, comment=comment, answer=" ")
        answered = services.minutes_comment_answer(
            actor=balikesir_expert, comment=comment, answer=" Düzeltildi. "
        )
        assert answered.answer == "Düzeltildi." and answered.answered_at
        with pytest.raises(ApplicationError, match="Yalnızca onaylanmış"):
            services.minutes_publish(actor=balikesir_coordinator, minutes=draft)
        with pytest.raises(ApplicationError, match="herkese açık değil"):
            services.minutes_publish(actor=balikesir_coordinator, minutes=internal_minutes)
        with pytest.raises(ApplicationError, match="düzeltme sürümü açılmadan"):
            services.minutes_correct(actor=balikesir_coordinator, minutes=draft, reason="Neden.")

        Minutes.objects.filter(pk=draft.pk).update(status=MinutesStatus.APPROVED)
        with pytest.raises(ApplicationError, match="nedenini yazın"):
            services.minutes_correct(actor=balikesir_coordinator, minutes=draft, reason=" ab ")
        correction = services.minutes_correct(
            actor=balikesir_coordinator, minutes=draft, reason="Kurum adı yanlış."
        )
        with pytest.raises(ApplicationError, match="açık bir düzeltme"):
            services.minutes_correct(
                actor=balikesir_coordinator, minutes=draft, reason="İkinci düzeltme."
            )
        # a correction is approved without circulating again, then replaces the first
        approved = services.minutes_approve(actor=balikesir_coordinator, minutes=correction)
        assert approved.status == MinutesStatus.APPROVED and approved.approved_by_id
        with pytest.raises(ApplicationError, match="daha yeni onaylı"):
            services.minutes_publish(actor=balikesir_coordinator, minutes=draft)
        with pytest.raises(ApplicationError, match="Onaylanmış tutanak"):
            services.minutes_approve(actor=balikesir_coordinator, minutes=approved)
        published = services.minutes_publish(actor=balikesir_coordinator, minutes=approved)
    assert published.status == MinutesStatus.PUBLISHED and published.published_at
    assert Membership._base_manager.count() == 2
