"""The public and staff pages of the foundation, in both languages, with bounded queries."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from kopru.accounts.models import User
from kopru.core.demodata import demo_password
from kopru.core.scoping import unscoped
from kopru.offices.models import Office
from kopru.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_answer_in_both_languages(client, balikesir, izmir, prefix):
    for path in ["/", "/balikesir/", "/izmir/", "/hesap/giris/"]:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        assert f'lang="{"en" if prefix else "tr"}"' in response.content.decode()


def test_landing_lists_the_offices(client, balikesir, izmir, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        body = client.get("/").content.decode()
    assert "Balıkesir Valiliği" in body and "İzmir Valiliği" in body


def test_unknown_office_is_404_without_a_trace(client, db):
    response = client.get("/yok-boyle-ofis/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
    assert "Sayfa bulunamadı" in response.content.decode()


def test_panel_home_is_bounded(client_for, balikesir_expert, django_assert_max_num_queries):
    """Each capability adds its figures (one or two aggregate queries) and its part of
    the user's "my work" list (one or two): a fixed budget (30 for the figures of the
    fifteen capability apps of 2026-12, 6 for "my work" of five apps; it grows only with a
    new app)."""
    client = client_for(balikesir_expert)
    with django_assert_max_num_queries(36):
        assert client.get("/balikesir/panel/").status_code == 200


def test_healthz_reports_database_and_tasks(client, db):
    from kopru.core.scheduler import scheduler_tick

    scheduler_tick()  # a scheduler that has not run makes the state "degraded"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert "tasks" in body


def test_api_schema_and_docs(client, db):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/organisations/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()  # Swagger UI is served by the project


def test_coordinator_edits_the_office_profile(client_for, balikesir, balikesir_coordinator):
    client = client_for(balikesir_coordinator)
    response = client.post(
        "/balikesir/panel/ofis/",
        {"name_tr": "Balıkesir Valiliği AB ve Dış İlişkiler Bürosu", "version": 1, "phone": "0266"},
    )
    assert response.status_code == 302
    balikesir.refresh_from_db()
    assert balikesir.phone == "0266" and balikesir.version == 2


def test_expert_may_not_edit_the_office_profile(client_for, balikesir_expert):
    assert client_for(balikesir_expert).get("/balikesir/panel/ofis/").status_code == 404


def test_load_demo_is_idempotent_and_reproduces_the_seeds(client, monkeypatch):
    monkeypatch.setenv("KOPRU_DEMO_PASSWORD", "Ornek-Parola-1")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with unscoped("test"):
        counts = (Office.objects.count(), User.objects.count(), Organisation.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with unscoped("test"):
        assert (
            Office.objects.count(),
            User.objects.count(),
            Organisation.objects.count(),
        ) == counts
    b = Office.objects.get(slug="balikesir")
    i = Office.objects.get(slug="izmir")
    assert (
        str(b.founded_on) == "2010-02-10"
        and b.founding_name == "Projeler Koordinasyon Merkezi ve AB Ofisi"
    )
    assert str(i.founded_on) == "2007-06-12" and i.is_eurodesk_point and len(i.activity_areas) == 4
    assert b.users.filter(role="coordinator").count() == 1
    assert b.users.filter(role="expert").count() == 4
    assert b.is_demo and i.is_demo
    assert demo_password() == "Ornek-Parola-1"
    for username in [
        "ulusal.yonetici",
        "balikesir.koordinator",
        "balikesir.uzman",
        "balikesir.kurum",
        "izmir.koordinator",
        "izmir.uzman",
        "izmir.kurum",
    ]:
        response = client.post(
            "/hesap/giris/", {"username": username, "password": "Ornek-Parola-1"}
        )
        assert response.status_code == 302, username
        client.post("/hesap/cikis/")


@override_settings(KOPRU_ALLOW_DEMO=False)
def test_production_settings_never_load_demo_data(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Office.objects.exists()


def test_office_home_shows_the_calls_block_with_national_calls(client, balikesir, izmir):
    from kopru.calls.tests.factories import CallFactory

    CallFactory(
        office=izmir, level="national", state="published", title_tr="Ulusal Gençlik Çağrısı"
    )
    body = client.get("/balikesir/").content.decode()
    assert "Ulusal Gençlik Çağrısı" in body
