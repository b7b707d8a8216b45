"""Saved searches, double opt-in alerts, digests, reminders, feeds and calendars."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from kopru.calls.models import CallFollow, SavedSearch
from kopru.calls.services import alerts_send_due, follow_reminders_send
from kopru.core.models import AuditEntry
from kopru.core.scoping import unscoped

from .factories import CallFollowFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def _link(body: str, part: str) -> str:
    match = re.search(r"https?://[^\s\"<>]*" + part + r"[^\s\"<>]*", body)
    assert match, body
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def test_save_search_alert_double_opt_in_digest_and_unsubscribe(
    client, izmir, django_capture_on_commit_callbacks
) -> None:
    response = client.post(
        "/izmir/cagrilar/aramalar/kaydet/", {"name": "Gençlik", "q": "gençlik", "level": "eu"}
    )
    assert response.status_code == 302
    with unscoped("test"):
        search = SavedSearch.objects.get()
    assert search.params == {"q": "gençlik", "level": ["eu"]}
    page = client.get(response["Location"])
    assert page.status_code == 200
    # Opting in needs the consent box.
    refused = client.post(
        response["Location"], {"email": "a@example.invalid", "frequency": "daily"}
    )
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            response["Location"],
            {"email": "a@example.invalid", "frequency": "daily", "consent": "on"},
        )
    assert len(mail.outbox) == 1
    search.refresh_from_db()
    assert search.consent_text and search.consent_at and not search.alert_active
    confirm = _link(mail.outbox[0].body, "/onayla/")
    assert client.get(confirm).status_code == 200
    search.refresh_from_db()
    assert search.alert_active
    # A new matching call is published: the daily digest lists it (HTML and text).
    SavedSearch._base_manager.filter(pk=search.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(days=1)
    )
    PublishedCallFactory(office=izmir, title_tr="Gençlik değişimleri", title_en="Youth exchanges")
    mail.outbox.clear()
    assert alerts_send_due(frequencies=("daily",)) == 1
    message = mail.outbox[0]
    assert "Gençlik değişimleri" in message.body
    html = message.alternatives[0][0]
    assert "Gençlik değişimleri" in html
    assert "List-Unsubscribe" in message.extra_headers
    unsubscribe = _link(message.body, "/abonelikten-cik/")
    client.logout()
    assert client.get(unsubscribe).status_code == 200
    search.refresh_from_db()
    assert not search.alert_active
    assert AuditEntry.objects.filter(action="calls.alert.unsubscribed").exists()
    mail.outbox.clear()
    assert alerts_send_due(frequencies=("daily",)) == 0


def test_digest_is_in_the_subscribers_language(client, izmir, django_capture_on_commit_callbacks):
    response = client.post("/en/izmir/cagrilar/aramalar/kaydet/", {"name": "Youth", "q": "youth"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            response["Location"],
            {"email": "b@example.invalid", "frequency": "instant", "consent": "on"},
        )
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body
    assert "/en/izmir/" in mail.outbox[0].body
    client.get(_link(mail.outbox[0].body, "/onayla/"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PublishedCallFactory(office=izmir, title_tr="Gençlik", title_en="Youth mobility")
        from kopru.calls.tasks import send_instant_alerts

        send_instant_alerts.call(office_id=izmir.pk)
    assert mail.outbox, "instant alert expected"
    assert "Youth mobility" in mail.outbox[-1].body
    assert "Unsubscribe" in mail.outbox[-1].body or "unsubscribe" in mail.outbox[-1].body


def test_follow_confirm_and_reminders_14_and_3_days(
    client, izmir, django_capture_on_commit_callbacks
):
    call = PublishedCallFactory(office=izmir, deadline=timezone.now() + dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/izmir/cagrilar/{call.pk}/takip/", {"email": "c@example.invalid", "consent": "on"}
        )
    assert response.status_code == 302
    client.get(_link(mail.outbox[0].body, "/onayla/"))
    with unscoped("test"):
        follow = CallFollow.objects.get()
    assert follow.active and follow.reminder_days == [14, 3]
    mail.outbox.clear()
    assert follow_reminders_send() == 1  # 14-day reminder (10 days left)
    assert follow_reminders_send() == 0  # not twice
    later = timezone.now() + dt.timedelta(days=8)
    assert follow_reminders_send(now=later) == 1  # 3-day reminder
    assert len(mail.outbox) == 2


def test_unconfirmed_follow_gets_no_reminder(izmir) -> None:
    CallFollowFactory(office=izmir)
    assert follow_reminders_send(now=timezone.now() + dt.timedelta(days=29)) == 0


def test_feeds_and_calendars(client, izmir) -> None:
    at = dt.datetime(2030, 4, 15, 15, 0, tzinfo=dt.UTC)
    call = PublishedCallFactory(office=izmir, title_tr="Takvim çağrısı", deadline=at)
    rss = client.get("/izmir/cagrilar/rss/")
    assert rss.status_code == 200 and b"Takvim" in rss.content and b"<rss" in rss.content
    atom = client.get("/izmir/cagrilar/atom/")
    assert b"<feed" in atom.content
    ics = client.get(f"/izmir/cagrilar/{call.pk}/takvim.ics")
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Brussels:20300415T170000" in body
    assert "BEGIN:VTIMEZONE" in body and "BEGIN:VALARM" in body
    assert f"/izmir/cagrilar/{call.pk}/" in body
    response = client.post("/izmir/cagrilar/aramalar/kaydet/", {"name": "x", "q": "takvim"})
    token = response["Location"].rstrip("/").split("/")[-1]
    assert b"Takvim" in client.get(f"/izmir/cagrilar/aramalar/{token}/rss/").content
    assert "VEVENT" in client.get(f"/izmir/cagrilar/aramalar/{token}/takvim.ics").content.decode()
    assert client.get("/izmir/cagrilar/aramalar/yanlis/rss/").status_code == 404
