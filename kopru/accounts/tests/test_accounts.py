"""Log-in, log-out, password reset by e-mail, lock-out, and where each role lands."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post("/hesap/giris/", {"username": username, "password": password})


def test_each_role_lands_in_its_workspace(
    client, national_admin, balikesir_expert, balikesir_member
):
    assert login(client, "b.uzman")["Location"] == "/hesap/"
    assert client.get("/hesap/")["Location"] == "/balikesir/panel/"
    client.post("/hesap/cikis/")
    login(client, "b.kurum")
    assert client.get("/hesap/")["Location"] == "/balikesir/kurum/"
    client.post("/hesap/cikis/")
    login(client, "ulusal")
    assert client.get("/hesap/")["Location"] == "/ulusal/"
    assert client.get("/ulusal/").status_code == 200


def test_log_out_ends_the_session(client, balikesir_expert):
    login(client, "b.uzman")
    assert client.get("/balikesir/panel/").status_code == 200
    client.post("/hesap/cikis/")
    assert client.get("/balikesir/panel/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, balikesir_expert):
    response = login(client, "b.uzman", "wrong")
    assert response.status_code == 200
    assert "alert" in response.content.decode()


def test_lock_out_after_repeated_failures(client, balikesir_expert, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "b.uzman", "wrong")
    response = login(client, "b.uzman")  # even the right password is refused now
    assert response.status_code == 429
    assert "kilitlendi" in response.content.decode()


def test_password_reset_by_email(client, balikesir_expert):
    response = client.post("/hesap/sifre-sifirla/", {"email": balikesir_expert.email})
    assert response["Location"] == "/hesap/sifre-sifirla/gonderildi/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/hesap/sifre-sifirla/[^\s\"]+/)", mail.outbox[0].body).group(
        1
    )
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "Yeni-Parola-2026", "new_password2": "Yeni-Parola-2026"}
    )
    assert response["Location"] == "/hesap/sifre-sifirla/tamam/"
    assert login(client, "b.uzman", "Yeni-Parola-2026").status_code == 302


def test_national_admin_switches_office(client_for, national_admin, balikesir, izmir):
    client = client_for(national_admin)
    assert client.get("/hesap/ofis-degistir/?office=izmir")["Location"] == "/izmir/panel/"
    assert client.get("/izmir/panel/").status_code == 200
    assert client.get("/balikesir/panel/").status_code == 200
