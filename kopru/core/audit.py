"""Writing and reading the audit trail.

Services call :func:`audit_log` for every change they make; :func:`history_for`
reads the entries of one record. Values are stored as JSON-friendly strings so the
trail survives schema changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


def json_value(value: Any) -> Any:
    """A JSON-friendly rendering of a model field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)[:200]}
    if isinstance(value, list | tuple | set):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return str(value)


def _office_of(obj: models.Model | None) -> Any:
    if obj is None:
        return None
    if obj._meta.label == "offices.Office":
        return obj
    office_id = getattr(obj, "office_id", None)
    return office_id


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    office: Any = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``action`` is a dotted name (``"calls.call.published"``); ``changes`` maps field
    names to ``(old, new)``.
    """
    office_ref = office if office is not None else _office_of(obj)
    entry = AuditEntry(
        action=action,
        changes={k: [json_value(o), json_value(n)] for k, (o, n) in (changes or {}).items()},
        data=json_value(data or {}),
    )
    if isinstance(office_ref, int):
        entry.office_id = office_ref
    elif office_ref is not None:
        entry.office = office_ref
    entry.actor, entry.actor_repr = _actor(actor)
    if obj is not None:
        _describe(entry, obj)
    entry.save()
    return entry


def _actor(actor: Any) -> tuple[Any, str]:
    """The one actor rule: a signed-in user, or a name (a command, a system process)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor, actor.get_full_name() or actor.get_username()
    return None, actor if isinstance(actor, str) else ""


def _describe(entry: AuditEntry, obj: models.Model) -> None:
    entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    entry.object_id = str(obj.pk)
    entry.object_repr = str(obj)[:300]
    entry.version = getattr(obj, "version", None)


def audit_log_bulk(
    *,
    actor: Any,
    action: str,
    entries: Iterable[tuple[models.Model, dict[str, tuple[Any, Any]] | None, dict[str, Any]]],
) -> int:
    """:func:`audit_log` for many records at once (imports): one entry per ``(obj,
    changes, data)``, written with one bulk insert; the same actor rule. Returns the count."""
    user, name = _actor(actor)
    rows = []
    for obj, changes, data in entries:
        entry = AuditEntry(
            office_id=getattr(obj, "office_id", None),
            actor=user,
            actor_repr=name,
            action=action,
            changes={k: [json_value(o), json_value(n)] for k, (o, n) in (changes or {}).items()},
            data=json_value(data),
        )
        _describe(entry, obj)
        rows.append(entry)
    AuditEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def scrub_history(model: type[models.Model], pks: Iterable[Any], fields: Iterable[str]) -> int:
    """Erasure of people's data: the audit entries of ``model``'s records ``pks`` keep what
    changed, not who it was (their description and the values of ``fields`` become "—").
    Returns the number of entries scrubbed."""
    personal = set(fields)
    kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = list(AuditEntry.objects.filter(content_type=kind, object_id__in=map(str, pks)))
    for entry in entries:
        entry.object_repr = "—"
        entry.changes = {k: ["—", "—"] if k in personal else v for k, v in entry.changes.items()}
    AuditEntry.objects.bulk_update(entries, ["object_repr", "changes"], batch_size=500)
    return len(entries)


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit entries of ``obj``, newest first.

    The caller must have fetched ``obj`` through its scoped manager, which is what
    authorises reading its history.
    """
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("actor")


def changes_since(obj: models.Model, version: int) -> list[dict[str, Any]]:
    """What changed in ``obj`` after ``version``: one dict per later audit entry."""
    return [
        {
            "when": e.created_at,
            "who": e.actor_repr,
            "action": e.action,
            "version": e.version,
            "changes": e.changes,
        }
        for e in history_for(obj).filter(version__gt=version).order_by("created_at", "id")
    ]


# --- how an entry reads to a person -----------------------------------------------

VERBS: dict[str, Any] = {
    "created": _("oluşturuldu"),
    "updated": _("güncellendi"),
    "deleted": _("silindi"),
    "removed": _("kaldırıldı"),
    "erased": _("kişisel verileri silindi"),
    "exported": _("dışa aktarıldı"),
    "imported": _("içe aktarıldı"),
    "reimported": _("yeniden içe aktarıldı"),
    "import_updated": _("içe aktarmayla güncellendi"),
    "published": _("yayımlandı"),
    "submitted": _("gönderildi"),
    "requested": _("istendi"),
    "confirmed": _("onaylandı"),
    "cancelled": _("iptal edildi"),
    "closed": _("kapatıldı"),
    "reopened": _("yeniden açıldı"),
    "assigned": _("atandı"),
    "answered": _("yanıtlandı"),
    "noted": _("not eklendi"),
    "logged": _("görüşme kaydedildi"),
    "status_changed": _("durumu değişti"),
    "stage_changed": _("aşaması değişti"),
    "follow_up_set": _("takip tarihi verildi"),
    "requester_wrote": _("talep sahibi yazdı"),
    "link_renewed": _("bağlantısı yenilendi"),
    "link_added": _("bağlantı eklendi"),
    "link_removed": _("bağlantı kaldırıldı"),
    "document_added": _("belge eklendi"),
    "document_removed": _("belge kaldırıldı"),
    "merged": _("birleştirildi"),
    "marked_distinct": _("farklı kurumlar olarak işaretlendi"),
    "issued": _("düzenlendi"),
    "bulk_issued": _("toplu düzenlendi"),
    "reissued": _("yeniden düzenlendi"),
    "revoked": _("iptal edildi"),
    "promoted": _("asil listeye geçti"),
    "registration_closed": _("kaydı kapatıldı"),
    "unsubscribed": _("abonelikten çıktı"),
    "reminder_sent": _("hatırlatma gönderildi"),
    "received": _("alındı"),
    "recorded": _("kaydedildi"),
    "posted": _("yayımlandı"),
    "done": _("tamamlandı"),
}
NOUNS: dict[str, Any] = {
    "person": _("kişi"),
    "personal_data": _("kişisel veri"),
}


def action_label(action: str) -> str:
    """``"calls.call.published"`` as a person reads it: ``"Çağrı: yayımlandı"``.

    The model's own verbose name names the record; unknown parts stay as they are.
    """
    parts = action.split(".")
    if len(parts) != 3:
        return action
    app_label, model_name, verb = parts
    try:
        noun: Any = apps.get_model(app_label, model_name)._meta.verbose_name
    except LookupError:
        noun = NOUNS.get(model_name, model_name.replace("_", " "))
    return f"{capfirst(str(noun))}: {VERBS.get(verb, verb.replace('_', ' '))}"


def field_label(obj: Any, name: str) -> str:
    """The verbose name of field ``name`` of ``obj``'s model (``name`` when unknown)."""
    try:
        field = obj._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))
