"""The staff choose the public home's blocks, their order and the featured items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kopru.core.models import AuditEntry
from kopru.news.models import NewsStatus
from kopru.news.tests.factories import NewsItemFactory
from kopru.offices import selectors
from kopru.stories.models import StoryStatus
from kopru.stories.tests.factories import StoryFactory
from kopru.youth.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

URL = "/balikesir/panel/ofis/ana-sayfa/"


def _form(client: Any) -> dict[str, Any]:
    """The form as it is shown: every block's current values."""
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    data: dict[str, Any] = {"version": form.initial["version"]}
    for name in form.fields:
        if name == "version":
            continue
        value = form[name].value()
        if value in (None, False, []):
            continue
        data[name] = value if not isinstance(value, bool) else "on"
    return data


def _positions(page: str, *ids: str) -> list[int]:
    return [page.index(f'id="{i}"') for i in ids]


def test_staff_choose_blocks_order_and_featured_items(
    client: Any, balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    old_story = StoryFactory(
        office=balikesir,
        title_tr="Eski ama güzel",
        published_at=timezone.now() - dt.timedelta(days=400),
    )
    for n in range(4):
        StoryFactory(office=balikesir, title_tr=f"Yeni hikâye {n}")
    old_news = NewsItemFactory(
        office=balikesir,
        title_tr="Avrupa Günü arşivi",
        publish_at=timezone.now() - dt.timedelta(days=300),
    )
    for n in range(5):
        NewsItemFactory(office=balikesir, title_tr=f"Güncel haber {n}")
    home = client.get("/balikesir/").content.decode()
    # By default every block, in its declared order; nothing old featured.
    calls, news, youth, stories = _positions(
        home, "home-calls-h", "home-news-h", "home-youth-h", "home-stories-h"
    )
    assert calls < news < youth < stories
    assert "home-partners" in home
    assert "Eski ama güzel" not in home and "Avrupa Günü arşivi" not in home

    client.force_login(balikesir_expert)
    data = _form(client)
    data["position_youth"] = 1
    data["position_calls"] = 2
    data.pop("shown_partners")
    data["featured_stories"] = [old_story.pk]
    data["featured_news"] = [old_news.pk]
    response = client.post(URL, data)
    assert response.status_code == 302, response.context["form"].errors

    home = client.get("/balikesir/").content.decode()
    youth, calls, news = _positions(home, "home-youth-h", "home-calls-h", "home-news-h")
    assert youth < calls < news
    assert "home-partners" not in home
    assert home.index("Eski ama güzel") < home.index("Yeni hikâye 3")
    assert "Avrupa Günü arşivi" in home
    balikesir.refresh_from_db()
    assert balikesir.home_featured("stories") == [old_story.pk]
    assert [b.key for b in selectors.home_layout(balikesir)][:2] == ["youth", "calls"]
    entry = AuditEntry.objects.filter(action="offices.home_layout.updated").get()
    assert entry.actor == balikesir_expert
    # İzmir's home is its own.
    assert "home-partners" in client.get("/izmir/").content.decode()

    # A featured story no longer published drops out; the newest fill its place.
    StoryFactory._meta.model._base_manager.filter(pk=old_story.pk).update(status=StoryStatus.DRAFT)
    assert "Eski ama güzel" not in client.get("/balikesir/").content.decode()


def test_only_public_items_of_the_office_can_be_featured(
    client: Any, balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    theirs = StoryFactory(office=izmir)
    draft = NewsItemFactory(office=balikesir, status=NewsStatus.DRAFT, publish_at=None)
    closed = OpportunityFactory(office=balikesir, deadline=timezone.now() - dt.timedelta(days=1))
    client.force_login(balikesir_expert)
    for field, pk in (
        ("featured_stories", theirs.pk),
        ("featured_news", draft.pk),
        ("featured_youth", closed.pk),
        ("featured_youth", "x"),
    ):
        data = {**_form(client), field: [pk]}
        response = client.post(URL, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    for bad in ({"position_news": 0}, {"position_news": 99}, {"position_news": "abc"}):
        response = client.post(URL, {**_form(client), **bad})
        assert response.status_code == 200 and response.context["form"].errors
    balikesir.refresh_from_db()
    assert balikesir.home_layout == []
    assert not AuditEntry.objects.filter(action="offices.home_layout.updated").exists()


def test_a_stale_save_is_refused_and_only_staff_may_arrange(
    client: Any, balikesir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    client.force_login(balikesir_expert)
    stale = _form(client)
    assert client.post(URL, _form(client)).status_code == 302
    assert client.post(URL, stale).status_code == 409
    client.force_login(balikesir_member)
    assert client.get(URL).status_code in (403, 404)
    client.logout()
    assert client.get(URL).status_code in (302, 404)
    assert client.get(f"/en{URL}").status_code in (302, 404)
