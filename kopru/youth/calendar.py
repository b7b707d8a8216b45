"""Deadlines of the office's youth opportunities as iCalendar events (each deadline an
event at its instant, with a reminder two days before): the app's own feed and its part
of the office's combined calendar (a :class:`kopru.core.registry.CalendarSource`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Event

from kopru.core.i18n import localized

from . import selectors

FEED_LIMIT = 200


def deadline_events(office: Any) -> list[Event]:
    """Upcoming deadlines of published opportunities in the active scope."""
    base = settings.SITE_URL.rstrip("/")
    events: list[Event] = []
    for o in selectors.upcoming_deadlines(limit=FEED_LIMIT):
        event = Event()
        event.add("uid", f"youth-{o.pk}-deadline@{office.slug}.kopru")
        event.add("summary", _("Son başvuru: %(title)s") % {"title": localized(o, "title")})
        event.add("dtstart", o.deadline)
        event.add("dtend", o.deadline)
        event.add("dtstamp", timezone.now())
        url = base + reverse("public:youth:detail", kwargs={"office_slug": office.slug, "pk": o.pk})
        event.add("url", url)
        event.add("description", f"{o.get_type_display()} · {o.organiser}\n{url}")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", localized(o, "title"))
        alarm.add("trigger", dt.timedelta(days=-2))
        event.add_component(alarm)
        events.append(event)
    return events
