"""Writes of the public's subscriptions: saved searches and their e-mail alerts, follows
of one call and their deadline reminders (double opt-in, one-click unsubscribe)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core import subscriptions
from kopru.core.audit import audit_log
from kopru.core.scoping import unscoped

from ..models import Call, CallDeadline, CallFollow, Frequency, SavedSearch
from ..notifications import (
    send_alert_confirmation,
    send_digest,
    send_follow_confirmation,
    send_reminder,
)
from ..selectors import calls_for_saved_search

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office


def _clean_params(params: dict[str, Any]) -> dict[str, Any]:
    keep = {}
    for key, value in params.items():
        if key in ("page",) or value in ("", None, []):
            continue
        keep[key] = value
    return keep


@transaction.atomic
def saved_search_create(
    *, office: Office, name: str, params: dict[str, Any], user: User | None, language: str
) -> SavedSearch:
    search = SavedSearch(
        office=office,
        name=name.strip()[:120] or _("Kayıtlı arama"),
        params=_clean_params(params),
        language=language,
    )
    if user is not None:
        search.user = user
        search.email = user.email or ""
    search.save()
    audit_log(actor=user, action="calls.savedsearch.created", obj=search)
    return search


def alert_request(
    *,
    search: SavedSearch,
    email: str,
    frequency: str,
    language: str,
    consent_text: str,
    actor: User | None,
) -> SavedSearch:
    """Record the opt-in and consent, and send the confirmation (double opt-in)."""

    return subscriptions.alert_request(
        subscription=search,
        email=email,
        frequency=frequency,
        language=language,
        consent_text=consent_text,
        actor=actor,
        send_confirmation=send_alert_confirmation,
    )


def alert_confirm(*, search: SavedSearch) -> SavedSearch:
    return subscriptions.alert_confirm(subscription=search)


def alert_unsubscribe(*, search: SavedSearch) -> SavedSearch:
    return subscriptions.alert_unsubscribe(subscription=search)


@transaction.atomic
def follow_request(
    *,
    office: Office,
    call: Call,
    email: str,
    language: str,
    consent_text: str,
    reminder_days: list[int] | None = None,
    actor: User | None = None,
) -> CallFollow:
    follow = CallFollow(
        office=office,
        call=call,
        email=email,
        language=language,
        reminder_days=reminder_days or [14, 3],
        consent_text=consent_text,
        consent_at=timezone.now(),
    )
    follow.save()
    audit_log(actor=actor, action="calls.follow.requested", obj=follow)
    transaction.on_commit(lambda: send_follow_confirmation(follow))
    return follow


@transaction.atomic
def follow_confirm(*, follow: CallFollow) -> CallFollow:
    if not follow.confirmed_at:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
        audit_log(actor=follow.email, action="calls.follow.confirmed", obj=follow)
    return follow


@transaction.atomic
def follow_unsubscribe(*, follow: CallFollow) -> CallFollow:
    if not follow.unsubscribed_at:
        follow.unsubscribed_at = timezone.now()
        follow.save(update_fields=["unsubscribed_at"])
        audit_log(actor=follow.email, action="calls.follow.unsubscribed", obj=follow)
    return follow


# -- sending what is due (daily and on publication) ---------------------------------------


def _new_calls(search: SavedSearch) -> list[Call]:
    return list(calls_for_saved_search(search, since=search.last_sent_at)[:50])


def alerts_send_due(*, frequencies: tuple[str, ...], office_id: int | None = None) -> int:
    """Send every due digest of saved-search alerts; returns how many mails went out."""
    return subscriptions.alerts_send_due(
        model=SavedSearch,
        frequencies=frequencies,
        new_items=_new_calls,
        send_digest=send_digest,
        office_id=office_id,
    )


def follow_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Reminders N days before each upcoming deadline of followed calls (every office)."""
    now = now or timezone.now()
    sent = 0
    with unscoped("deadline reminders span every office's followers"):
        follows = list(
            CallFollow.objects.filter(
                confirmed_at__isnull=False, unsubscribed_at__isnull=True
            ).select_related("call", "office")
        )
        for follow in follows:
            changed = False
            deadlines = CallDeadline.objects.filter(call_id=follow.call_id, at__gte=now)
            for deadline in deadlines:
                for days in sorted(follow.reminder_days or [14, 3]):
                    key = f"{deadline.at.isoformat()}/{days}"
                    if key in follow.sent_reminders:
                        continue
                    if deadline.at - dt.timedelta(days=days) <= now:
                        send_reminder(follow, deadline, days)
                        follow.sent_reminders = [*follow.sent_reminders, key]
                        changed = True
                        sent += 1
                        break
            if changed:
                CallFollow.objects.filter(pk=follow.pk).update(sent_reminders=follow.sent_reminders)
    return sent


@task()
def send_instant_alerts(office_id: int) -> int:
    """The queue's job after a call is published: the office's instant alerts. (It lives
    beside its service so that publishing, a service, can enqueue it.)"""
    return alerts_send_due(frequencies=(Frequency.INSTANT,), office_id=office_id)
