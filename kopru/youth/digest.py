"""The youth opportunities' topic of the office's public digest (a ``DigestTopic``
declared in ``apps.py``, read by ``kopru.news``): opportunities published since the last
digest whose deadline has not passed, soonest deadline first, each with what a young
person decides on (type, where, ages, Türkiye residents, deadline in the organiser's
time zone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kopru.core.countries import country_label
from kopru.core.i18n import localized
from kopru.core.scoping import public_scope

from .models import Opportunity
from .selectors import published

LIMIT = 8


def note(o: Opportunity) -> str:
    """One line: type · host country · ages · who may apply · deadline (time zone)."""
    where = country_label(o.host_country)
    if o.host_city:
        where = f"{o.host_city}, {where}"
    parts = [
        o.get_type_display(),
        where,
        _("%(a)s–%(b)s yaş") % {"a": o.age_min, "b": o.age_max},
        _("Türkiye'de yaşayanlar başvurabilir")
        if o.turkiye_eligible
        else _("Türkiye'de yaşayanlara açık değil"),
        _("son başvuru %(when)s (%(tz)s)")
        % {
            "when": formats.date_format(o.deadline_local, "j F Y H:i"),
            "tz": o.deadline_timezone,
        },
    ]
    return " · ".join(str(p) for p in parts)


def youth_items(office: Any, since: dt.datetime, language: str) -> list[dict[str, Any]]:
    with public_scope(office), translation.override(language):
        rows = (
            published()
            .filter(office=office, published_at__gt=since, deadline__gte=timezone.now())
            .order_by("deadline", "id")[:LIMIT]
        )
        return [
            {
                "title": localized(o, "title", language) or str(o),
                "url": reverse(
                    "public:youth:detail", kwargs={"office_slug": office.slug, "pk": o.pk}
                ),
                "when": o.deadline_local,
                "note": note(o),
            }
            for o in rows
        ]
