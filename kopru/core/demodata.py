"""Running the demo-data loaders of every app.

Each app may have a ``demo.py`` with ``ORDER`` (int) and ``load(ctx) -> str``;
``ctx`` is a :class:`DemoContext` the loaders share (the offices, users and
organisations created so far). Loaders must be idempotent: running
``load_demo`` twice leaves the same data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction

from .scoping import unscoped

DEFAULT_DEMO_PASSWORD = "Kopru.Demo.2026"  # noqa: S105 - documented demo password


def demo_password() -> str:
    return (
        os.environ.get("KOPRU_DEMO_PASSWORD")
        or settings.KOPRU_DEMO_PASSWORD
        or (DEFAULT_DEMO_PASSWORD)
    )


@dataclass
class DemoContext:
    offices: dict[str, Any] = field(default_factory=dict)  # slug -> Office
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> key -> Org
    password: str = ""


class DemoNotAllowed(RuntimeError):
    pass


def demo_loaders() -> list[tuple[int, str, Any]]:
    loaders = []
    for app in apps.get_app_configs():
        if not app.name.startswith("kopru."):
            continue
        try:
            module = import_module(f"{app.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.demo":
                raise
            continue
        loaders.append((getattr(module, "ORDER", 100), app.label, module.load))
    return sorted(loaders, key=lambda t: t[0])


def load_all() -> list[tuple[str, str]]:
    """Run every loader in one transaction; returns ``[(app, summary)]``."""
    if not getattr(settings, "KOPRU_ALLOW_DEMO", False):
        raise DemoNotAllowed("demo data is disabled by these settings (production)")
    ctx = DemoContext(password=demo_password())
    results = []
    with transaction.atomic(), unscoped("loading demo data"):
        for _order, label, load in demo_loaders():
            results.append((label, load(ctx)))
    return results
