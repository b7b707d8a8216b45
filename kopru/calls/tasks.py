"""Background work: imports, alert digests and deadline reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.jobs import job_fail, job_progress, job_running, job_succeed
from kopru.core.scoping import unscoped

from .models import Call, CallDeadline, CallFollow, Frequency, SavedSearch


@task()
def import_calls_task(job_id: int) -> None:
    from .importing import ImportRejected, import_file

    with job_running(job_id) as job:
        job.input_file.open("rb")
        try:
            data = job.input_file.read()
        finally:
            job.input_file.close()
        params = job.params or {}
        try:
            outcome = import_file(
                office=job.office,
                data=data,
                filename=params.get("filename", job.input_file.name),
                fmt=params.get("format") or None,
                actor=job.created_by,
                progress=lambda done, total: job_progress(job_id, done, total),
            )
        except ImportRejected as exc:
            job_fail(
                job_id,
                message=_("Dosyada %(n)d hatalı kayıt var; hiçbir şey yazılmadı.")
                % {"n": len(exc.outcome.errors)},
                result={"errors": exc.outcome.errors[:500], "summary": {}},
            )
            return
        job_succeed(
            job_id,
            result={
                "summary": outcome.summary(),
                "errors": [],
                "notes": outcome.notes,
                "next_url": reverse("panel:calls:list", kwargs={"office_slug": job.office.slug}),
            },
            message=_("İçe aktarma tamamlandı."),
        )


def _due(search: SavedSearch, now: dt.datetime) -> bool:
    last = search.last_sent_at or search.alert_confirmed_at or now
    if search.frequency == Frequency.INSTANT:
        return True
    if search.frequency == Frequency.DAILY:
        return now - last >= dt.timedelta(hours=23)
    if search.frequency == Frequency.WEEKLY:
        return now - last >= dt.timedelta(days=6, hours=23)
    return False


def send_digests(*, frequencies: tuple[str, ...], office_id: int | None = None) -> int:
    """Send every due digest; returns how many mails went out."""
    from .notifications import send_digest
    from .selectors import calls_for_saved_search

    now = timezone.now()
    sent = 0
    with unscoped("alert digests span every office's subscribers"):
        qs = SavedSearch.objects.filter(
            frequency__in=frequencies, alert_confirmed_at__isnull=False
        ).exclude(email="")
        if office_id:
            qs = qs.filter(office_id=office_id)
        searches = list(qs.select_related("office"))
    for search in searches:
        if not search.alert_active or not _due(search, now):
            continue
        calls = list(calls_for_saved_search(search, since=search.last_sent_at)[:50])
        if calls:
            send_digest(search, calls)
            sent += 1
        SavedSearch._base_manager.filter(pk=search.pk).update(last_sent_at=now)
    return sent


@task()
def send_instant_alerts(office_id: int) -> int:
    return send_digests(frequencies=(Frequency.INSTANT,), office_id=office_id)


@task()
def send_periodic_alerts() -> int:
    return send_digests(frequencies=(Frequency.DAILY, Frequency.WEEKLY))


def send_deadline_reminders(now: dt.datetime | None = None) -> int:
    """Reminders N days before each upcoming deadline of followed calls."""
    from .notifications import send_reminder

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
                CallFollow._base_manager.filter(pk=follow.pk).update(
                    sent_reminders=follow.sent_reminders
                )
    return sent


def refresh_next_deadlines(now: dt.datetime | None = None) -> int:
    """Move ``next_deadline`` on for calls whose next cut-off has passed."""
    now = now or timezone.now()
    stale = Call._base_manager.filter(next_deadline__lt=now, closes_at__gte=now)
    count = 0
    for call in stale.only("pk"):
        nxt = (
            CallDeadline.objects.filter(call_id=call.pk, at__gte=now)
            .order_by("at")
            .values_list("at", flat=True)
            .first()
        )
        Call._base_manager.filter(pk=call.pk).update(next_deadline=nxt)
        count += 1
    return count


@task()
def daily_calls_maintenance() -> dict[str, Any]:
    return {
        "refreshed": refresh_next_deadlines(),
        "reminders": send_deadline_reminders(),
        "digests": send_digests(frequencies=(Frequency.DAILY, Frequency.WEEKLY)),
    }
