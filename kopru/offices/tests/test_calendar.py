"""The office's combined public calendar (``/<office>/takvim.ics``): every app's declared
events in one feed, read back with ``icalendar``; nothing internal, nothing of another
office; the apps' own feeds say the same about their part."""

from __future__ import annotations

from typing import Any

import pytest
from icalendar import Calendar

from kopru.boards.models import MeetingStatus, Visibility
from kopru.boards.tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from kopru.core.registry import CalendarSource, registry
from kopru.trainings.models import EventStatus
from kopru.trainings.tests.factories import EventFactory, SessionFactory
from kopru.youth.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def _events(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def records(balikesir: Any, izmir: Any) -> dict[str, Any]:
    board = BodyFactory(office=balikesir, name_tr="İl AB Danışma Kurulu")
    meeting = MeetingFactory(body=board, title_tr="Üçüncü toplantı", place="Valilik")
    AgendaItemFactory(meeting=meeting, order=1, title_tr="Hibe takvimi")
    cancelled = MeetingFactory(body=board, status=MeetingStatus.CANCELLED)
    internal = MeetingFactory(body=BodyFactory(office=balikesir, visibility=Visibility.INTERNAL))
    return {
        "meeting": meeting,
        "cancelled": cancelled,
        "internal": internal,
        "izmir_meeting": MeetingFactory(body=BodyFactory(office=izmir)),
        "session": SessionFactory(event=EventFactory(office=balikesir)),
        "draft_session": SessionFactory(
            event=EventFactory(office=balikesir, status=EventStatus.DRAFT)
        ),
        "opportunity": OpportunityFactory(office=balikesir),
    }


def test_one_feed_holds_trainings_public_meetings_and_youth_deadlines(
    client: Any, records: dict[str, Any]
) -> None:
    events = _events(client.get("/balikesir/takvim.ics"))
    meeting = records["meeting"]
    mine = next(e for uid, e in events.items() if uid.startswith(f"kopru-meeting-{meeting.pk}@"))
    assert str(mine["summary"]) == "İl AB Danışma Kurulu: Üçüncü toplantı"
    assert mine.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert "1. Hibe takvimi" in str(mine["description"])
    assert str(mine["url"]).endswith(f"/balikesir/kurullar/toplanti/{meeting.pk}/")
    cancelled = records["cancelled"].pk
    assert any(
        uid.startswith(f"kopru-meeting-{cancelled}@") and str(e["status"]) == "CANCELLED"
        for uid, e in events.items()
    )
    assert any(uid.startswith(f"kopru-session-{records['session'].pk}@") for uid in events)
    assert f"youth-{records['opportunity'].pk}-deadline@balikesir.kopru" in events
    text = " ".join(events)
    for hidden in ("internal", "izmir_meeting"):
        assert f"kopru-meeting-{records[hidden].pk}@" not in text
    assert f"kopru-session-{records['draft_session'].pk}@" not in text


def test_each_apps_own_feed_is_its_part_of_the_combined_one(
    client: Any, records: dict[str, Any]
) -> None:
    combined = set(_events(client.get("/balikesir/takvim.ics")))
    parts = [
        _events(client.get("/balikesir/kurullar/takvim.ics")),
        _events(client.get("/balikesir/egitimler/takvim.ics")),
        _events(client.get("/balikesir/genclik/son-tarihler.ics")),
    ]
    assert all(part for part in parts)
    assert combined == set().union(*parts)
    assert {s.key for s in registry.of(CalendarSource)} >= {"boards", "trainings", "youth"}


def test_an_office_with_nothing_planned_answers_an_empty_calendar(
    client: Any, izmir: Any, balikesir: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(12):
        events = _events(client.get("/izmir/takvim.ics"))
    assert events == {}
    calendar = Calendar.from_ical(client.get("/en/izmir/takvim.ics").content)
    assert str(calendar["x-wr-calname"]).endswith(": takvim") is False


def test_the_home_page_links_the_combined_calendar(client: Any, balikesir: Any) -> None:
    page = client.get("/balikesir/").content.decode()
    assert 'href="/balikesir/takvim.ics"' in page
