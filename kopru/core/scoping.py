"""Office scoping: the one mechanism through which office-owned records are read.

Every model that belongs to an office inherits :class:`kopru.core.models.OfficeOwned`,
whose default manager is :class:`OfficeScopedManager`. That manager looks at the
*active scope* (a context variable) and filters every queryset by it. With no
active scope a query raises :class:`ScopeError` — a forgotten filter fails loudly
instead of leaking another office's data.

A scope is entered in exactly one of three ways:

``office_scope(office)``
    Staff of ``office`` at work: every record of that office (plus what the model
    shares with every office, see ``OfficeOwned.office_scope_q``).
``public_scope(office=None)``
    What the public may see: only records the model declares public
    (``OfficeOwned.public_q``), of one office or, with ``office=None``, of all.
    Records of another office that are published are public data.
``unscoped(reason)``
    Everything. Only for the national administration, management commands,
    migrations and background tasks that span offices — always with a reason,
    which makes every use easy to find and review.

A single query may step outside the active scope with
``unscoped_manager(Model, reason=...)`` (Django's base manager, with the reason
written beside it): a service writing a row it already holds, a lock taken with
``select_for_update``, a private link whose signed token authorises the reader.
``Model._base_manager`` is never written out by hand outside ``kopru.core`` and
tests (``kopru/core/tests/test_scoping_bypass.py`` fails on it).

:class:`kopru.core.middleware.OfficeScopeMiddleware` enters the right scope for
each request from its URL and user; services and tasks that run outside a request
enter one themselves.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class Office(Protocol):
    """What scoping needs of an office (the model lives above core, in ``kopru.offices``)."""

    @property
    def pk(self) -> Any: ...

    @property
    def slug(self) -> str: ...


class ScopeError(RuntimeError):
    """An office-owned model was queried with no active scope."""


@dataclass(frozen=True)
class Scope:
    """Which office-owned records the current code may read.

    ``private_office``: every record of this office is visible.
    ``public``: records that the model declares public are visible...
    ``public_office``: ...restricted to this office (``None`` = every office).
    ``everything``: no restriction at all.
    """

    private_office: Office | None = None
    public: bool = False
    public_office: Office | None = None
    everything: bool = False
    reason: str = ""

    def describe(self) -> str:
        if self.everything:
            return f"unscoped ({self.reason})"
        parts = []
        if self.private_office is not None:
            parts.append(f"office {self.private_office.slug}")
        if self.public:
            where = self.public_office.slug if self.public_office else "all offices"
            parts.append(f"public records of {where}")
        return " + ".join(parts) or "nothing"


_active: contextvars.ContextVar[Scope | None] = contextvars.ContextVar(
    "kopru_office_scope", default=None
)


def current_scope() -> Scope | None:
    return _active.get()


@contextmanager
def activate(scope: Scope) -> Iterator[Scope]:
    token = _active.set(scope)
    try:
        yield scope
    finally:
        _active.reset(token)


def office_scope(office: Office, *, with_public: bool = False) -> Any:
    """Staff of ``office``: all its records (and, with ``with_public``, what is public)."""
    return activate(Scope(private_office=office, public=with_public))


def public_scope(office: Office | None = None) -> Any:
    """The public: published records of ``office`` (or of every office)."""
    return activate(Scope(public=True, public_office=office))


def unscoped(reason: str) -> Any:
    """Everything, for code that must span offices. ``reason`` is required."""
    if not reason:
        raise ValueError("unscoped() needs a reason")
    return activate(Scope(everything=True, reason=reason))


def unscoped_manager(model: type[M], *, reason: str) -> models.Manager[M]:
    """``model``'s unscoped (base) manager, for one query that must not be scoped.

    ``reason`` says why the scope does not apply (``"the event is locked before its
    registrations are counted"``); it is required, like ``unscoped``'s, so every
    bypass can be found (grep ``unscoped_manager``) and reviewed. Following a
    foreign key (``registration.event``) already uses the base manager and needs
    no call: holding a record you were allowed to fetch authorises its relations.
    """
    if not reason or not reason.strip():
        raise ValueError("unscoped_manager() needs a reason")
    return model._base_manager


def empty_queryset(model: type[M]) -> models.QuerySet[M]:
    """An empty queryset of ``model``, built without a scope and never reading a row.

    For class attributes evaluated at import time (a viewset's ``queryset``, a form
    field's initial ``queryset``) that the view replaces with a scoped one.
    """
    return model._base_manager.none()


def scope_filter(model: type[models.Model], scope: Scope) -> models.Q | None:
    """The filter ``scope`` puts on ``model`` (``None`` means no filter)."""
    if scope.everything:
        return None
    q = models.Q(pk__in=[])
    if scope.private_office is not None:
        q |= model.office_scope_q(scope.private_office)  # type: ignore[attr-defined]
    if scope.public:
        public = model.public_q()  # type: ignore[attr-defined]
        if scope.public_office is not None:
            # What the office's public pages show: its own public records and the
            # public records the model shares with every office (national calls).
            public &= model.office_scope_q(scope.public_office)  # type: ignore[attr-defined]
        q |= public
    return q


class OfficeScopedQuerySet(models.QuerySet[M], Generic[M]):
    pass


class OfficeScopedManager(models.Manager[M], Generic[M]):
    """Default manager of office-owned models; filters by the active scope."""

    use_in_migrations = False

    def get_queryset(self) -> models.QuerySet[M]:
        scope = _active.get()
        if scope is None:
            raise ScopeError(
                f"{self.model._meta.label} was queried outside any office scope. "
                "Enter office_scope(), public_scope() or unscoped(reason) first."
            )
        qs = super().get_queryset()
        condition = scope_filter(self.model, scope)
        return qs if condition is None else qs.filter(condition)
