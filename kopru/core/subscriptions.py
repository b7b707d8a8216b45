"""E-mail alerts the public subscribes to: one machinery for every app.

A subscription (a saved search of calls, of youth opportunities, a digest, ...) is a
model deriving from :class:`AlertSubscription`. The rules are the same everywhere:

* **double opt-in**: :func:`alert_request` records the address, the frequency, the
  consent text and its time, and sends a confirmation link; nothing is sent until
  :func:`alert_confirm` runs from that link;
* **one-click unsubscribe**: :func:`alert_unsubscribe` from a link in every mail (and
  in the ``List-Unsubscribe`` header :func:`send_alert_mail` adds), no log-in needed;
* **due digests**: :func:`alerts_send_due` sends each active subscription what is new
  for it, marking it sent in its own transaction right after its mail.

The same holds for what the subscriber sees: :func:`subscription_link_views` makes the
confirmation and one-click unsubscribe pages of any kind of subscription (saved searches
of calls and of youth opportunities, the news digest), and :func:`send_confirmation` and
:func:`send_new_items` the confirmation and alert mails of a saved search, each in the
subscriber's language.

Each app keeps what is its own: the model's other fields (the search), the audit
action prefix (``audit_prefix``), the templates, the texts and the function that finds
what is new for a subscription.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .audit import audit_log
from .scoping import unscoped, unscoped_manager


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Yayımlanır yayımlanmaz")
    DAILY = "daily", _("Günlük")
    WEEKLY = "weekly", _("Haftalık")


class AlertSubscription(models.Model):
    """The opt-in, consent and delivery state of an e-mail alert."""

    # "calls.alert": the audit actions are <prefix>.requested/confirmed/unsubscribed.
    audit_prefix: ClassVar[str] = ""

    email = models.EmailField(_("e-posta"), blank=True)
    language = models.CharField(_("dil"), max_length=5, default="tr")
    frequency = models.CharField(
        _("uyarı sıklığı"), max_length=10, choices=Frequency.choices, blank=True
    )
    alert_requested_at = models.DateTimeField(null=True, blank=True)
    alert_confirmed_at = models.DateTimeField(_("onaylandı"), null=True, blank=True)
    consent_text = models.TextField(_("açık rıza metni"), blank=True)
    consent_at = models.DateTimeField(_("rıza zamanı"), null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def alert_active(self) -> bool:
        return bool(
            self.frequency
            and self.email
            and self.alert_confirmed_at
            and (not self.unsubscribed_at or self.unsubscribed_at < self.alert_confirmed_at)
        )

    @property
    def alert_pending(self) -> bool:
        """Asked for, confirmation not yet clicked."""
        return bool(self.alert_requested_at and not self.alert_confirmed_at)


S = TypeVar("S", bound=AlertSubscription)


@transaction.atomic
def alert_request(
    *,
    subscription: S,
    email: str,
    frequency: str,
    language: str,
    consent_text: str,
    actor: Any,
    send_confirmation: Callable[[S], None],
) -> S:
    """Record the opt-in and consent; ``send_confirmation`` runs after the commit."""
    now = timezone.now()
    subscription.email = email
    subscription.frequency = frequency
    subscription.language = language
    subscription.consent_text = consent_text
    subscription.consent_at = now
    subscription.alert_requested_at = now
    subscription.alert_confirmed_at = None
    subscription.unsubscribed_at = None
    subscription.last_sent_at = now
    subscription.save()
    audit_log(
        actor=actor,
        action=f"{subscription.audit_prefix}.requested",
        obj=subscription,
        data={"frequency": frequency, "consent_at": now},
    )
    transaction.on_commit(lambda: send_confirmation(subscription))
    return subscription


@transaction.atomic
def alert_confirm(*, subscription: S) -> S:
    if not subscription.alert_confirmed_at or subscription.unsubscribed_at:
        now = timezone.now()
        subscription.alert_confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.last_sent_at = now
        subscription.save(update_fields=["alert_confirmed_at", "unsubscribed_at", "last_sent_at"])
        audit_log(
            actor=subscription.email,
            action=f"{subscription.audit_prefix}.confirmed",
            obj=subscription,
        )
    return subscription


@transaction.atomic
def alert_unsubscribe(*, subscription: S) -> S:
    if not subscription.unsubscribed_at:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit_log(
            actor=subscription.email,
            action=f"{subscription.audit_prefix}.unsubscribed",
            obj=subscription,
        )
    return subscription


def alert_due(subscription: AlertSubscription, now: dt.datetime) -> bool:
    """Whether a confirmed subscription's next digest is due at ``now``."""
    last = subscription.last_sent_at or subscription.alert_confirmed_at or now
    if subscription.frequency == Frequency.INSTANT:
        return True
    if subscription.frequency == Frequency.DAILY:
        return now - last >= dt.timedelta(hours=23)
    if subscription.frequency == Frequency.WEEKLY:
        return now - last >= dt.timedelta(days=6, hours=23)
    return False


def alerts_send_due(
    *,
    model: type[S],
    frequencies: Sequence[str],
    new_items: Callable[[S], Sequence[Any]],
    send_digest: Callable[[S, Any], None],
    office_id: int | None = None,
) -> int:
    """Send every due digest of ``model``'s active subscriptions (every office, or one);
    returns how many mails went out. ``new_items(subscription)`` lists what is new for it
    since its last mail; nothing new, no mail (but the time is still marked)."""
    now = timezone.now()
    sent = 0
    with unscoped("alert digests span every office's subscribers"):
        qs = model.objects.filter(  # type: ignore[attr-defined]
            frequency__in=frequencies, alert_confirmed_at__isnull=False
        ).exclude(email="")
        if office_id:
            qs = qs.filter(office_id=office_id)
        subscriptions = list(qs.select_related("office"))
    rows = unscoped_manager(model, reason="mark the subscriptions read above as sent")
    for subscription in subscriptions:
        if not subscription.alert_active or not alert_due(subscription, now):
            continue
        items = new_items(subscription)
        if items:
            send_digest(subscription, items)
            sent += 1
        rows.filter(pk=subscription.pk).update(last_sent_at=now)
    return sent


def send_alert_mail(
    *, to: str, subject: str, template: str, context: dict[str, Any], unsubscribe_url: str = ""
) -> None:
    """A mail from ``<template>.txt`` and ``<template>.html``, with the one-click
    unsubscribe headers (RFC 8058) when ``unsubscribe_url`` is given."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


def absolute(path: str) -> str:
    """The full address of a site path (for links in e-mails and feeds)."""
    return str(settings.SITE_URL).rstrip("/") + path


def absolute_url(language: str, name: str, **kwargs: Any) -> str:
    """The full address of URL ``name`` in ``language``."""
    with translation.override(language):
        return absolute(reverse(name, kwargs=kwargs))


def subscription_urls(subscription: AlertSubscription, namespace: str) -> dict[str, str]:
    """A saved search's confirm, unsubscribe and page addresses, in its language; the app's
    public URLs are named ``<namespace>:alert_confirm``, ``:alert_unsubscribe``, ``:saved``."""
    kwargs = {"office_slug": subscription.office.slug, "token": subscription.token}  # type: ignore[attr-defined]
    lang = subscription.language
    return {
        "confirm_url": absolute_url(lang, f"{namespace}:alert_confirm", **kwargs),
        "unsubscribe_url": absolute_url(lang, f"{namespace}:alert_unsubscribe", **kwargs),
        "search_url": absolute_url(lang, f"{namespace}:saved", **kwargs),
    }


def send_confirmation(
    subscription: Any, *, namespace: str, subject: Any, template: str, **context: Any
) -> None:
    """The double opt-in mail of a saved search (``<namespace>:alert_confirm``), in the
    subscriber's language; ``subject`` is a lazy text formatted with ``name``."""
    with translation.override(subscription.language):
        urls = subscription_urls(subscription, namespace)
        send_alert_mail(
            to=subscription.email,
            subject=str(subject) % {"name": subscription.name},
            template=template,
            context={"search": subscription, "office": subscription.office, **urls, **context},
            unsubscribe_url=urls["unsubscribe_url"],
        )


def send_new_items(
    subscription: Any,
    items: Sequence[Any],
    *,
    namespace: str,
    subject: Any,
    template: str,
    item_name: str,
    extra: Callable[[Any], dict[str, Any]] | None = None,
) -> None:
    """An alert of a saved search: ``items`` as ``{item_name: item, "url": its page
    (<namespace>:detail), **extra(item)}``; ``subject`` is a lazy text formatted with
    ``name`` and ``n`` (how many)."""
    language = subscription.language
    slug = subscription.office.slug
    with translation.override(language):
        urls = subscription_urls(subscription, namespace)
        rows = [
            {
                item_name: item,
                "url": absolute_url(language, f"{namespace}:detail", office_slug=slug, pk=item.pk),
                **(extra(item) if extra else {}),
            }
            for item in items
        ]
        send_alert_mail(
            to=subscription.email,
            subject=str(subject) % {"name": subscription.name, "n": len(rows)},
            template=template,
            context={
                "search": subscription,
                "office": subscription.office,
                "items": rows,
                **urls,
            },
            unsubscribe_url=urls["unsubscribe_url"],
        )


#: Pages reached through a subscription's private link: never cached, never indexed.
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}

View = Callable[..., HttpResponse]


def subscription_link_views(
    *,
    find: Callable[[Any, str], Any],
    confirm: Callable[[Any], Any],
    unsubscribe: Callable[[Any], Any],
    template: str,
    confirmed: Callable[[Any], dict[str, Any]],
    unsubscribed: Callable[[Any], dict[str, Any]],
) -> tuple[View, View]:
    """The two pages a subscription's mails link to: ``(confirm_view, unsubscribe_view)``,
    each taking ``(request, office_slug, token)``.

    ``find(office, token)`` returns the subscription (or ``None``: 404); ``confirm`` and
    ``unsubscribe`` are the app's services; the page is ``template`` rendered with
    ``confirmed(subscription)`` or ``unsubscribed(subscription)`` (``heading``, ``text``,
    optionally ``link``). A saved search without an alert asked for has nothing to
    confirm (404). Unsubscribing takes the link (GET) and the mail client's one-click
    POST (RFC 8058, ``List-Unsubscribe-Post``), which carries no CSRF token.
    """

    def _found(request: HttpRequest, token: str) -> Any:
        subscription = find(request.office, token)  # type: ignore[attr-defined]
        if subscription is None:
            raise Http404("subscription")
        return subscription

    def _page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        response = render(request, template, context)
        for header, value in PRIVATE_HEADERS.items():
            response[header] = value
        return response

    @require_http_methods(["GET"])
    def confirm_view(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
        subscription = _found(request, token)
        if isinstance(subscription, AlertSubscription) and not (
            subscription.frequency and subscription.email
        ):
            raise Http404("alert")
        confirm(subscription)
        return _page(request, confirmed(subscription))

    @csrf_exempt  # the mail client's one-click POST (RFC 8058) carries no CSRF token
    @require_http_methods(["GET", "POST"])
    def unsubscribe_view(request: HttpRequest, office_slug: str, token: str) -> HttpResponse:
        subscription = _found(request, token)
        unsubscribe(subscription)
        return _page(request, unsubscribed(subscription))

    return confirm_view, unsubscribe_view
