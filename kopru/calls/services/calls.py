"""Writes of the call records: create, edit, deadlines and facets, review and publish,
links and documents, the catalogue settings, and moving next deadlines on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update

from ..models import (
    Call,
    CallDeadline,
    CallDocument,
    CallFacet,
    CallFacetTerm,
    CallLink,
    CallSettings,
    CatalogueChange,
    State,
)

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office
from ..selectors import settings_for
from .subscriptions import send_instant_alerts


@dataclass(frozen=True)
class DeadlineInput:
    at: dt.datetime  # aware
    timezone: str = "Europe/Istanbul"
    stage: int = 1
    label: str = ""


# -- calls -------------------------------------------------------------------------------


def facet_term_ids(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The :class:`CallFacetTerm` id of every (facet, value), creating missing terms."""
    wanted = set(pairs)
    found: dict[tuple[str, str], int] = {}

    def look_up(keys: set[tuple[str, str]]) -> None:
        values = sorted({v for _f, v in keys})
        for i in range(0, len(values), 500):
            rows = CallFacetTerm.objects.filter(
                facet__in={f for f, _v in keys}, value__in=values[i : i + 500]
            ).values_list("facet", "value", "pk")
            found.update({(f, v): pk for f, v, pk in rows if (f, v) in keys})

    if wanted:
        look_up(wanted)
    missing = wanted - found.keys()
    if missing:
        CallFacetTerm.objects.bulk_create(
            [CallFacetTerm(facet=f, value=v) for f, v in sorted(missing)],
            ignore_conflicts=True,  # another process may be adding the same term
            batch_size=500,
        )
        look_up(missing)
    return found


def facet_rows(calls: Iterable[Call]) -> list[CallFacet]:
    """The :class:`CallFacet` rows of ``calls`` (saved calls), terms created as needed."""
    pairs = [(call, call.facet_values()) for call in calls]
    ids = facet_term_ids(p for _c, values in pairs for p in values)
    return [CallFacet(call=call, term_id=ids[p]) for call, values in pairs for p in values]


def sync_facets(*calls: Call) -> None:
    """Keep the calls' facet rows in step with their fields (one call's edit, or an
    import's). The rows are compared, not replaced: a write that changes no tag writes no
    facet row, so the catalogue's change log (and every process's index) sees only the
    calls whose facets really changed."""
    wanted = {(f.call_id, f.term_id) for f in facet_rows(calls)}
    rows = CallFacet.objects.filter(call__in=calls).values_list("pk", "call_id", "term_id")
    existing = {(call_id, term_id): pk for pk, call_id, term_id in rows}
    stale = [pk for key, pk in existing.items() if key not in wanted]
    for start in range(0, len(stale), 500):
        CallFacet.objects.filter(pk__in=stale[start : start + 500]).delete()
    CallFacet.objects.bulk_create(
        [CallFacet(call_id=c, term_id=t) for c, t in sorted(wanted - existing.keys())],
        batch_size=1000,
    )


def _deadline_tuple(d: DeadlineInput | CallDeadline) -> tuple[Any, ...]:
    return (d.at, d.timezone, d.stage, d.label)


def _set_deadlines(call: Call, deadlines: Sequence[DeadlineInput]) -> bool:
    """Replace the call's deadlines; returns whether anything changed."""
    current = list(CallDeadline.objects.filter(call=call).order_by("at", "stage"))
    new = sorted(deadlines, key=lambda d: (d.at, d.stage))
    if [_deadline_tuple(d) for d in current] == [_deadline_tuple(d) for d in new]:
        return False
    CallDeadline.objects.filter(call=call).delete()
    CallDeadline.objects.bulk_create(
        [
            CallDeadline(call=call, at=d.at, timezone=d.timezone, stage=d.stage, label=d.label)
            for d in new
        ]
    )
    return True


def _held(call: Call) -> Any:
    """The row of a call the caller holds (fetched through the scope, or just created)."""
    return unscoped_manager(Call, reason="update the call the service was given").filter(pk=call.pk)


def _refresh(call: Call) -> None:
    fields = call.refresh_derived()
    _held(call).update(**{f: getattr(call, f) for f in fields})
    sync_facets(call)


def _describe_deadlines(deadlines: Iterable[DeadlineInput | CallDeadline]) -> list[str]:
    return [f"{d.at.isoformat()} {d.timezone} ({d.stage})" for d in deadlines]


@transaction.atomic
def call_create(
    *,
    office: Office,
    data: dict[str, Any],
    deadlines: Sequence[DeadlineInput] = (),
    actor: User,
) -> Call:
    data = {**data, "office": office}
    data.setdefault("content_changed_at", timezone.now())
    call = model_create(model=Call, data=data, actor=actor, action="calls.call.created")
    if deadlines:
        _set_deadlines(call, deadlines)
        audit_log(
            actor=actor,
            action="calls.call.deadlines",
            obj=call,
            changes={"deadlines": ([], _describe_deadlines(deadlines))},
        )
    _refresh(call)
    return call


@transaction.atomic
def call_update(
    *,
    call: Call,
    data: dict[str, Any],
    deadlines: Sequence[DeadlineInput] | None = None,
    actor: User,
    expected_version: int | None = None,
) -> Call:
    old_deadlines = list(call.deadlines.all()) if deadlines is not None else []
    changed_deadlines = deadlines is not None and _set_deadlines(call, deadlines)
    extra: dict[str, Any] = {}
    call, changes = model_update(
        instance=call,
        data={**data, **extra},
        actor=actor,
        action="calls.call.updated",
        expected_version=expected_version,
    )
    if changed_deadlines:
        assert deadlines is not None
        audit_log(
            actor=actor,
            action="calls.call.deadlines",
            obj=call,
            changes={
                "deadlines": (_describe_deadlines(old_deadlines), _describe_deadlines(deadlines))
            },
        )
    if {"sectors", "target_groups"} & set(changes) and not call.tags_by_expert:
        call.tags_by_expert = True  # a re-import keeps the expert's tags
        _held(call).update(tags_by_expert=True)
    if changes or changed_deadlines:
        call.content_changed_at = timezone.now()
        _held(call).update(content_changed_at=call.content_changed_at)
        _refresh(call)
    return call


def _set_state(call: Call, state: str, actor: User, action: str) -> Call:
    if call.state == state:
        return call
    old = call.state
    fields: dict[str, Any] = {"state": state}
    if state == State.PUBLISHED and not call.published_at:
        fields["published_at"] = timezone.now()
    _held(call).update(**fields)
    for k, v in fields.items():
        setattr(call, k, v)
    audit_log(actor=actor, action=action, obj=call, changes={"state": (old, state)})
    return call


@transaction.atomic
def call_publish(*, call: Call, actor: User) -> Call:
    """Draft (or archived) → published. A call needs a title to be published."""
    if not (call.title_tr or call.title_en):
        raise ApplicationError(_("Başlığı olmayan bir çağrı yayımlanamaz."))
    call = _set_state(call, State.PUBLISHED, actor, "calls.call.published")
    office_id = call.office_id
    transaction.on_commit(lambda: send_instant_alerts.enqueue(office_id=office_id))
    return call


@transaction.atomic
def call_archive(*, call: Call, actor: User) -> Call:
    return _set_state(call, State.ARCHIVED, actor, "calls.call.archived")


@transaction.atomic
def call_unpublish(*, call: Call, actor: User) -> Call:
    """Back to draft (for review)."""
    return _set_state(call, State.DRAFT, actor, "calls.call.unpublished")


@transaction.atomic
def call_link_add(*, call: Call, title: str, url: str, actor: User) -> CallLink:
    link = CallLink.objects.create(call=call, title=title, url=url)
    audit_log(actor=actor, action="calls.call.link_added", obj=call, data={"url": url})
    return link


@transaction.atomic
def call_link_remove(*, link: CallLink, actor: User) -> None:
    call = link.call
    audit_log(actor=actor, action="calls.call.link_removed", obj=call, data={"url": link.url})
    link.delete()


@transaction.atomic
def call_document_add(*, call: Call, title: str, file: Any, actor: User) -> CallDocument:
    document = CallDocument(call=call, title=title, file=file, size=getattr(file, "size", 0))
    document.full_clean(exclude=["call"])
    document.save()
    audit_log(
        actor=actor,
        action="calls.call.document_added",
        obj=call,
        data={"title": title, "size": document.size},
    )
    return document


@transaction.atomic
def call_document_remove(*, document: CallDocument, actor: User) -> None:
    call = document.call
    audit_log(
        actor=actor, action="calls.call.document_removed", obj=call, data={"title": document.title}
    )
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def settings_update(*, office: Office, publish_eu_on_import: bool, actor: User) -> CallSettings:
    current = settings_for(office)
    old = current.publish_eu_on_import if current.pk else True
    current.publish_eu_on_import = publish_eu_on_import
    current.save()
    audit_log(
        actor=actor,
        action="calls.settings.updated",
        obj=current,
        changes={"publish_eu_on_import": (old, publish_eu_on_import)},
    )
    return current


def catalogue_log_prune(*, keep: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Delete catalogue change log rows older than ``keep``; how many (the newest row
    always stays: a process's position). A process idle for longer reads its index
    again (``kopru.calls.catalogue_index``)."""
    newest = CatalogueChange.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return 0
    old = CatalogueChange.objects.filter(at__lt=timezone.now() - keep).exclude(id=newest)
    deleted, _ = old.delete()
    return deleted


@transaction.atomic
def call_next_deadlines_refresh(*, now: dt.datetime | None = None) -> int:
    """Move ``next_deadline`` on for calls whose next cut-off has passed (every office)."""
    now = now or timezone.now()
    calls = unscoped_manager(Call, reason="daily upkeep of every office's calls")
    count = 0
    for call in calls.filter(next_deadline__lt=now, closes_at__gte=now).only("pk"):
        nxt = (
            CallDeadline.objects.filter(call_id=call.pk, at__gte=now)
            .order_by("at")
            .values_list("at", flat=True)
            .first()
        )
        calls.filter(pk=call.pk).update(next_deadline=nxt)
        count += 1
    return count
