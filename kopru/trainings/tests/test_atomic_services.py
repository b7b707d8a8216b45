"""Writes that touch more than one row are atomic: a failure half-way leaves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage

from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, unscoped
from kopru.trainings import services
from kopru.trainings.models import Certificate, Event, Material, Session
from kopru.trainings.services import certificates, events

from .factories import CertificateFactory, EventFactory, MaterialFactory, SessionFactory

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def _boom(*args: Any, **kwargs: Any) -> None:
    raise Boom


def _audited(action: str) -> bool:
    with unscoped("test"):
        return AuditEntry.objects.filter(action=action).exists()


def test_registration_closed_and_its_audit_entry_together(
    monkeypatch: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    event = EventFactory(office=balikesir, registration_closed=False)
    monkeypatch.setattr(events, "audit_log", _boom)
    with office_scope(balikesir), pytest.raises(Boom):
        services.event_set_registration_closed(event=event, closed=True, actor=balikesir_expert)
    with unscoped("test"):
        assert Event.objects.get(pk=event.pk).registration_closed is False


def test_session_delete_keeps_the_session_when_the_event_cannot_follow(
    monkeypatch: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    session = SessionFactory(office=balikesir)
    pk = session.pk
    monkeypatch.setattr(events, "_refresh_starts_on", _boom)
    with office_scope(balikesir), pytest.raises(Boom):
        services.session_delete(session=session, actor=balikesir_expert)
    with unscoped("test"):
        assert Session.objects.filter(pk=pk).exists()
    assert not _audited("trainings.session.deleted")


def test_material_delete_keeps_row_file_and_trail_together(
    monkeypatch: Any, balikesir: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
) -> None:
    material = MaterialFactory(office=balikesir)
    name = material.file.name
    monkeypatch.setattr(Material, "delete", _boom)
    with office_scope(balikesir), pytest.raises(Boom):
        services.material_delete(material=material, actor=balikesir_expert)
    assert not _audited("trainings.material.deleted")
    assert default_storage.exists(name)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True), office_scope(balikesir):
        services.material_delete(material=material, actor=balikesir_expert)
    assert _audited("trainings.material.deleted")
    assert not default_storage.exists(name)


def test_certificate_revoke_with_its_audit_entry(
    monkeypatch: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    certificate = CertificateFactory(office=balikesir)
    monkeypatch.setattr(certificates, "audit_log", _boom)
    with office_scope(balikesir), pytest.raises(Boom):
        services.certificate_revoke(certificate=certificate, reason="Hata", actor=balikesir_expert)
    with unscoped("test"):
        assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
