"""RSS of the office's youth opportunities by deadline, and an iCalendar file of the
deadlines (each deadline an event at its instant, with a reminder two days before)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from kopru.core.i18n import localized

from .. import selectors
from ..models import Opportunity


class DeadlineFeed(Feed):  # type: ignore[type-arg]
    """Open opportunities, the nearest deadline first."""

    def get_object(self, request: HttpRequest, office_slug: str) -> Any:
        return request.office  # type: ignore[attr-defined]

    def title(self, office: Any) -> str:
        return _("%(office)s — gençlik fırsatları (Eurodesk)") % {"office": office.name}

    def link(self, office: Any) -> str:
        return reverse("public:youth:list", kwargs={"office_slug": office.slug})

    def description(self, office: Any) -> str:
        return _("Başvurusu açık gençlik hareketliliği fırsatları, son tarihe göre")

    def items(self, office: Any) -> list[Opportunity]:
        return selectors.upcoming_deadlines()

    def item_title(self, item: Opportunity) -> str:
        return localized(item, "title")

    def item_description(self, item: Opportunity) -> str:
        deadline = item.deadline_local
        return _("%(type)s · %(organiser)s · son başvuru %(deadline)s (%(zone)s)") % {
            "type": item.get_type_display(),
            "organiser": item.organiser,
            "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "zone": item.deadline_timezone,
        }

    def item_link(self, item: Opportunity) -> str:
        return reverse(
            "public:youth:detail", kwargs={"office_slug": item.office.slug, "pk": item.pk}
        )

    def item_pubdate(self, item: Opportunity) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Opportunity) -> dt.datetime:
        return item.updated_at


def deadlines_ics(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    calendar = Calendar()
    calendar.add("prodid", "-//Köprü//Eurodesk//TR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(office)s — gençlik fırsatları") % {"office": office.name})
    base = settings.SITE_URL.rstrip("/")
    for o in selectors.upcoming_deadlines(limit=200):
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
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="genclik-firsatlari.ics"'
    return response
