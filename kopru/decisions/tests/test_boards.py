"""Decisions taken in a board's meeting: the meeting's body and date, a due date before
the meeting refused, open actions drawn onto the next meeting's agenda, the decisions
in the minutes, the body filter of the public page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kopru.boards import services as board_services
from kopru.boards.models import AgendaItem, Visibility
from kopru.boards.tests.factories import BodyFactory, MeetingFactory
from kopru.core.errors import ApplicationError
from kopru.core.registry import AgendaSource, MeetingDecisions, registry
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.decisions import selectors, services
from kopru.decisions.models import Status

from .factories import DecisionFactory

pytestmark = pytest.mark.django_db


def _past_meeting(body: Any, days: int = 30) -> Any:
    start = timezone.now() - dt.timedelta(days=days)
    return MeetingFactory(body=body, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def test_decision_in_a_meeting_takes_its_body_and_date_and_refuses_an_earlier_due_date(
    balikesir: Any, balikesir_expert: Any
) -> None:
    body = BodyFactory(office=balikesir)
    meeting = _past_meeting(body)
    owner = OrganisationFactory(office=balikesir)
    meeting_day = timezone.localtime(meeting.starts_at).date()
    data = {
        "meeting": meeting,
        "title_tr": "Kırsal kadın kooperatiflerine IPARD bilgilendirmesi",
        "text_tr": "Tarım ve Orman İl Müdürlüğü üç ilçede bilgilendirme yapar.",
        "owner": owner,
        "due_date": meeting_day - dt.timedelta(days=1),
    }
    with office_scope(balikesir):
        with pytest.raises(ApplicationError) as exc:
            services.decision_create(office=balikesir, data=data, actor=balikesir_expert)
        assert "toplantıdan" in exc.value.message
        decision = services.decision_create(
            office=balikesir,
            data={**data, "due_date": meeting_day + dt.timedelta(days=60)},
            actor=balikesir_expert,
        )
    assert decision.body == body
    assert decision.decided_on == meeting_day


def test_open_actions_are_drawn_onto_the_next_meeting_agenda(
    balikesir: Any, balikesir_expert: Any
) -> None:
    body = BodyFactory(office=balikesir)
    past = _past_meeting(body)
    open_action = DecisionFactory(
        office=balikesir, meeting=past, body=body, status=Status.IN_PROGRESS, progress=40
    )
    DecisionFactory(office=balikesir, meeting=past, body=body, status=Status.DONE, progress=100)
    DecisionFactory(office=balikesir)  # entered alone, no body
    upcoming = MeetingFactory(body=body)
    assert [s.key for s in registry.of(AgendaSource)] == ["decisions"]
    with office_scope(balikesir):
        items = selectors.agenda_items(upcoming)
        assert [i["key"] for i in items] == [f"decisions.action:{open_action.pk}"]
        assert "%40" in items[0]["description"]
        assert board_services.agenda_pull_open_items(actor=balikesir_expert, meeting=upcoming) == 1
        assert board_services.agenda_pull_open_items(actor=balikesir_expert, meeting=upcoming) == 0
        assert AgendaItem.objects.filter(meeting=upcoming).count() == 1
        minutes = next(s for s in registry.of(MeetingDecisions) if s.key == "decisions")
        taken = minutes.decisions(past)
    assert len(taken) == 2 and taken[0]["owner"] == open_action.owner.name


def test_public_page_filters_by_public_body_only(client: Any, balikesir: Any) -> None:
    board = BodyFactory(office=balikesir, visibility=Visibility.PUBLIC)
    internal = BodyFactory(office=balikesir, visibility=Visibility.INTERNAL)
    on_board = DecisionFactory(office=balikesir, body=board)
    other = DecisionFactory(office=balikesir, body=internal)
    url = reverse("public:decisions:list", kwargs={"office_slug": "balikesir"})
    page = client.get(url).content.decode()
    assert board.name_tr in page and internal.name_tr not in page
    filtered = client.get(url, {"kurul": board.pk}).content.decode()
    assert on_board.title_tr in filtered and other.title_tr not in filtered
