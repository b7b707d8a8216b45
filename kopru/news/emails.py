"""The digest's e-mails: the confirmation (double opt-in) and the digest itself, each in
the subscriber's language with a one-click unsubscribe link (``kopru.core.subscriptions``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kopru.core.subscriptions import absolute
from kopru.core.subscriptions import send_alert_mail as send_subscription_mail

from .models import DigestSubscription


def urls(sub: DigestSubscription) -> dict[str, str]:
    with translation.override(sub.language):
        kwargs = {"office_slug": sub.office.slug, "token": sub.token}
        return {
            "confirm_url": absolute(reverse("public:news:digest_confirm", kwargs=kwargs)),
            "unsubscribe_url": absolute(reverse("public:news:digest_unsubscribe", kwargs=kwargs)),
            "office_url": absolute(
                reverse("public:offices:home", kwargs={"office_slug": sub.office.slug})
            ),
        }


def send_confirmation(sub: DigestSubscription) -> None:
    with translation.override(sub.language):
        links = urls(sub)
        send_subscription_mail(
            to=sub.email,
            subject=_("Bülten aboneliğinizi onaylayın: %(office)s") % {"office": sub.office.name},
            template="news/email/digest_confirm",
            context={"sub": sub, "office": sub.office, **links},
            unsubscribe_url=links["unsubscribe_url"],
        )


def send_digest(sub: DigestSubscription, sections: list[dict[str, Any]]) -> None:
    with translation.override(sub.language):
        links = urls(sub)
        for section in sections:
            for item in section["items"]:
                item["absolute_url"] = absolute(item["url"])
        send_subscription_mail(
            to=sub.email,
            subject=_("%(office)s bülteni") % {"office": sub.office.name},
            template="news/email/digest",
            context={"sub": sub, "office": sub.office, "sections": sections, **links},
            unsubscribe_url=links["unsubscribe_url"],
        )
