"""E-mails of the youth alerts: the confirmation (double opt-in) and the digests, in the
subscriber's language, each with its one-click unsubscribe link
(:func:`kopru.core.subscriptions.send_alert_mail`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from kopru.core.subscriptions import absolute_url, send_alert_mail, subscription_urls

from .models import Opportunity, YouthSearch


def search_urls(search: YouthSearch) -> dict[str, str]:
    return subscription_urls(search, "public:youth")


def send_alert_confirmation(search: YouthSearch) -> None:
    with translation.override(search.language):
        urls = search_urls(search)
        send_alert_mail(
            to=search.email,
            subject=_("Gençlik fırsatı uyarınızı onaylayın: %(name)s") % {"name": search.name},
            template="youth/email/alert_confirm",
            context={"search": search, "office": search.office, **urls},
            unsubscribe_url=urls["unsubscribe_url"],
        )


def send_digest(search: YouthSearch, opportunities: Sequence[Opportunity]) -> None:
    with translation.override(search.language):
        urls = search_urls(search)
        items = [
            {
                "opportunity": o,
                "url": absolute_url(
                    search.language, "public:youth:detail", office_slug=search.office.slug, pk=o.pk
                ),
            }
            for o in opportunities
        ]
        send_alert_mail(
            to=search.email,
            subject=_("%(name)s: %(n)d yeni gençlik fırsatı")
            % {"name": search.name, "n": len(items)},
            template="youth/email/digest",
            context={"search": search, "office": search.office, "items": items, **urls},
            unsubscribe_url=urls["unsubscribe_url"],
        )
