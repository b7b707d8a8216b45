from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import unscoped
from kopru.trainings.models import Event, Session

pytestmark = pytest.mark.django_db


def test_staff_create_event_add_session_and_stale_edit_is_refused(
    client_for: Any, balikesir_expert: Any
) -> None:
    c = client_for(balikesir_expert)
    data = {
        "type": "eurodesk",
        "title_tr": "Eurodesk Gençlik Oturumu",
        "title_en": "Eurodesk Youth Session",
        "language": "tr",
        "capacity": "40",
        "min_sessions": "0",
        "status": "published",
    }
    response = c.post("/balikesir/panel/egitimler/yeni/", data)
    assert response.status_code == 302
    with unscoped("test"):
        event = Event.objects.get()
    c.post(
        f"/balikesir/panel/egitimler/{event.pk}/oturum/",
        {"starts_at": "2030-05-02T10:00", "ends_at": "2030-05-02T12:00", "place": "Karesi"},
    )
    c.post(
        f"/balikesir/panel/egitimler/{event.pk}/oturum/",
        {"starts_at": "2030-05-03T10:00", "ends_at": "2030-05-03T09:00"},
    )
    with unscoped("test"):
        assert Session.objects.filter(event=event).count() == 1
        assert str(Event.objects.get().starts_on) == "2030-05-02"
    edit = f"/balikesir/panel/egitimler/{event.pk}/duzenle/"
    assert c.post(edit, {**data, "capacity": "45", "version": "1"}).status_code == 302
    stale = c.post(edit, {**data, "capacity": "50", "version": "1"})
    assert stale.status_code == 409
    with unscoped("test"):
        assert Event.objects.get().capacity == 45
    assert "Eurodesk Gençlik Oturumu" in c.get("/balikesir/egitimler/").content.decode()


def test_raising_capacity_promotes_the_waiting_list(balikesir: Any) -> None:
    from kopru.core.scoping import office_scope
    from kopru.trainings import services

    from .factories import EventFactory, RegistrationFactory

    event = EventFactory(office=balikesir, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waiting")
    with office_scope(balikesir):
        services.event_update(event=event, data={"capacity": 2}, actor=None, expected_version=1)
        waiting.refresh_from_db()
    assert waiting.status == "confirmed"
