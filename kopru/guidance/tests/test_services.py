"""The desk's operations: opening, answering, assigning, following up, closing, erasing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.accounts.models import Role
from kopru.core.audit import history_for
from kopru.core.errors import ApplicationError
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import UserFactory
from kopru.guidance import selectors, services
from kopru.guidance.models import Case, CaseEntry, Channel, EntryKind, Outcome, Status, Topic

pytestmark = pytest.mark.django_db


def _submit(office: Any, **overrides: Any) -> Case:
    data = {
        "requester_name": "Ayşe Yılmaz",
        "requester_email": "Ayse@Example.org",
        "requester_phone": "",
        "requester_organisation_name": "Karesi Gençlik Derneği",
        "requester_type": "ngo",
        "priority_group": True,
        "topic": Topic.YOUTH_MOBILITY,
        "subject": "Gençlik değişimi için ortak arıyoruz",
        "message": "Erasmus+ KA152 gençlik değişimi için hangi tarihlere dikkat etmeliyiz?",
        "call": None,
        **overrides,
    }
    return services.case_submit(office=office, data=data, consent_text="KVKK", language="tr")


def test_web_request_gets_a_reference_per_office_and_year(
    balikesir: Any, izmir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with office_scope(balikesir):
            first = _submit(balikesir)
            second = _submit(balikesir)
        with office_scope(izmir):
            other = _submit(izmir)
    year = timezone.localdate().year
    assert first.reference == f"10-{year}-00001"
    assert second.reference == f"10-{year}-00002"
    assert other.reference == f"35-{year}-00001"
    assert first.channel == Channel.WEB_FORM and first.status == Status.NEW
    assert first.consent_at is not None and first.consent_text == "KVKK"
    assert first.email_key == "ayse@example.org"
    # The acknowledgement carries the reference and the private link.
    acks = [m for m in mail.outbox if first.reference in m.subject]
    assert len(acks) == 1 and acks[0].to == ["Ayse@Example.org"]
    assert f"/balikesir/danisma/takip/{first.private_token}/" in acks[0].body


def test_consent_is_required(balikesir: Any) -> None:
    with office_scope(balikesir), pytest.raises(ApplicationError):
        services.case_submit(
            office=balikesir,
            data={"topic": Topic.OTHER, "subject": "x", "message": "y"},
            consent_text="",
            language="tr",
        )


def test_reply_records_the_first_answer_time_and_mails_the_requester(
    balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
        opened = case.opened_at
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            case = services.case_reply(
                case=case,
                body="Son başvuru 1 Ekim; belgeleri ekte bulabilirsiniz.",
                actor=balikesir_expert,
            )
        assert case.status == Status.ANSWERED
        assert case.assigned_to_id == balikesir_expert.pk  # whoever answers first takes it
        assert case.first_response_at is not None
        assert case.first_response_seconds == int((case.first_response_at - opened).total_seconds())
        assert len(mail.outbox) == 1
        assert "Son başvuru 1 Ekim" in mail.outbox[0].body
        assert balikesir_expert.email not in mail.outbox[0].to
        first = case.first_response_at
        case = services.case_reply(
            case=case, body="Bir ek bilgi.", actor=balikesir_expert, wait_for_requester=True
        )
        assert case.first_response_at == first
        assert case.status == Status.WAITING
        assert CaseEntry.objects.filter(case=case, kind=EntryKind.REPLY).count() == 2


def test_assign_is_one_audited_action_and_only_to_staff_of_the_office(
    balikesir: Any,
    izmir: Any,
    balikesir_coordinator: Any,
    balikesir_expert: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    other_expert = UserFactory(
        username="b.uzman2", role=Role.EXPERT, office=balikesir, email="uzman2@example.org"
    )
    izmir_expert = UserFactory(username="i.uzman9", role=Role.EXPERT, office=izmir)
    with office_scope(balikesir):
        case = _submit(balikesir)
        with django_capture_on_commit_callbacks(execute=True):
            case = services.case_assign(
                case=case, assignee=other_expert, actor=balikesir_coordinator
            )
        assert case.status == Status.ASSIGNED and case.assigned_to == other_expert
        assert any(m.to == ["uzman2@example.org"] for m in mail.outbox)
        entry = history_for(case).filter(action="guidance.case.assigned").get()
        assert entry.changes["assigned_to"][1]["id"] == other_expert.pk
        with pytest.raises(ApplicationError):
            services.case_assign(case=case, assignee=izmir_expert, actor=balikesir_coordinator)
        # An expert does not take a colleague's case away.
        with pytest.raises(ApplicationError):
            services.case_assign(case=case, assignee=balikesir_expert, actor=balikesir_expert)
        # ...but the holder can hand it on.
        case = services.case_assign(case=case, assignee=balikesir_expert, actor=other_expert)
        assert case.assigned_to == balikesir_expert


def test_close_needs_an_outcome_and_measures_the_time_to_close(
    balikesir: Any, balikesir_expert: Any
) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
        with pytest.raises(ApplicationError):
            services.case_close(case=case, outcome="", actor=balikesir_expert)
        case = services.case_close(
            case=case, outcome=Outcome.SUBMITTED, actor=balikesir_expert, note="Başvuru yapıldı."
        )
        assert (
            case.status == Status.CLOSED and case.closed_at and case.resolution_seconds is not None
        )
        with pytest.raises(ApplicationError):
            services.case_reply(case=case, body="geç", actor=balikesir_expert)
        case = services.case_reopen(case=case, actor=balikesir_expert)
        assert case.status == Status.IN_PROGRESS and case.closed_at is None and not case.outcome


def test_status_moves_are_checked(balikesir: Any, balikesir_expert: Any) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
        with pytest.raises(ApplicationError):
            services.case_set_status(case=case, status=Status.CLOSED, actor=balikesir_expert)
        case = services.case_set_status(case=case, status=Status.WAITING, actor=balikesir_expert)
        assert case.status == Status.WAITING


def test_requester_message_reopens_and_tells_the_expert(
    balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    balikesir_expert.email = "uzman@example.org"
    balikesir_expert.save()
    with office_scope(balikesir):
        case = _submit(balikesir)
        case = services.case_reply(case=case, body="Yanıt", actor=balikesir_expert)
        case = services.case_close(case=case, outcome=Outcome.ADVICE, actor=balikesir_expert)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            case = services.case_requester_message(case=case, body="Bir sorum daha var.")
        assert case.status == Status.IN_PROGRESS and case.closed_at is None
        assert mail.outbox[0].to == ["uzman@example.org"]
        assert "Bir sorum daha var." in mail.outbox[0].body


def test_quick_log_of_a_phone_call_answered_on_the_spot(
    balikesir: Any, balikesir_expert: Any
) -> None:
    with office_scope(balikesir):
        case = services.case_log(
            office=balikesir,
            data={
                "channel": Channel.PHONE,
                "topic": Topic.FUNDING,
                "subject": "GMKA mali destek programı",
                "requester_name": "Mehmet Demir",
                "advice": "Program rehberi anlatıldı.",
                "answered_now": True,
                "follow_up_on": timezone.localdate() + dt.timedelta(days=7),
            },
            actor=balikesir_expert,
        )
        assert case.channel == Channel.PHONE
        assert case.assigned_to == balikesir_expert
        assert case.status == Status.ANSWERED and case.first_response_seconds == 0
        assert case.follow_up_on is not None
        kinds = list(case.entries.values_list("kind", flat=True))
        assert EntryKind.REPLY in kinds and EntryKind.FOLLOW_UP in kinds
        with pytest.raises(ApplicationError):
            services.case_log(
                office=balikesir,
                data={"channel": Channel.WEB_FORM, "topic": Topic.OTHER, "subject": "x"},
                actor=balikesir_expert,
            )


def test_private_link_opens_only_its_own_case_and_stops_after_renewal(
    balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
    token = case.private_token
    assert selectors.case_for_token(balikesir, token).pk == case.pk
    assert selectors.case_for_token(izmir, token) is None
    assert selectors.case_for_token(balikesir, token[:-2] + "xx") is None
    with office_scope(balikesir):
        services.case_new_link(case=case, actor=balikesir_expert)
    assert selectors.case_for_token(balikesir, token) is None
    case.refresh_from_db()
    assert selectors.case_for_token(balikesir, case.private_token).pk == case.pk


def test_erasure_keeps_the_counts_and_drops_the_person(
    balikesir: Any, balikesir_coordinator: Any, balikesir_expert: Any
) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
        services.case_reply(case=case, body="Sayın Ayşe Hanım, ...", actor=balikesir_expert)
        _submit(balikesir, requester_email="baska@example.org")
        token = case.private_token
        assert services.requester_erase(email="AYSE@example.org", actor=balikesir_coordinator) == 1
        case.refresh_from_db()
        assert case.requester_name == "" and case.requester_email == "" and case.message == ""
        assert case.erased_at is not None and case.first_response_seconds is not None
        assert not case.entries.exclude(body="").exists()
        assert Case.objects.count() == 2
        assert "ayse" not in case.search_document
    assert selectors.case_for_token(balikesir, token) is None


def test_overview_counts_workload_overdue_and_percentiles(
    balikesir: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    today = timezone.localdate()
    with office_scope(balikesir):
        cases = [_submit(balikesir) for _ in range(5)]
        # First answers after 1, 2, 3, 4 and 10 hours: median 3 h, p90 10 h (nearest rank).
        for case, hours in zip(cases, (1, 2, 3, 4, 10), strict=True):
            services.case_reply(
                case=case,
                body="Yanıt",
                actor=balikesir_expert,
                answered_at=case.opened_at + dt.timedelta(hours=hours),
            )
        services.case_set_follow_up(
            case=cases[0], follow_up_on=today - dt.timedelta(days=1), actor=balikesir_expert
        )
        services.case_close(case=cases[4], outcome=Outcome.ADVICE, actor=balikesir_expert)
        unassigned = _submit(balikesir)
        overview = selectors.desk_overview(today=today)
    assert overview.open_total == 5 and overview.unassigned == 1
    assert overview.overdue_total == 1 and [c.pk for c in overview.overdue] == [cases[0].pk]
    expert = next(e for e in overview.experts if e.user_id == balikesir_expert.pk)
    assert expert.open == 4 and expert.overdue == 1
    assert expert.first_answer.median == 3.0 and expert.first_answer.p90 == 10.0
    assert overview.first_answer.count == 5
    this_month = overview.months[-1]
    assert this_month.opened == 6 and this_month.first_answer.median == 3.0
    assert this_month.closing.count == 1
    assert {c: n for c, _l, n in overview.by_channel} == {"web_form": 6}
    assert unassigned.pk not in [c.pk for c in overview.overdue]


def test_overview_never_counts_another_office(
    balikesir: Any, izmir: Any, izmir_expert: Any
) -> None:
    with office_scope(izmir):
        _submit(izmir)
    with office_scope(balikesir):
        overview = selectors.desk_overview()
    assert overview.open_total == 0 and overview.months[-1].opened == 0


def test_the_reply_mail_is_recorded_on_the_answer_once_it_went_out(
    balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with office_scope(balikesir):
        case = _submit(balikesir)
        no_address = _submit(balikesir, requester_email="")
        with django_capture_on_commit_callbacks(execute=True):
            services.case_reply(case=case, body="Yanıtımız ekte.", actor=balikesir_expert)
            services.case_reply(case=no_address, body="Yanıtımız ekte.", actor=balikesir_expert)
        sent = CaseEntry.objects.get(case=case, kind=EntryKind.REPLY)
        kept = CaseEntry.objects.get(case=no_address, kind=EntryKind.REPLY)
    assert sent.emailed_at is not None
    assert kept.emailed_at is None
