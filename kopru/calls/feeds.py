"""RSS/Atom feeds of published calls and iCalendar files of their deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from kopru.core.scoping import public_scope
from kopru.core.subscriptions import absolute

from . import selectors
from .models import Call
from .selectors import SearchParams

FEED_SIZE = 50


class CallFeed(Feed):  # type: ignore[type-arg]
    """Newest published calls of an office (or of one saved search)."""

    def get_object(
        self, request: HttpRequest, office_slug: str, token: str | None = None
    ) -> dict[str, Any]:
        office = request.office  # type: ignore[attr-defined]
        search = None
        if token:
            search = selectors.saved_search_by_token(office, token)
            if search is None:
                raise Http404("saved search")
        return {"office": office, "search": search}

    def title(self, obj: dict[str, Any]) -> str:
        if obj["search"] is not None:
            return f"{obj['office'].name} — {obj['search'].name}"
        return _("%(office)s — hibe ve kredi çağrıları") % {"office": obj["office"].name}

    def link(self, obj: dict[str, Any]) -> str:
        return reverse("public:calls:list", kwargs={"office_slug": obj["office"].slug})

    def description(self, obj: dict[str, Any]) -> str:
        return _("Yayımlanan yeni çağrılar")

    def items(self, obj: dict[str, Any]) -> list[Call]:
        params = SearchParams.from_query(obj["search"].params) if obj["search"] else SearchParams()
        params.sort = "newest"
        return selectors.catalogue_calls(obj["office"], params, limit=FEED_SIZE, relations=True)

    def item_title(self, item: Call) -> str:
        return item.title

    def item_description(self, item: Call) -> str:
        return item.summary

    def item_link(self, item: Call) -> str:
        return reverse(
            "public:calls:detail", kwargs={"office_slug": self._office_slug(item), "pk": item.pk}
        )

    def _office_slug(self, item: Call) -> str:
        return str(getattr(self, "_slug", item.office.slug))

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._slug = kwargs.get("office_slug")
        return super().__call__(request, *args, **kwargs)

    def item_pubdate(self, item: Call) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Call) -> dt.datetime | None:
        return item.content_changed_at or item.updated_at

    def item_guid(self, item: Call) -> str:
        return f"kopru-call-{item.pk}"

    item_guid_is_permalink = False


class AtomCallFeed(CallFeed):
    feed_type = Atom1Feed
    subtitle = CallFeed.description


def calendar_for(calls: Iterable[Call], office: Any, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Köprü//calls//TR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("method", "PUBLISH")
    stamp = timezone.now()
    for call in calls:
        url = absolute(
            reverse("public:calls:detail", kwargs={"office_slug": office.slug, "pk": call.pk})
        )
        for deadline in call.deadlines.all():
            event = Event()
            event.add("uid", f"call-{call.pk}-deadline-{deadline.pk}@kopru")
            event.add("dtstamp", stamp)
            local = deadline.local_at  # in the deadline's own zone: TZID is written out
            event.add("dtstart", local)
            event.add("dtend", local)
            label = f" ({deadline.label})" if deadline.label else ""
            event.add("summary", _("Son başvuru: %(title)s") % {"title": call.title} + label)
            event.add("description", f"{strip_tags(call.summary)[:500]}\n\n{url}")
            event.add("url", url)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _("Son başvuruya 3 gün kaldı"))
            alarm.add("trigger", dt.timedelta(days=-3))
            event.add_component(alarm)
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def call_ics(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    with public_scope(None):
        call = selectors.public_call(office, pk)
    if call is None:
        raise Http404("call")
    return _ics_response(calendar_for([call], office, call.title[:80]), f"cagri-{call.pk}.ics")


def search_ics(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    search = selectors.saved_search_by_token(office, token)
    if search is None:
        raise Http404("saved search")
    params = SearchParams.from_query(search.params)
    calls = selectors.catalogue_calls(office, params, limit=200, relations=True)
    return _ics_response(calendar_for(calls, office, search.name), "cagrilar.ics")
