"""iCalendar files of meetings: the office's meetings feed (also part of the office's
combined calendar through a :class:`kopru.core.registry.CalendarSource`) and the file of
an invitation (built as the trainings' calendar is, :mod:`kopru.trainings.calendar`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Meeting, MeetingStatus

# The feed covers a year back and everything ahead, at most this many meetings.
FEED_LIMIT = 500


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Kopru//Boards//TR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def meeting_url(meeting: Meeting, *, public: bool) -> str:
    name = "public:boards:meeting" if public else "panel:boards:meeting"
    path = reverse(name, kwargs={"office_slug": meeting.office.slug, "pk": meeting.pk})
    return f"{settings.SITE_URL}{path}"


def _meeting_event(meeting: Meeting, url: str) -> VEvent:
    ve = VEvent()
    ve.add("uid", f"kopru-meeting-{meeting.pk}@{settings.SITE_URL.split('//')[-1]}")
    ve.add("dtstamp", timezone.now())
    ve.add("dtstart", meeting.starts_at)
    ve.add("dtend", meeting.ends_at)
    ve.add("summary", f"{meeting.body.name_tr}: {meeting.title_tr}")
    location = meeting.place or meeting.online_url
    if location:
        ve.add("location", location)
    agenda = "\n".join(f"{i.order}. {i.title_tr}" for i in meeting.agenda_items.all())
    ve.add("description", f"{agenda}\n{url}".strip())
    ve.add("url", url)
    if meeting.status == MeetingStatus.CANCELLED:
        ve.add("status", "CANCELLED")
    return ve


def meetings_calendar(meetings: Iterable[Meeting], name: str, *, public: bool) -> bytes:
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(_meeting_event(meeting, meeting_url(meeting, public=public)))
    return bytes(cal.to_ical())


def feed_meetings() -> list[Meeting]:
    """The meetings of the calendar feed in the active scope (public pages: public bodies'
    meetings of the office), a year back and ahead."""
    since = timezone.now() - dt.timedelta(days=365)
    return list(
        Meeting.objects.filter(starts_at__gte=since)
        .select_related("body", "office")
        .prefetch_related("agenda_items")
        .order_by("starts_at")[:FEED_LIMIT]
    )


def public_events(office: Any) -> list[VEvent]:
    """The office's public meetings as events (the office's combined calendar)."""
    return [_meeting_event(m, meeting_url(m, public=True)) for m in feed_meetings()]


def invitation_calendar(meeting: Meeting) -> bytes:
    cal = _calendar(meeting.title_tr)
    cal.add("method", "PUBLISH")
    cal.add_component(_meeting_event(meeting, meeting_url(meeting, public=meeting.body.is_public)))
    return bytes(cal.to_ical())
