"""iCalendar files: the feed of an office's events (also part of the office's combined
calendar through a :class:`kopru.core.registry.CalendarSource`) and the file sent on
registration."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, EventStatus, Session
from .selectors import calendar_events


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Kopru//Trainings//TR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _session_event(event: Event, session: Session, url: str) -> VEvent:
    ve = VEvent()
    ve.add("uid", f"kopru-session-{session.pk}@{settings.SITE_URL.split('//')[-1]}")
    ve.add("dtstamp", timezone.now())
    ve.add("dtstart", session.starts_at)
    ve.add("dtend", session.ends_at)
    ve.add("summary", event.title)
    location = session.place or session.online_url
    if location:
        ve.add("location", location)
    ve.add("description", (event.description or "")[:1000] + f"\n{url}")
    ve.add("url", url)
    if event.status == EventStatus.CANCELLED:
        ve.add("status", "CANCELLED")
    return ve


def event_url(event: Event) -> str:
    path = reverse(
        "public:trainings:event", kwargs={"office_slug": event.office.slug, "pk": event.pk}
    )
    return f"{settings.SITE_URL}{path}"


def session_events(events: Iterable[Event]) -> list[VEvent]:
    found: list[VEvent] = []
    for event in events:
        url = event_url(event)
        found.extend(_session_event(event, session, url) for session in event.sessions.all())
    return found


def events_calendar(events: Iterable[Event], name: str) -> bytes:
    cal = _calendar(name)
    for component in session_events(events):
        cal.add_component(component)
    return bytes(cal.to_ical())


def public_events(office: Any) -> list[VEvent]:
    """The office's published (and cancelled) events' sessions, in the active public scope."""
    return session_events(calendar_events())


def registration_calendar(registration: Any) -> bytes:
    event = registration.event
    cal = _calendar(event.title)
    cal.add("method", "PUBLISH")
    url = event_url(event)
    for session in event.sessions.all():
        cal.add_component(_session_event(event, session, url))
    return bytes(cal.to_ical())
