from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.scoping import unscoped
from kopru.trainings import services
from kopru.trainings.models import (
    EventStatus,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db


def _form(**over: Any) -> dict[str, Any]:
    data = {
        "full_name": "Işıl Güneş",
        "email": "isil@example.org",
        "phone": "0532 123 45 67",
        "organisation_name": "Karesi Gençlik Derneği",
        "organisation_type": "ngo",
        "age_group": "18_30",
        "priority_group": "on",
        "consent": "on",
    }
    data.update(over)
    return data


def _url(event: Any, lang: str = "") -> str:
    prefix = f"/{lang}" if lang else ""
    return f"{prefix}/{event.office.slug}/egitimler/{event.pk}/"


def _regs(event: Any) -> Any:
    with unscoped("test"):
        return list(Registration.objects.filter(event=event).order_by("id"))


def test_public_registration_records_consent_and_mails_ics_and_cancel_link(
    client: Any, event: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(event), _form())
    assert response.status_code == 200
    assert "Kaydınız alındı" in response.content.decode()
    (reg,) = _regs(event)
    assert reg.status == RegistrationStatus.CONFIRMED
    assert reg.phone == "+90 532 123 45 67"
    assert "6698" in reg.consent_text and reg.consent_at is not None
    assert reg.priority_group is True
    (msg,) = mail.outbox
    assert msg.to == ["isil@example.org"]
    _name, content, mimetype = msg.attachments[0]
    text = content if isinstance(content, str) else content.decode()
    assert mimetype == "text/calendar" and text.count("BEGIN:VEVENT") == 2
    assert "/balikesir/egitimler/kayit-iptal/" in msg.body
    assert "/balikesir/panel/egitimler/yoklama/qr/?t=" in msg.body


def test_english_registration_gets_english_mail(
    client: Any, event: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(event, "en"), _form())
    (msg,) = mail.outbox
    assert msg.subject.startswith("Registration received")
    assert "/en/balikesir/egitimler/kayit-iptal/" in msg.body


def test_full_event_puts_people_on_waiting_list_and_promotes_on_cancel(
    client: Any, event: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for i in range(3):
        client.post(_url(event), _form(email=f"p{i}@example.org", full_name=f"Kişi {i}"))
    regs = _regs(event)
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waiting"]
    mail.outbox.clear()
    # The first person cancels through the link in their e-mail.
    from kopru.trainings.tokens import make_token

    url = f"/balikesir/egitimler/kayit-iptal/{make_token(regs[0].pk, 'cancel')}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    regs = _regs(event)
    assert [r.status for r in regs] == ["cancelled", "confirmed", "confirmed"]
    assert regs[2].promoted_at is not None
    subjects = [m.subject for m in mail.outbox]
    assert any("kaydınız kesinleşti" in s for s in subjects)
    with unscoped("test"):
        assert AuditEntry.objects.filter(action="trainings.registration.promoted").count() == 1


def test_forged_cancel_token_is_404(client: Any, event: Any) -> None:
    assert client.get("/balikesir/egitimler/kayit-iptal/abc:def/").status_code == 404


def test_duplicate_email_is_refused_whatever_its_case(client: Any, event: Any) -> None:
    client.post(_url(event), _form())
    response = client.post(_url(event), _form(email="ISIL@Example.org"))
    assert response.status_code == 400
    assert "zaten kayıt olunmuş" in response.content.decode()
    assert len(_regs(event)) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "isil@", "Geçerli bir e-posta adresi"),
        ("phone", "12345", "Geçerli bir Türkiye telefon numarası"),
        ("phone", "0632 123 45 67", "Geçerli bir Türkiye telefon numarası"),
        ("consent", "", "onay vermeniz gerekiyor"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    client: Any, event: Any, field: str, value: str, message: str
) -> None:
    data = _form(**{field: value})
    if not value:
        data.pop(field)
    response = client.post(_url(event), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _regs(event) == []


def test_registration_after_window_or_for_cancelled_event_is_refused(
    client: Any, event: Any
) -> None:
    with unscoped("test"):
        type(event)._base_manager.filter(pk=event.pk).update(
            registration_closes=timezone.now() - dt.timedelta(hours=1)
        )
    response = client.post(_url(event), _form())
    assert "kayıt dönemi açık değil" in response.content.decode()
    with unscoped("test"):
        type(event)._base_manager.filter(pk=event.pk).update(
            registration_closes=None, status=EventStatus.CANCELLED
        )
    with pytest.raises(ApplicationError, match="iptal edildi"):
        services.registration_create(event_id=event.pk, data={"full_name": "A B"}, consent_text="x")
    assert _regs(event) == []


def test_staff_register_by_hand_and_close_registration(
    client_for: Any, balikesir_expert: Any, event: Any, client: Any
) -> None:
    c = client_for(balikesir_expert)
    response = c.post(
        f"/balikesir/panel/egitimler/{event.pk}/kayit/",
        {"full_name": "Ömer Çınar", "email": "", "phone": ""},
    )
    assert response.status_code == 302
    (reg,) = _regs(event)
    assert reg.source == RegistrationSource.STAFF and reg.status == "confirmed"
    c.post(f"/balikesir/panel/egitimler/{event.pk}/kayit-ac-kapat/")
    c.logout()
    response = client.post(_url(event), _form())
    assert "kayıt dönemi açık değil" in response.content.decode()


def test_public_list_shows_upcoming_first_and_no_drafts(client: Any, event: Any) -> None:
    from .factories import EventFactory

    EventFactory(office=event.office, status=EventStatus.DRAFT, title_tr="Gizli taslak")
    past = EventFactory(
        office=event.office,
        title_tr="Geçen yılın bilgi günü",
        starts_on=timezone.localdate() - dt.timedelta(days=300),
    )
    body = client.get("/balikesir/egitimler/").content.decode()
    assert "Gizli taslak" not in body
    assert body.index(event.title_tr) < body.index(past.title_tr)
    ics = client.get("/balikesir/egitimler/takvim.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == 2


def test_public_pages_use_bounded_queries(
    client: Any, event: Any, django_assert_max_num_queries: Any
) -> None:
    from .factories import EventFactory, SessionFactory

    for _ in range(5):
        SessionFactory(event=EventFactory(office=event.office))
    with django_assert_max_num_queries(12):
        assert client.get("/balikesir/egitimler/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(_url(event)).status_code == 200


def test_material_upload_checks_type_and_content(
    client_for: Any, balikesir_expert: Any, event: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(balikesir_expert)
    url = f"/balikesir/panel/egitimler/{event.pk}/materyal/"
    fake = SimpleUploadedFile("sunum.pdf", b"MZ\x90 not a pdf")
    c.post(url, {"title": "Sunum", "file": fake})
    exe = SimpleUploadedFile("virus.exe", b"MZ")
    c.post(url, {"title": "Virüs", "file": exe})
    good = SimpleUploadedFile("sunum.pdf", b"%PDF-1.4 ...")
    c.post(url, {"title": "Sunum", "file": good})
    with unscoped("test"):
        assert [m.title for m in event.materials.all()] == ["Sunum"]


def test_public_registration_refuses_bots_and_slows_bursts(client: Any, balikesir: Any) -> None:
    from kopru.trainings.views.public import REGISTRATIONS_PER_HOUR

    from .factories import EventFactory

    event = EventFactory(office=balikesir, capacity=500)
    url = f"/balikesir/egitimler/{event.pk}/"
    form = {"full_name": "Işıl Şık", "email": "isil@example.org", "consent": "on"}
    trap = client.post(url, {**form, "kp_website": "http://spam.example"})
    assert trap.status_code == 400 and "otomatik bir program" in trap.content.decode()
    for i in range(REGISTRATIONS_PER_HOUR - 1):
        client.post(url, {**form, "email": f"kisi{i}@example.org"})
    slowed = client.post(url, {**form, "email": "son@example.org"})
    assert slowed.status_code == 429 and "dakika sonra" in slowed.content.decode()
    with unscoped("test"):
        assert not event.registrations.filter(email="son@example.org").exists()
