"""The confirmation and one-click unsubscribe pages every subscription shares
(``kopru.core.subscriptions.subscription_link_views``): calls' and youth's saved searches
and the news digest."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kopru.calls.models import SavedSearch
from kopru.core.scoping import unscoped
from kopru.news.models import DigestSubscription
from kopru.youth.models import YouthSearch

pytestmark = pytest.mark.django_db


def _searches(office: Any) -> list[tuple[str, Any]]:
    now = timezone.now()
    fields = {
        "office": office,
        "name": "ESC",
        "email": "genc@example.org",
        "frequency": "weekly",
        "alert_requested_at": now,
        "consent_text": "KVKK",
        "consent_at": now,
    }
    youth = YouthSearch._base_manager.create(**fields)
    calls = SavedSearch._base_manager.create(**fields)
    digest = DigestSubscription._base_manager.create(
        office=office,
        email="genc@example.org",
        topics=["news"],
        consent_text="KVKK",
        consent_at=now,
    )
    return [
        ("genclik/aramalar/{}/onayla/", "genclik/aramalar/{}/abonelikten-cik/", youth),
        ("cagrilar/aramalar/{}/onayla/", "cagrilar/aramalar/{}/abonelikten-cik/", calls),
        ("bulten/onay/{}/", "bulten/ayril/{}/", digest),
    ]


def test_confirm_then_one_click_post_without_csrf_token(balikesir: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    for confirm, unsubscribe, sub in _searches(balikesir):
        page = client.get(f"/en/balikesir/{confirm.format(sub.token)}")
        assert page.status_code == 200, confirm
        assert page["Cache-Control"].startswith("private") or "no-store" in page["Cache-Control"]
        assert page["X-Robots-Tag"] == "noindex"
        sub.refresh_from_db()
        assert (getattr(sub, "alert_confirmed_at", None) or sub.confirmed_at) is not None
        # The mail client's one-click POST (RFC 8058) carries no CSRF token.
        out = client.post(
            f"/balikesir/{unsubscribe.format(sub.token)}", {"List-Unsubscribe": "One-Click"}
        )
        assert out.status_code == 200, unsubscribe
        sub.refresh_from_db()
        assert sub.unsubscribed_at is not None
        assert (
            "unsubscribed"
            in client.get(f"/en/balikesir/{unsubscribe.format(sub.token)}").content.decode()
        )
        # Confirming is a link, not a form.
        assert client.post(f"/balikesir/{confirm.format(sub.token)}").status_code in (403, 405)


def test_unknown_token_other_office_or_nothing_to_confirm_is_404(
    client: Any, balikesir: Any, izmir: Any
) -> None:
    for confirm, unsubscribe, sub in _searches(balikesir):
        assert client.get(f"/balikesir/{confirm.format('nope')}").status_code == 404
        assert client.get(f"/izmir/{confirm.format(sub.token)}").status_code == 404
        assert client.get(f"/izmir/{unsubscribe.format(sub.token)}").status_code == 404
    with unscoped("test"):
        search = YouthSearch.objects.first()
    YouthSearch._base_manager.filter(pk=search.pk).update(frequency="", email="")
    assert client.get(f"/balikesir/genclik/aramalar/{search.token}/onayla/").status_code == 404
