"""Defects found by probing (issue 12, points 2, 3, 4, 7 and 9), each with its test."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from kopru.calls.models import CallFollow, Level, SavedSearch
from kopru.calls.tests.factories import PublishedCallFactory, SavedSearchFactory
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 300 + "@example.org"  # 312 characters, the column holds 254


# -- 2. follow, alert, saved search, password reset: honeypot and rate limit --------------


def _follow(client: Any, call: Any, **extra: str) -> Any:
    data = {"email": "kisi@example.org", "consent": "on", **extra}
    return client.post(f"/izmir/cagrilar/{call.pk}/takip/", data)


def test_following_a_call_has_a_honeypot_and_a_rate_limit(
    client, izmir, django_capture_on_commit_callbacks
) -> None:
    call = PublishedCallFactory(office=izmir)
    with django_capture_on_commit_callbacks(execute=True):
        trapped = _follow(client, call, kp_website="http://spam.example")
    assert trapped.status_code == 400 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_follow(client, call).status_code for _ in range(8)]
    # the honeypot attempt counted too: 5 attempts per 10 minutes from one address
    assert answers.count(302) == 4 and answers[-1] == 429
    assert len(mail.outbox) == 4
    limited = _follow(client, call)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0


def test_subscribing_to_alerts_has_a_honeypot_and_a_rate_limit(
    client, izmir, django_capture_on_commit_callbacks
) -> None:
    search = SavedSearchFactory(office=izmir)
    url = f"/izmir/cagrilar/aramalar/{search.token}/"
    data = {"email": "kisi@example.org", "frequency": "daily", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**data, "kp_website": "x"}).status_code == 400
        answers = [client.post(url, data).status_code for _ in range(6)]
    assert 429 in answers and len(mail.outbox) == answers.count(302) <= 4
    assert client.get(url).status_code == 200  # reading the page is not limited


def test_an_empty_post_saves_no_search_and_bursts_are_limited(client, izmir) -> None:
    response = client.post("/izmir/cagrilar/aramalar/kaydet/", {})
    assert response.status_code == 303
    assert response["Location"].startswith("/izmir/cagrilar/")
    with unscoped("test"):
        assert not SavedSearch.objects.exists()
    trapped = client.post("/izmir/cagrilar/aramalar/kaydet/", {"name": "x", "kp_website": "y"})
    assert trapped.status_code == 303
    statuses = [
        client.post("/izmir/cagrilar/aramalar/kaydet/", {"name": f"A{i}"}).status_code
        for i in range(25)
    ]
    assert statuses.count(302) == 18 and statuses[-1] == 429
    with unscoped("test"):
        assert SavedSearch.objects.count() == 18


def test_password_reset_has_a_honeypot_and_a_rate_limit(client, balikesir_expert) -> None:
    url = "/hesap/sifre-sifirla/"
    email = balikesir_expert.email
    assert client.post(url, {"email": email, "kp_website": "x"}).status_code == 200
    assert not mail.outbox  # refused with a message, nothing sent
    answers = [client.post(url, {"email": email}).status_code for _ in range(6)]
    assert answers[:4] == [302] * 4 and answers[-1] == 429
    assert len(mail.outbox) == 4


# -- 3. an e-mail address longer than the column is a form error --------------------------


def test_a_312_character_address_is_a_form_error(client, izmir) -> None:
    call = PublishedCallFactory(office=izmir)
    response = _follow(client, call, email=LONG_EMAIL)
    assert response.status_code == 400
    search = SavedSearchFactory(office=izmir)
    response = client.post(
        f"/izmir/cagrilar/aramalar/{search.token}/",
        {"email": LONG_EMAIL, "frequency": "daily", "consent": "on"},
    )
    assert response.status_code == 400
    with unscoped("test"):
        assert not CallFollow.objects.exists()


# -- 4. bad query parameters on the data bank and the project lists -----------------------


@pytest.mark.parametrize("value", ["10000", "99999999999999999999", "-5", "２０２０"])
def test_a_bad_year_is_a_400_on_every_page_that_filters_by_year(
    client_for, balikesir, balikesir_expert, balikesir_member, value
) -> None:
    from django.test import Client

    public = Client()
    for path in [
        "/balikesir/veri-bankasi/",
        "/balikesir/veri-bankasi/ilceler/",
        "/balikesir/veri-bankasi/acik-veri.csv",
        "/balikesir/veri-bankasi/acik-veri.json",
        "/balikesir/veri-bankasi/acik-veri.xlsx",
    ]:
        assert public.get(path, {"year": value}).status_code == 400, path
        assert public.get(path, {"district": "99999999999999999999"}).status_code == 400, path
    assert (
        client_for(balikesir_expert).get("/balikesir/panel/projeler/", {"year": value}).status_code
        == 400
    )
    member = client_for(balikesir_member)
    assert member.get("/balikesir/kurum/projelerim/", {"year": value}).status_code == 400
    assert public.get("/balikesir/veri-bankasi/", {"year": "2020"}).status_code == 200


# -- 7. an edit without its version is refused like a stale one ---------------------------


def test_an_edit_without_its_version_field_is_refused(
    client_for, balikesir, balikesir_expert
) -> None:
    from kopru.organisations.models import Organisation

    org = OrganisationFactory(office=balikesir, name="Bandırma Belediyesi", type="municipality")
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/kurumlar/{org.pk}/duzenle/"
    form = {"name": "Bandırma Belediyesi", "type": "municipality", "country": "TR"}
    assert client.post(url, {**form, "phone": "111", "version": 1}).status_code == 302
    response = client.post(url, {**form, "phone": "222"})  # no version field at all
    assert response.status_code == 409
    with office_scope(balikesir):
        assert Organisation.objects.get(pk=org.pk).phone == "111"


# -- 9. the history of a shared national call stays with its office ------------------------


def test_the_history_of_another_offices_national_call_is_not_shown(
    client_for, balikesir, izmir, balikesir_expert, izmir_expert
) -> None:
    from kopru.calls.models import Call
    from kopru.core.services import model_update

    call = PublishedCallFactory(office=balikesir, level=Level.NATIONAL)
    with office_scope(balikesir):
        model_update(
            instance=Call.objects.get(pk=call.pk),
            data={"title_tr": "Taslak başlık"},
            actor=balikesir_expert,
            expected_version=call.version,
        )
    path = f"panel/gecmis/calls.call/{call.pk}/"
    assert client_for(izmir_expert).get(f"/izmir/panel/cagrilar/{call.pk}/").status_code == 200
    assert client_for(izmir_expert).get(f"/izmir/{path}").status_code == 404
    own = client_for(balikesir_expert).get(f"/balikesir/{path}")
    assert own.status_code == 200 and "Taslak başlık" in own.content.decode()
