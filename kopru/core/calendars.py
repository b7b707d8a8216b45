"""iCalendar feeds: one calendar from components, and the office's combined calendar.

Apps declare :class:`kopru.core.registry.CalendarSource` (trainings' sessions, board
meetings, youth deadlines, ...); :func:`combined_calendar` puts every source's events in
one ``VCALENDAR`` so a visitor subscribes once. Core names no app: it reads the
declarations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from icalendar import Calendar

from .registry import CalendarSource, registry


def calendar_of(components: Iterable[Any], name: str, *, prodid: str = "-//Kopru//TR") -> bytes:
    """A ``VCALENDAR`` named ``name`` holding ``components``, as bytes."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for component in components:
        cal.add_component(component)
    return bytes(cal.to_ical())


def office_events(office: Any) -> list[Any]:
    """Every declared source's events for ``office`` (call it in the office's public scope)."""
    events: list[Any] = []
    for source in registry.of(CalendarSource):
        events.extend(source.events(office))
    return events


def combined_calendar(office: Any, name: str) -> bytes:
    return calendar_of(office_events(office), name)


def ics_response(content: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
