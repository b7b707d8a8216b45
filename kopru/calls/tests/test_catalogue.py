"""The public catalogue: Turkish search, facets, visibility, sort, the call page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kopru.calls.models import Call, Level, State, Status
from kopru.calls.selectors import SearchParams, catalogue_page, find_calls
from kopru.core.scoping import office_scope, public_scope

from .factories import CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def test_izmir_finds_uppercase_turkish_title(client, izmir) -> None:
    PublishedCallFactory(office=izmir, title_tr="İZMİR GENÇLİK HİBE PROGRAMI")
    PublishedCallFactory(office=izmir, title_tr="Ankara sanayi kredisi")
    response = client.get("/izmir/cagrilar/?q=izmir")
    assert response.status_code == 200
    body = response.content.decode()
    assert "İZMİR GENÇLİK HİBE PROGRAMI" in body
    assert "Ankara sanayi kredisi" not in body
    # Folding both ways: ascii query for a Turkish word, prefix match.
    assert "İZMİR GENÇLİK" in client.get("/izmir/cagrilar/?q=GENC").content.decode()


def test_drafts_and_other_offices_are_not_listed(client, izmir, balikesir) -> None:
    PublishedCallFactory(office=izmir, title_tr="Yayındaki çağrı")
    CallFactory(office=izmir, title_tr="Taslak çağrı")
    PublishedCallFactory(office=balikesir, title_tr="Balıkesir çağrısı")
    body = client.get("/izmir/cagrilar/").content.decode()
    assert "Yayındaki çağrı" in body
    assert "Taslak çağrı" not in body
    assert "Balıkesir çağrısı" not in body


def test_national_calls_are_visible_to_every_office(client, izmir, balikesir) -> None:
    call = PublishedCallFactory(office=izmir, level=Level.NATIONAL, title_tr="Ulusal gençlik")
    assert "Ulusal gençlik" in client.get("/balikesir/cagrilar/").content.decode()
    assert client.get(f"/balikesir/cagrilar/{call.pk}/").status_code == 200
    with office_scope(balikesir):  # staff of another office see it too (read-only)
        assert Call.objects.filter(pk=call.pk).exists()
    draft = CallFactory(office=izmir, level=Level.NATIONAL)
    with office_scope(balikesir):
        assert not Call.objects.filter(pk=draft.pk).exists()


def test_facets_count_and_filter(client, izmir) -> None:
    PublishedCallFactory(office=izmir, level="eu", sectors=["environment"])
    PublishedCallFactory(office=izmir, level="eu", sectors=["digital"])
    PublishedCallFactory(office=izmir, level="regional", sectors=["environment"])
    with public_scope(None):
        facets = catalogue_page(izmir, SearchParams()).facets
        levels = {f.value: f.count for f in facets["level"]}
        assert levels == {"eu": 2, "regional": 1}
        sectors = {f.value: f.count for f in facets["sector"]}
        assert sectors == {"environment": 2, "digital": 1}
        params = SearchParams(filters={"sector": ["environment"], "level": ["eu"]})
        assert find_calls(params, office=izmir).total == 1
    response = client.get("/izmir/cagrilar/?level=regional")
    assert response.context["page"].paginator.count == 1


def test_status_is_derived_from_the_dates(izmir) -> None:
    now = timezone.now()
    forthcoming = PublishedCallFactory(
        office=izmir, opening_date=(now + dt.timedelta(days=5)).date()
    )
    closed = PublishedCallFactory(office=izmir, deadline=now - dt.timedelta(days=1))
    open_ = PublishedCallFactory(office=izmir)
    assert forthcoming.status == Status.FORTHCOMING
    assert Call._base_manager.get(pk=closed.pk).status == Status.CLOSED
    assert open_.status == Status.OPEN
    # The same call reads as closed once its deadline has passed: nothing stored goes stale.
    later = now + dt.timedelta(days=31)
    assert Call._base_manager.get(pk=open_.pk).status_at(later) == Status.CLOSED
    assert find_calls(SearchParams(filters={"status": ["closed"]}), office=izmir).total == 1
    assert find_calls(SearchParams(filters={"status": ["open"]}), office=izmir).total == 1


def test_sort_by_nearest_deadline(client, izmir) -> None:
    now = timezone.now()
    far = PublishedCallFactory(office=izmir, deadline=now + dt.timedelta(days=60))
    near = PublishedCallFactory(office=izmir, deadline=now + dt.timedelta(days=3))
    closed = PublishedCallFactory(office=izmir, deadline=now - dt.timedelta(days=3))
    page = client.get("/izmir/cagrilar/").context["page"]
    assert [c.pk for c in page.object_list] == [near.pk, far.pk, closed.pk]


def test_list_queries_are_bounded(client, izmir, django_assert_max_num_queries) -> None:
    for _ in range(25):
        PublishedCallFactory(office=izmir)
    with django_assert_max_num_queries(14):
        response = client.get("/izmir/cagrilar/?q=test&sector=environment")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 20


def test_call_page_shows_both_time_zones_and_countdown(
    client, izmir, django_assert_max_num_queries
) -> None:
    at = dt.datetime(2030, 4, 15, 17, 0, tzinfo=dt.UTC)  # 19:00 Brussels, 20:00 Istanbul
    call = PublishedCallFactory(office=izmir, deadline=at)
    with django_assert_max_num_queries(10):
        body = client.get(f"/izmir/cagrilar/{call.pk}/").content.decode()
    assert "15 Nisan 2030 19:00 (Brüksel saati)" in body
    assert "15 Nisan 2030 20:00 (TSİ)" in body
    assert "data-countdown" in body
    en = client.get(f"/en/izmir/cagrilar/{call.pk}/").content.decode()
    assert "Deadline" in en or "deadline" in en
    assert "15 April 2030, 19:00 (Brussels time)" in en


def test_draft_call_page_is_404(client, izmir) -> None:
    call = CallFactory(office=izmir, state=State.DRAFT)
    assert client.get(f"/izmir/cagrilar/{call.pk}/").status_code == 404


def test_summary_html_is_sanitised_on_save(client_for, izmir_expert) -> None:
    client = client_for(izmir_expert)
    response = client.post(
        "/izmir/panel/cagrilar/yeni/",
        {
            "title_tr": "Yeni çağrı",
            "level": "eu",
            "instrument": "grant",
            "deadline_model": "single_stage",
            "currency": "EUR",
            "source": "manual",
            "summary_tr": "<p onclick='x()'>Metin<script>alert(1)</script></p>",
            "deadlines": "2030-01-10 17:00 Europe/Brussels",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from kopru.core.scoping import unscoped

    with unscoped("test"):
        call = Call.objects.get(title_tr="Yeni çağrı")
        assert "<script" not in call.summary_tr and "onclick" not in call.summary_tr
        deadline = call.deadlines.get()
        assert deadline.timezone == "Europe/Brussels"
        assert deadline.local_at.hour == 17


def test_result_cards_and_facet_lists_escape_and_translate(client, izmir) -> None:
    """The cards and facet lists are written by template tags: every text escaped, the
    deadline in Turkey's time with a countdown, the labels in the page's language."""
    now = timezone.now()
    call = PublishedCallFactory(
        office=izmir,
        title_tr="<script>alert(1)</script> Gençlik",
        programme="Erasmus+ & <b>KA2</b>",
        target_groups=["youth"],
        deadline=now + dt.timedelta(days=10),
    )
    html = client.get("/izmir/cagrilar/?q=gen%C3%A7lik").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Gençlik" in html
    assert f'href="/izmir/cagrilar/{call.pk}/"' in html
    assert "Erasmus+ &amp; &lt;b&gt;KA2&lt;/b&gt;" in html  # card and facet label
    assert "<b>KA2</b>" not in html
    assert "Ofis önceliği" in html and "(TSİ)" in html and "kaldı" in html
    local = timezone.localtime(call.next_deadline)
    assert f'<time datetime="{local.isoformat()}">' in html
    # the facet link toggles its value, with the search kept and the page dropped
    assert 'href="?q=gen%C3%A7lik&amp;target=youth"' in html
    english = client.get("/en/izmir/cagrilar/?q=gen%C3%A7lik&target=youth&page=1").content.decode()
    assert "Office priority" in english and "(Türkiye time)" in english and " left" in english
    assert 'aria-current="true"' in english and "selected, click to remove" in english
    assert 'href="?q=gen%C3%A7lik"' in english  # unselecting drops target and page
