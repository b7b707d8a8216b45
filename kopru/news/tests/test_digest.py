"""The public digest: double opt-in, consent, topics, frequency, language, one-click out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.core.scoping import unscoped
from kopru.news import services
from kopru.news.models import DigestSubscription

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def _subscribe(client: Any, **data: Any) -> Any:
    payload = {
        "email": "Ayse.Yilmaz@Example.org",
        "topics": ["news", "calls"],
        "frequency": "weekly",
        "consent": "on",
        **data,
    }
    return client.post("/en/balikesir/bulten/", payload)


def test_double_opt_in_then_one_email_in_their_language_then_one_click_out(
    client: Any, balikesir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert client.get("/balikesir/bulten/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    confirm_mail = mail.outbox[0]
    assert "Confirm" in confirm_mail.subject  # English: asked from the English page
    assert confirm_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with unscoped("test"):
        sub = DigestSubscription.objects.get()
    assert sub.email == "ayse.yilmaz@example.org" and sub.language == "en"
    assert sub.topics == ["news", "calls"] and "KVKK" in sub.consent_text
    assert not sub.active
    # Nothing is sent before the confirmation, however old the subscription.
    NewsItemFactory(office=balikesir, title_en="Europe Day in schools")
    later = timezone.now() + dt.timedelta(days=8)
    assert services.digests_send_due(now=later) == {"sent": 0, "nothing_new": 0}
    confirm_url = re.search(r"https?://\S+/bulten/onay/\S+/", confirm_mail.body)
    assert confirm_url is not None
    path = confirm_url.group(0).split("testserver")[-1].replace("http://localhost:8000", "")
    assert client.get(path).status_code == 200
    sub.refresh_from_db()
    assert sub.active
    DigestSubscription._base_manager.filter(pk=sub.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(days=2)
    )
    mail.outbox.clear()
    assert services.digests_send_due(now=later) == {"sent": 1, "nothing_new": 0}
    digest = mail.outbox[0]
    assert "Europe Day in schools" in digest.body and "newsletter" in digest.subject.lower()
    assert services.digests_send_due(now=later + dt.timedelta(days=1)) == {
        "sent": 0,
        "nothing_new": 0,
    }  # the week has not passed again
    unsubscribe = client.post(f"/balikesir/bulten/ayril/{sub.token}/")
    assert unsubscribe.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None and not sub.active


def test_consent_and_topics_are_required(client: Any, balikesir: Any) -> None:
    assert "consent" in _subscribe(client, consent="").context["form"].errors
    assert "topics" in _subscribe(client, topics=[]).context["form"].errors
    assert "topics" in _subscribe(client, topics=["lottery"]).context["form"].errors
    with unscoped("test"):
        assert not DigestSubscription.objects.exists()
    assert client.get("/balikesir/bulten/onay/nope/").status_code == 404


def _confirmed(office: Any, **fields: Any) -> DigestSubscription:
    now = timezone.now()
    values = {
        "office": office,
        "email": "genc@example.org",
        "language": "tr",
        "topics": ["youth"],
        "frequency": "weekly",
        "consent_text": "KVKK",
        "consent_at": now,
        "confirmed_at": now,
        "last_sent_at": now - dt.timedelta(days=8),
        **fields,
    }
    return DigestSubscription._base_manager.create(**values)


def test_youth_opportunities_topic_sends_what_a_young_person_decides_on(
    client: Any, izmir: Any
) -> None:
    from kopru.youth.tests.factories import OpportunityFactory

    assert "youth" in {t.key for t in services.digest_topics()}
    assert 'value="youth"' in client.get("/izmir/bulten/").content.decode()
    sub = _confirmed(izmir, language="en")
    OpportunityFactory(office=izmir, title_en="Volunteering on the coast", host_city="Porto")
    OpportunityFactory(
        office=izmir,
        title_en="Exchange in Berlin",
        host_country="DE",
        host_city="",
        residents_of=["DE"],
        age_min=16,
        age_max=25,
    )
    # Published before the last digest, or closed, or another office's: not in this one.
    OpportunityFactory(
        office=izmir,
        title_en="Old news",
        published_at=timezone.now() - dt.timedelta(days=30),
    )
    OpportunityFactory(
        office=izmir, title_en="Too late", deadline=timezone.now() - dt.timedelta(hours=1)
    )
    OpportunityFactory(title_en="Elsewhere")
    assert services.digests_send_due() == {"sent": 1, "nothing_new": 0}
    body = mail.outbox[0].body
    html = mail.outbox[0].alternatives[0][0]
    for text in (body, html):
        assert "Volunteering on the coast" in text and "Exchange in Berlin" in text
        assert "Old news" not in text and "Too late" not in text and "Elsewhere" not in text
        assert "Youth opportunities" in text
    assert "European Solidarity Corps" in body and "Porto, Portugal" in body
    assert "18–30" in body and "16–25" in body
    assert "Residents of Türkiye may apply" in body and "Not open to residents" in body
    assert "Europe/Lisbon" in body
    assert "/en/izmir/genclik/" in body
    sub.refresh_from_db()
    assert sub.last_sent_at > timezone.now() - dt.timedelta(minutes=1)


def test_digest_subscribers_on_the_personal_data_page(
    client: Any, balikesir: Any, izmir: Any, django_user_model: Any
) -> None:
    from kopru.core.personal_data import personal_data_erase, personal_data_find
    from kopru.core.scoping import office_scope

    mine = _confirmed(balikesir, email="ayse@example.org", topics=["news", "youth"])
    _confirmed(balikesir, email="someone@example.org")
    theirs = _confirmed(izmir, email="ayse@example.org")
    with office_scope(balikesir):
        found = personal_data_find(email="Ayse@Example.org")["news.digest"]
        assert [r["subscription"] for r in found] == [mine.pk]
        assert found[0]["topics"] == ["news", "youth"] and found[0]["consent_text"] == "KVKK"
        counts = personal_data_erase(email="ayse@example.org", actor=None, office=balikesir)
        assert counts["news.digest"] == 1
        assert personal_data_find(email="ayse@example.org")["news.digest"] == []
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.email == "" and mine.unsubscribed_at is not None and not mine.active
    assert mine.topics == ["news", "youth"]  # the row (and the figures) stay
    assert theirs.email == "ayse@example.org" and theirs.active  # another office's
    with unscoped("test"):
        assert DigestSubscription.objects.count() == 3
    assert services.digests_send_due() == {"sent": 0, "nothing_new": 2}  # not the erased one
