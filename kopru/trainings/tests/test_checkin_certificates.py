from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage

from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope, unscoped
from kopru.trainings import services
from kopru.trainings.models import Attendance, Certificate, Registration
from kopru.trainings.tokens import make_token

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _checkin_url(event: Any) -> str:
    return f"/balikesir/panel/egitimler/{event.pk}/yoklama/"


def test_checkin_search_is_turkish_aware_and_per_session(
    client_for: Any, balikesir_expert: Any, event: Any
) -> None:
    sukru = RegistrationFactory(event=event, full_name="ŞÜKRÜ IŞIK")
    RegistrationFactory(event=event, full_name="Ayşe Demir")
    c = client_for(balikesir_expert)
    first, second = list(event.sessions.model._base_manager.filter(event=event))
    body = c.get(_checkin_url(event), {"q": "sukru isik", "oturum": first.pk}).content.decode()
    assert "ŞÜKRÜ IŞIK" in body and "Ayşe Demir" not in body
    c.post(_checkin_url(event), {"session": first.pk, "registration": sukru.pk})
    with unscoped("test"):
        assert Attendance.objects.filter(registration=sukru, session=first).exists()
        assert not Attendance.objects.filter(registration=sukru, session=second).exists()
        assert Registration.objects.get(pk=sukru.pk).attended


def test_qr_checkin(client_for: Any, balikesir_expert: Any, event: Any) -> None:
    reg = RegistrationFactory(event=event, full_name="Elif Kaya")
    c = client_for(balikesir_expert)
    url = f"/balikesir/panel/egitimler/yoklama/qr/?t={make_token(reg.pk, 'checkin')}"
    page = c.get(url)
    assert "Elif Kaya" in page.content.decode()
    c.post(url, {"session": page.context["session"].pk})
    with unscoped("test"):
        assert Registration.objects.get(pk=reg.pk).attended
    assert c.get("/balikesir/panel/egitimler/yoklama/qr/?t=forged").status_code == 400


def test_walk_in_is_registered_and_checked_in(
    client_for: Any, balikesir_expert: Any, event: Any
) -> None:
    for _i in range(2):
        RegistrationFactory(event=event)
    c = client_for(balikesir_expert)
    first = event.sessions.model._base_manager.filter(event=event).first()
    c.post(_checkin_url(event), {"session": first.pk, "w-full_name": "Kapıdan Gelen"})
    with unscoped("test"):
        reg = Registration.objects.get(full_name="Kapıdan Gelen")
        assert reg.source == "walk_in" and reg.status == "confirmed" and reg.attended


def _attend_all(event: Any, reg: Any) -> None:
    with unscoped("test"):
        for s in event.sessions.model._base_manager.filter(event=event):
            Attendance.objects.create(office=event.office, registration=reg, session=s)
        Registration.objects.filter(pk=reg.pk).update(attended=True)


def test_bulk_issue_as_background_job_then_verify_revoke_reissue(
    client_for: Any,
    client: Any,
    balikesir_expert: Any,
    event: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    full = RegistrationFactory(event=event, full_name="Gülşen Öztürk")
    half = RegistrationFactory(event=event, full_name="Yarım Gün")
    _attend_all(event, full)
    with unscoped("test"):
        s = event.sessions.model._base_manager.filter(event=event).first()
        Attendance.objects.create(office=event.office, registration=half, session=s)
        Registration.objects.filter(pk=half.pk).update(attended=True)
    c = client_for(balikesir_expert)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            f"/balikesir/panel/egitimler/{event.pk}/sertifikalar/", {"language": "tr"}
        )
    assert response.status_code == 302
    with unscoped("test"):
        job = Job.objects.get()
        assert job.status == "succeeded", job.message
        (cert,) = Certificate.objects.all()
    assert cert.registration_id == full.pk  # the half-day participant did not qualify
    with default_storage.open(cert.pdf.name) as f:
        assert f.read(4) == b"%PDF"
    # public verification, in both languages, and download
    page = client.get(f"/balikesir/sertifika/{cert.code}/")
    assert page.status_code == 200 and "Gülşen Öztürk" in page.content.decode()
    assert client.get(f"/en/balikesir/sertifika/{cert.code}/").status_code == 200
    assert client.get("/balikesir/sertifika/YOKYO-KKODU/").status_code == 404
    assert client.get(f"/izmir/sertifika/{cert.code}/").status_code == 404
    pdf = client.get(f"/balikesir/sertifika/{cert.code}/pdf/")
    assert b"".join(pdf.streaming_content)[:4] == b"%PDF"
    # re-issue: a new code, the old one revoked and pointing at it
    c.post(f"/balikesir/panel/egitimler/sertifika/{cert.pk}/yeniden/")
    with unscoped("test"):
        old = Certificate.objects.get(pk=cert.pk)
        new = Certificate.objects.exclude(pk=cert.pk).get()
    assert old.revoked_at and old.replaced_by_id == new.pk
    assert "iptal edilmiştir" in client.get(f"/balikesir/sertifika/{old.code}/").content.decode()
    c.post(f"/balikesir/panel/egitimler/sertifika/{new.pk}/iptal/", {"reason": "Hatalı ad"})
    with unscoped("test"):
        assert Certificate.objects.get(pk=new.pk).revoke_reason == "Hatalı ad"
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "trainings.certificate.issued",
        "trainings.certificate.reissued",
        "trainings.certificate.revoked",
    } <= actions


def test_pdf_renders_turkish_and_english(event: Any) -> None:
    reg = RegistrationFactory(event=event, full_name="İğdır Çağlayan Şık")
    _attend_all(event, reg)
    with office_scope(event.office):
        reg = Registration.objects.select_related("event__office").get(pk=reg.pk)
        tr = services.certificate_issue(registration=reg, language="tr", actor=None)
        en = services.certificate_issue(registration=reg, language="en", actor=None)
    for c in (tr, en):
        with default_storage.open(c.pdf.name) as f:
            assert f.read(4) == b"%PDF"
    assert tr.code != en.code


def test_panel_detail_has_bounded_queries(
    client_for: Any, balikesir_expert: Any, event: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(8):
        reg = RegistrationFactory(event=event)
        _attend_all(event, reg)
    c = client_for(balikesir_expert)
    with django_assert_max_num_queries(25):
        assert c.get(f"/balikesir/panel/egitimler/{event.pk}/").status_code == 200
    with django_assert_max_num_queries(15):
        assert c.get("/balikesir/panel/egitimler/").status_code == 200
    with django_assert_max_num_queries(15):
        assert c.get(_checkin_url(event)).status_code == 200
