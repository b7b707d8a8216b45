"""Generic write operations every app's services build on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import thesaurus
from .audit import audit_log, changes_since
from .errors import ConcurrentEditError
from .models import ThesaurusWord, WorkerHeartbeat

M = TypeVar("M", bound=models.Model)


def field_changes(instance: models.Model, data: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields of ``data`` whose value differs from ``instance``'s."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name, new in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            old_set = set(getattr(instance, name).values_list("pk", flat=True))
            new_set = {getattr(v, "pk", v) for v in (new or [])}
            if old_set != new_set:
                changed[name] = (sorted(old_set), sorted(new_set))
            continue
        old = getattr(instance, name)
        if old != new:
            changed[name] = (old, new)
    return changed


@transaction.atomic
def model_update(
    *,
    instance: M,
    data: Mapping[str, Any],
    actor: Any,
    action: str | None = None,
    expected_version: int | None = None,
    derived: Iterable[str] = (),
) -> tuple[M, dict[str, tuple[Any, Any]]]:
    """Apply ``data`` to ``instance``, audited and, for versioned records, guarded.

    ``expected_version`` is the version the user's form was based on. If the
    record has moved on since, :class:`ConcurrentEditError` is raised with the
    changes made in between, and nothing is written. ``derived`` names extra
    fields that ``instance.refresh_derived()`` (when defined) recomputes.
    Returns the instance and the changes applied.
    """
    changes = field_changes(instance, data)
    versioned = hasattr(instance, "version")
    if versioned and expected_version is not None:
        current = (
            type(instance)._base_manager.filter(pk=instance.pk).values_list("version", flat=True)
        )
        current_version = current.first()
        if current_version != expected_version:
            raise ConcurrentEditError(
                _(
                    "Bu kayıt siz düzenlerken başka biri tarafından değiştirildi "
                    "(sizin sürümünüz {mine}, şu anki sürüm {theirs}). Değişiklikleriniz "
                    "kaydedilmedi; aşağıda neyin değiştiğini görüp yeniden deneyin."
                ).format(mine=expected_version, theirs=current_version),
                changes=changes_since(instance, expected_version),
            )
    if not changes:
        return instance, {}
    m2m = {k: v for k, v in data.items() if instance._meta.get_field(k).many_to_many}
    for name, (_old, new) in changes.items():
        if name not in m2m:
            setattr(instance, name, new)
    refresh = getattr(instance, "refresh_derived", None)
    update_fields = [n for n in changes if n not in m2m] + list(derived)
    if callable(refresh):
        update_fields += list(refresh())
    if versioned:
        # Bump the version in the same UPDATE that checks it: two saves based on
        # the same version cannot both succeed.
        qs = type(instance)._base_manager.filter(pk=instance.pk)
        if expected_version is not None:
            qs = qs.filter(version=expected_version)
        values = {
            n: getattr(instance, instance._meta.get_field(n).attname)  # type: ignore[union-attr]
            for n in update_fields
        }
        if hasattr(instance, "updated_at"):
            values["updated_at"] = instance.updated_at = timezone.now()  # type: ignore[attr-defined]
        updated = qs.update(version=F("version") + 1, **values)
        if updated != 1:
            raise ConcurrentEditError(
                _("Bu kayıt siz düzenlerken başka biri tarafından değiştirildi."),
                changes=changes_since(instance, expected_version or 0),
            )
        new_version = (
            type(instance)._base_manager.values_list("version", flat=True).get(pk=instance.pk)
        )
        instance.version = new_version  # type: ignore[attr-defined]
    else:
        instance.save(update_fields=list(dict.fromkeys(update_fields)) or None)
    for name, new in m2m.items():
        getattr(instance, name).set(new)
    label = instance._meta.label_lower.replace(".", ".", 1)
    audit_log(actor=actor, action=action or f"{label}.updated", obj=instance, changes=changes)
    return instance, changes


def model_create(
    *, model: type[M], data: Mapping[str, Any], actor: Any, action: str | None = None
) -> M:
    """Create a record from ``data`` and record the creation in the audit trail."""
    with transaction.atomic():
        m2m = {k: v for k, v in data.items() if model._meta.get_field(k).many_to_many}
        plain = {k: v for k, v in data.items() if k not in m2m}
        instance = model(**plain)
        refresh = getattr(instance, "refresh_derived", None)
        if callable(refresh):
            refresh()
        instance.full_clean(exclude=[f.name for f in model._meta.fields if f.name not in plain])
        instance.save(force_insert=True)
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        audit_log(
            actor=actor,
            action=action or f"{model._meta.label_lower}.created",
            obj=instance,
            changes={k: (None, v) for k, v in data.items()},
        )
    return instance


# --- task workers' heartbeats (read by kopru.core.workers) -------------------------------


def heartbeat_beat(*, worker_id: str, host: str, pid: int, started_at: dt.datetime) -> None:
    """Record that ``worker_id`` is alive (its own row: workers never contend)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": host, "pid": pid, "started_at": started_at, "beat_at": timezone.now()},
    )


def heartbeat_forget(*, worker_id: str) -> None:
    """A worker that stops cleanly removes its row."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def heartbeat_prune(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Rows of workers gone for a day (killed without a clean stop)."""
    deleted, _ = WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - older_than).delete()
    return int(deleted)


# -- the bilingual thesaurus (national administrators) ---------------------------------------


@transaction.atomic
def thesaurus_word_add(*, actor: Any, kind: str, code: str, language: str, word: str) -> Any:
    """Add a word to a thesaurus entry (searches use it within ``thesaurus.TTL``)."""
    found, created = ThesaurusWord.objects.get_or_create(
        kind=kind,
        code=code,
        language=language,
        word=word.strip()[:80],
        defaults={"created_by": actor if getattr(actor, "pk", None) else None},
    )
    if created:
        audit_log(
            actor=actor,
            action="core.thesaurusword.created",
            obj=found,
            data={"entry": f"{kind}:{code}", "language": language, "word": found.word},
        )
    thesaurus.forget()  # now (this request's later searches) and after the commit
    transaction.on_commit(thesaurus.forget)
    return found


@transaction.atomic
def thesaurus_word_remove(*, actor: Any, word: Any) -> None:
    audit_log(
        actor=actor,
        action="core.thesaurusword.deleted",
        obj=word,
        data={"entry": f"{word.kind}:{word.code}", "language": word.language, "word": word.word},
    )
    word.delete()
    thesaurus.forget()  # now (this request's later searches) and after the commit
    transaction.on_commit(thesaurus.forget)
