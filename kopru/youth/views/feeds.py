"""RSS of the office's youth opportunities by deadline, and an iCalendar file of the
deadlines (each deadline an event at its instant, with a reminder two days before)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.core.calendars import calendar_of, ics_response
from kopru.core.i18n import localized

from .. import selectors
from ..calendar import deadline_events
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
    name = _("%(office)s — gençlik fırsatları") % {"office": office.name}
    content = calendar_of(deadline_events(office), name, prodid="-//Köprü//Eurodesk//TR")
    return ics_response(content, "genclik-firsatlari.ics", attachment=True)
