"""E-mails of the youth alerts: the confirmation (double opt-in) and the digests, in the
subscriber's language, each with its one-click unsubscribe link (the machinery of
:mod:`kopru.core.subscriptions`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from kopru.core import subscriptions

from .models import Opportunity, YouthSearch


def send_alert_confirmation(search: YouthSearch) -> None:
    subscriptions.send_confirmation(
        search,
        namespace="public:youth",
        subject=_("Gençlik fırsatı uyarınızı onaylayın: %(name)s"),
        template="youth/email/alert_confirm",
    )


def send_digest(search: YouthSearch, opportunities: Sequence[Opportunity]) -> None:
    subscriptions.send_new_items(
        search,
        opportunities,
        namespace="public:youth",
        subject=_("%(name)s: %(n)d yeni gençlik fırsatı"),
        template="youth/email/digest",
        item_name="opportunity",
    )
