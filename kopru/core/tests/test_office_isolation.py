"""No office sees another's records: every staff, member and API route, enumerated.

The test walks the URL configuration, so a route added tomorrow is covered
without editing this file. For every route of the ``panel`` and ``kurum`` areas
and every ``api`` route, a Balıkesir expert

* opening it with İzmir's office slug gets 404,
* opening it with Balıkesir's slug but İzmir's records gets 404,
* opening it with Balıkesir's slug and Balıkesir's records does *not* get 404
  (so the 404s above come from the scoping, not from a broken route).

Record arguments are known from ``office_path(..., models={...})`` (panel, kurum)
and from the viewset's model (API). A route with an argument the test cannot
fill, or an office-owned model without a factory, fails the test.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factory.django import DjangoModelFactory

from kopru.core.models import OfficeOwned
from kopru.core.scoping import public_scope

pytestmark = pytest.mark.django_db

AREAS = ("panel", "kurum", "api")


@dataclass
class Route:
    area: str
    name: str  # fully namespaced
    args: list[str]
    models: dict[str, Any]
    callback: Any

    def __str__(self) -> str:
        return self.name


def _arg_names(pattern: Any) -> list[str]:
    if hasattr(pattern, "_route"):  # path() routes
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)  # re_path() (DRF routers); none for the i18n prefix
    return list(regex.groupindex) if regex is not None else []


def _walk(
    patterns: list[Any], namespaces: list[str], args: list[str]
) -> Iterator[tuple[URLPattern, list[str], list[str]]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = [*namespaces, p.namespace] if p.namespace else namespaces
            yield from _walk(p.url_patterns, ns, args + _arg_names(p.pattern))
        else:
            yield p, namespaces, args + _arg_names(p.pattern)


def protected_routes() -> list[Route]:
    routes = []
    for pattern, namespaces, args in _walk(get_resolver().url_patterns, [], []):
        if not namespaces or namespaces[0] not in AREAS or not pattern.name:
            continue
        if "format" in args:  # DRF's ".json" suffix twins of the same views
            continue
        models = dict(getattr(pattern, "kopru_models", {}))
        viewset = getattr(pattern.callback, "cls", None)
        if viewset is not None and hasattr(viewset, "queryset") and viewset.queryset is not None:
            lookup = getattr(viewset, "lookup_url_kwarg", None) or getattr(
                viewset, "lookup_field", "pk"
            )
            models.setdefault(lookup, viewset.queryset.model)
        name = ":".join([*namespaces, pattern.name])
        routes.append(Route(namespaces[0], name, args, models, pattern.callback))
    return routes


def factories() -> dict[type, type[DjangoModelFactory]]:
    found: dict[type, type[DjangoModelFactory]] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("kopru."):
            continue
        try:
            module = import_module(f"{app.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if not issubclass(obj, DjangoModelFactory) or obj._meta.abstract:
                continue
            model = obj._meta.model
            if model is None or (model in found and obj.__name__ != f"{model.__name__}Factory"):
                continue
            found[model] = obj
    return found


def office_owned_models() -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, OfficeOwned)]


def test_every_office_owned_model_has_a_factory() -> None:
    missing = [m._meta.label for m in office_owned_models() if m not in factories()]
    assert missing == [], f"add factories (kopru/<app>/tests/factories.py) for {missing}"


def test_routes_are_enumerated() -> None:
    names = {r.name for r in protected_routes()}
    # The foundation's own routes: if these vanish, the walk is broken.
    assert "panel:organisations:detail" in names
    assert "panel:core:history" in names
    assert "api:organisation-detail" in names


def test_every_record_argument_is_declared() -> None:
    undeclared = [
        f"{r.name}: <{arg}>"
        for r in protected_routes()
        for arg in r.args
        if arg != "office_slug"
        and arg not in r.models
        and not (arg == "model" and "__by_model__" in r.models.values())
    ]
    assert undeclared == [], (
        "declare what these URL arguments refer to with office_path(..., models={...}): "
        + ", ".join(undeclared)
    )


class Records:
    """One record of every office-owned model in each office, made by the factories."""

    def __init__(self, balikesir: Any, izmir: Any) -> None:
        self.offices = {"balikesir": balikesir, "izmir": izmir}
        self.factories = factories()
        self.cache: dict[tuple[str, type], Any] = {}

    def get(self, office: str, model: type) -> Any:
        key = (office, model)
        if key not in self.cache:
            self.cache[key] = self.factories[model](office=self.offices[office])
        return self.cache[key]

    def is_public(self, obj: Any) -> bool:
        with public_scope():
            return type(obj)._default_manager.filter(pk=obj.pk).exists()


def _kwargs_sets(route: Route, office: str, records: Records) -> list[dict[str, Any]]:
    """The URL arguments to try for ``route`` with ``office``'s records."""
    base: dict[str, Any] = {}
    by_model = False
    for arg in route.args:
        if arg == "office_slug" or (arg == "model" and "__by_model__" in route.models.values()):
            continue
        target = route.models[arg]
        if target == "__by_model__":
            by_model = True
        elif target is None:
            base[arg] = "0"
        elif isinstance(target, str):  # not a record: a literal value that the route accepts
            base[arg] = target
        else:
            base[arg] = records.get(office, target).pk
    if not by_model:
        return [base]
    sets = []
    for model in office_owned_models():
        obj = records.get(office, model)
        sets.append({**base, "model": model._meta.label_lower, "pk": obj.pk})
    return sets


def _url(route: Route, office_slug: str, kwargs: dict[str, Any]) -> str:
    if "office_slug" in route.args:
        kwargs = {**kwargs, "office_slug": office_slug}
    return reverse(route.name, kwargs=kwargs)


@pytest.fixture
def records(balikesir: Any, izmir: Any) -> Records:
    return Records(balikesir, izmir)


@pytest.mark.parametrize("who", ["balikesir_expert", "balikesir_coordinator"])
def test_balikesir_staff_get_404_for_everything_of_izmir(
    client: Any, who: str, request: Any, records: Records
) -> None:
    user = request.getfixturevalue(who)
    client.force_login(user)
    leaks: list[str] = []
    broken: list[str] = []
    for route in protected_routes():
        for own in _kwargs_sets(route, "balikesir", records):
            url = _url(route, "balikesir", own)
            status = client.get(url).status_code
            if status == 404 and route.area != "kurum" and user.is_coordinator:
                broken.append(f"{route}: GET {url} answers 404 for its own office")
        for other in _kwargs_sets(route, "izmir", records):
            attempts = []
            if route.area in ("panel", "kurum"):
                attempts.append(_url(route, "izmir", other))  # İzmir's office itself
            # Literal (non-record) arguments name nothing of İzmir's.
            has_records = any(
                k != "office_slug"
                and not (isinstance(route.models.get(k), str) and route.models[k] != "__by_model__")
                for k in other
            )
            if ("office_slug" in route.args or route.area == "api") and has_records:
                attempts.append(_url(route, "balikesir", other))  # İzmir's records
            for url in attempts:
                obj_public = route.area == "api" and any(
                    records.is_public(records.get("izmir", m))
                    for m in route.models.values()
                    if isinstance(m, type)
                )
                get = client.get(url).status_code
                # 405: a POST-only action refuses GET before looking anything up; its
                # POST below must still be a 404.
                post_only = get == 405 and route.area in ("panel", "kurum")
                if get != 404 and not obj_public and not post_only:
                    leaks.append(f"{route}: GET {url} -> {get}")
                if route.area in ("panel", "kurum"):
                    post = client.post(url, {}).status_code
                    if post != 404:
                        leaks.append(f"{route}: POST {url} -> {post}")
    assert leaks == [], "another office's data is reachable:\n" + "\n".join(leaks)
    assert broken == [], "routes fail for their own office:\n" + "\n".join(broken)


def test_izmir_staff_reach_their_own_records(
    client: Any, izmir_coordinator: Any, records: Records
) -> None:
    """The same routes work for İzmir's own staff (the 404s above are not accidents)."""
    client.force_login(izmir_coordinator)
    broken = []
    for route in protected_routes():
        if route.area == "kurum":
            continue
        for kwargs in _kwargs_sets(route, "izmir", records):
            url = _url(route, "izmir", kwargs)
            if client.get(url).status_code == 404:
                broken.append(url)
    assert broken == []


def test_anonymous_api_sees_no_private_record(client: Any, records: Records) -> None:
    hidden = []
    for route in protected_routes():
        if route.area != "api":
            continue
        for kwargs in _kwargs_sets(route, "izmir", records):
            if not kwargs:
                continue
            objs = [records.get("izmir", m) for m in route.models.values() if isinstance(m, type)]
            if any(records.is_public(o) for o in objs):
                continue
            url = _url(route, "izmir", kwargs)
            if client.get(url).status_code != 404:
                hidden.append(url)
    assert hidden == []


def test_anonymous_visitor_is_sent_to_log_in_for_panel(client: Any, balikesir: Any) -> None:
    response = client.get("/balikesir/panel/")
    assert response.status_code == 302
    assert "/hesap/giris/" in response["Location"]


def test_institution_member_cannot_enter_the_staff_panel(
    client: Any, balikesir_member: Any
) -> None:
    client.force_login(balikesir_member)
    assert client.get("/balikesir/panel/").status_code == 404
    assert client.get("/balikesir/kurum/").status_code == 200
