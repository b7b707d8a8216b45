"""URL autodiscovery: each Köprü app contributes its routes by kind.

An app's ``urls.py`` may define any of

``panel_patterns``   staff panel, mounted at ``/<office>/panel/``  (namespace ``panel:<app>``)
``member_patterns``  institution members, ``/<office>/kurum/``     (``kurum:<app>``)
``public_patterns``  the office's public site, ``/<office>/``       (``public:<app>``)
``site_patterns``    national public pages, ``/``                   (``site:<app>``)
``national_patterns`` national administration, ``/ulusal/``         (``national:<app>``)

and its ``api.py`` may define ``routes``: ``[(prefix, viewset, basename), ...]``
registered on the ``/api/v1/`` router. Object routes use :func:`office_path` so the
scoping test knows which model each URL argument names.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path

KINDS = ("panel", "member", "public", "site", "national")


def office_path(
    route: str, view: Callable[..., Any], *, name: str, models: dict[str, Any] | None = None
) -> URLPattern:
    """``path()`` that records which model each URL argument refers to.

    ``models={"pk": Call}`` says ``<int:pk>`` is a Call's primary key. The
    office-isolation test uses it to open every such URL with another office's
    record and expect 404. An argument that is not a record maps to a literal
    value the route accepts (``models={"fmt": "xlsx"}``).
    """
    pattern = path(route, view, name=name)
    pattern.kopru_models = models or {}  # type: ignore[attr-defined]
    return pattern


def _kopru_apps() -> list[Any]:
    return [a for a in apps.get_app_configs() if a.name.startswith("kopru.")]


def collect(kind: str) -> list[URLPattern | URLResolver]:
    """One ``include`` per app that defines ``<kind>_patterns``."""
    result: list[URLPattern | URLResolver] = []
    for app in _kopru_apps():
        try:
            module = import_module(f"{app.name}.urls")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.urls":
                raise
            continue
        patterns = getattr(module, f"{kind}_patterns", None)
        if patterns:
            result.append(path("", include((patterns, app.label), namespace=app.label)))
    return result


def collect_api_routes() -> list[tuple[str, Any, str]]:
    routes: list[tuple[str, Any, str]] = []
    for app in _kopru_apps():
        try:
            module = import_module(f"{app.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.api":
                raise
            continue
        routes.extend(getattr(module, "routes", []))
    return routes
