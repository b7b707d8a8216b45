"""Fetch and authorise in one step; views declare what they require.

Every app's ``permissions.py`` holds its rules (``can_edit_project(user, project)``)
and, built on this module, its *access helpers*::

    def access_project(user, pk, *, for_: Literal["view", "edit", "monitor"] = "view"):
        return fetch_and_authorise(Project, pk, user=user, rule=PROJECT_RULES[for_],
                                   what="project")

An access helper fetches the record through the active office scope and checks the
rule for the intended action (``for_``); a record that does not exist, belongs to
another office or may not be used for that action raises the *same* ``Http404`` — a
visitor cannot tell "missing" from "not yours" (Zulip's ``access_stream_by_id``).
Views call the helper first and never test a permission themselves; a view whose
requirement is about the office rather than a record declares it with
:func:`requires`::

    @requires(can_coordinate_office)
    def panel_settings(request, office_slug): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from .scoping import OfficeScopedManager

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., HttpResponse])

Rule = Callable[[Any, Any], bool]
"""``rule(user, record)`` (or ``rule(user, office)`` for :func:`requires`)."""


def anyone(user: Any, obj: Any) -> bool:
    """The rule of an action that needs nothing beyond the scope itself."""
    return True


def get_or_404_scoped(
    source: type[M] | models.QuerySet[M], /, *, what: str = "", **lookup: Any
) -> M:
    """The one record matching ``lookup`` in the active office scope, else ``Http404``.

    ``source`` is an office-owned model, or a queryset of its scoped manager (with the
    ``select_related``/annotations the page needs), or a queryset of a record that
    belongs to one (``CallDocument.objects.filter(call__in=Call.objects.all())``). A
    lookup value that is not even of the right type (``?pk=abc``) is a missing record
    too, never a 500.
    """
    if isinstance(source, models.QuerySet):
        qs = source
    else:
        if not isinstance(source._default_manager, OfficeScopedManager):
            raise TypeError(f"{source._meta.label} is not office-scoped: pass a queryset")
        qs = source._default_manager.all()
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(what or qs.model._meta.model_name) from exc


def fetch_and_authorise(
    source: type[M] | models.QuerySet[M],
    pk: Any,
    *,
    user: Any,
    rule: Rule,
    what: str,
    **lookup: Any,
) -> M:
    """``get_or_404_scoped`` then ``rule(user, record)``; both refusals are one 404."""
    obj = get_or_404_scoped(source, what=what, pk=pk, **lookup)
    if not rule(user, obj):
        raise Http404(what)
    return obj


def requires(rule: Rule, *, methods: Iterable[str] | None = None) -> Callable[[V], V]:
    """Declare that a view of an office needs ``rule(request.user, request.office)``.

    Refused, the view answers 404 like a page that does not exist. ``methods``
    limits the requirement to some methods (a preview anyone of the office may see,
    a POST only the coordinator may send).
    """
    only = {m.upper() for m in methods} if methods is not None else None

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            applies = only is None or request.method in only
            if applies and not rule(request.user, getattr(request, "office", None)):
                raise Http404(getattr(rule, "__name__", "requirement"))
            return view(request, *args, **kwargs)

        wrapper.kopru_requires = rule  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def post_only(model: type[models.Model], *, arg: str = "pk") -> Callable[[V], V]:
    """A POST-only action on one record of ``model`` (named by the URL's ``arg``).

    A GET answers 404 for a record outside the scope (like any other page of
    another office's record) and 405 otherwise; the view itself fetches the
    record through its access helper.
    """

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                get_or_404_scoped(model, pk=kwargs.get(arg))
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
