"""Writes of training events: the event, its sessions and materials, opening and closing
registration, cancelling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update

from ..models import Event, EventStatus, Material, Session

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
MATERIAL_TYPES = {
    ".pdf": b"%PDF",
    ".pptx": b"PK",
    ".docx": b"PK",
    ".xlsx": b"PK",
    ".odt": b"PK",
    ".odp": b"PK",
    ".zip": b"PK",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8",
    ".jpeg": b"\xff\xd8",
}


def _held(event: Event) -> Any:
    """The row of the event the service was given (fetched through the scope)."""
    return unscoped_manager(Event, reason="update the event the service was given").filter(
        pk=event.pk
    )


def _refresh_starts_on(event: Event) -> None:
    first = event.sessions.aggregate(first=Min("starts_at"))["first"]
    starts_on = timezone.localtime(first).date() if first else None
    if event.starts_on != starts_on:
        _held(event).update(starts_on=starts_on)
        event.starts_on = starts_on


def event_create(*, office: Office, data: dict[str, Any], actor: User) -> Event:
    return model_create(
        model=Event, data={**data, "office": office}, actor=actor, action="trainings.event.created"
    )


@transaction.atomic
def event_update(
    *, event: Event, data: dict[str, Any], actor: User | None, expected_version: int | None
) -> Event:
    from .registrations import waiting_promote  # a capacity raised frees waiting places

    event, changes = model_update(
        instance=event,
        data=data,
        actor=actor,
        action="trainings.event.updated",
        expected_version=expected_version,
    )
    if "capacity" in changes:
        waiting_promote(event=event, actor=actor)
    return event


@transaction.atomic
def event_set_registration_closed(*, event: Event, closed: bool, actor: User) -> Event:
    old = event.registration_closed
    _held(event).update(registration_closed=closed)
    event.registration_closed = closed
    audit_log(
        actor=actor,
        action="trainings.event.registration_closed"
        if closed
        else "trainings.event.registration_opened",
        obj=event,
        changes={"registration_closed": (old, closed)},
    )
    return event


def event_cancel(*, event: Event, actor: User) -> Event:
    event, _changes = model_update(
        instance=event,
        data={"status": EventStatus.CANCELLED},
        actor=actor,
        action="trainings.event.cancelled",
    )
    return event


@transaction.atomic
def session_create(*, event: Event, data: dict[str, Any], actor: User) -> Session:
    if data["ends_at"] <= data["starts_at"]:
        raise ApplicationError(_("Oturumun bitişi başlangıcından sonra olmalı."))
    session = model_create(
        model=Session,
        data={**data, "event": event, "office": event.office},
        actor=actor,
        action="trainings.session.created",
    )
    _refresh_starts_on(event)
    return session


@transaction.atomic
def session_delete(*, session: Session, actor: User) -> None:
    if session.attendances.exists():
        raise ApplicationError(_("Yoklaması alınmış bir oturum silinemez."))
    event = session.event
    audit_log(actor=actor, action="trainings.session.deleted", obj=session)
    session.delete()
    _refresh_starts_on(event)


def material_check(upload: Any) -> None:
    """Refuse files that are too large or whose content does not match their type."""
    name = str(getattr(upload, "name", ""))
    ext = name[name.rfind(".") :].lower() if "." in name else ""
    if ext not in MATERIAL_TYPES:
        raise ApplicationError(
            _("Bu dosya türü yüklenemez. İzin verilenler: {types}.").format(
                types=", ".join(sorted(MATERIAL_TYPES))
            )
        )
    if upload.size > MAX_MATERIAL_BYTES:
        raise ApplicationError(_("Dosya 20 MB'tan büyük olamaz."))
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(MATERIAL_TYPES[ext]):
        raise ApplicationError(_("Dosyanın içeriği uzantısıyla uyuşmuyor."))


def material_create(*, event: Event, title: str, upload: Any, actor: User) -> Material:
    material_check(upload)
    with transaction.atomic():
        material = Material(office=event.office, event=event, title=title, size=upload.size)
        material.file.save(upload.name, upload, save=False)
        material.save()
        audit_log(
            actor=actor,
            action="trainings.material.created",
            obj=material,
            data={"file": material.file.name, "size": material.size},
        )
    return material


def material_delete(*, material: Material, actor: User) -> None:
    """The row and its audit entry in one transaction; the file goes once both are
    committed (a rolled-back delete must not leave a record without its file)."""
    file = material.file
    with transaction.atomic():
        audit_log(actor=actor, action="trainings.material.deleted", obj=material)
        material.delete()
        transaction.on_commit(lambda: file.delete(save=False))
