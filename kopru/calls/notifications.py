"""E-mails of the calls app: confirmations, digests and reminders (HTML and text).

Every mail is written in the subscriber's language and carries a one-click
unsubscribe link (also as a ``List-Unsubscribe`` header) that needs no log-in.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopru.core import subscriptions
from kopru.core.subscriptions import absolute_url, send_alert_mail

from .models import CallDeadline, CallFollow, SavedSearch


def _send(
    *, to: str, subject: str, template: str, context: dict[str, Any], unsubscribe_url: str = ""
) -> None:
    send_alert_mail(
        to=to,
        subject=subject,
        template=f"calls/email/{template}",
        context=context,
        unsubscribe_url=unsubscribe_url,
    )


def send_alert_confirmation(search: SavedSearch) -> None:
    subscriptions.send_confirmation(
        search,
        namespace="public:calls",
        subject=gettext_lazy("Çağrı uyarınızı onaylayın: %(name)s"),
        template="calls/email/alert_confirm",
    )


def send_digest(search: SavedSearch, calls: list[Any]) -> None:
    subscriptions.send_new_items(
        search,
        calls,
        namespace="public:calls",
        subject=gettext_lazy("%(name)s: %(n)d yeni veya değişen çağrı"),
        template="calls/email/digest",
        item_name="call",
        extra=lambda c: {
            "title": c.title,
            "is_new": not search.last_sent_at
            or bool(c.published_at and c.published_at > search.last_sent_at),
            "deadline": c.next_deadline,
        },
    )


def follow_urls(follow: CallFollow) -> dict[str, str]:
    slug = follow.office.slug
    lang = follow.language
    return {
        "confirm_url": absolute_url(
            lang, "public:calls:follow_confirm", office_slug=slug, token=follow.token
        ),
        "unsubscribe_url": absolute_url(
            lang, "public:calls:follow_unsubscribe", office_slug=slug, token=follow.token
        ),
        "call_url": absolute_url(lang, "public:calls:detail", office_slug=slug, pk=follow.call_id),
    }


def send_follow_confirmation(follow: CallFollow) -> None:
    with translation.override(follow.language):
        urls = follow_urls(follow)
        _send(
            to=follow.email,
            subject=_("Son tarih hatırlatmalarını onaylayın: %(title)s")
            % {"title": follow.call.title[:80]},
            template="follow_confirm",
            context={"follow": follow, "call": follow.call, "office": follow.office, **urls},
            unsubscribe_url=urls["unsubscribe_url"],
        )


def send_reminder(follow: CallFollow, deadline: CallDeadline, days: int) -> None:
    with translation.override(follow.language):
        urls = follow_urls(follow)
        _send(
            to=follow.email,
            subject=_("%(days)d gün kaldı: %(title)s")
            % {"days": days, "title": follow.call.title[:80]},
            template="reminder",
            context={
                "follow": follow,
                "call": follow.call,
                "deadline": deadline,
                "days": days,
                "office": follow.office,
                **urls,
            },
            unsubscribe_url=urls["unsubscribe_url"],
        )
