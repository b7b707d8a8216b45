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
