"""System checks of the apps' declarations (``manage.py check``; the suite runs them too)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse

from .registry import MenuItem, Provides, declaration_refs, registry
from .tenancy import NEEDED


@checks.register()
def check_declarations(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every declared dotted path imports, every menu URL exists, core's needs are provided."""
    try:
        declared = list(registry)
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="kopru.E013")]
    errors: list[checks.CheckMessage] = []
    for item in declared:
        for name, target in declaration_refs(item):
            try:
                target.resolve()
            except ImportError as exc:
                errors.append(
                    checks.Error(
                        f"{type(item).__name__}.{name}: {target.path!r} does not import ({exc})",
                        obj=item,
                        id="kopru.E010",
                    )
                )
        if isinstance(item, MenuItem):
            try:
                reverse(item.url_name, kwargs={"office_slug": "ofis"})
            except NoReverseMatch:
                errors.append(
                    checks.Error(
                        f"{type(item).__name__} {item.url_name!r} names no office route",
                        obj=item,
                        id="kopru.E011",
                    )
                )
    provided = {item.name for item in registry.of(Provides)}
    errors.extend(
        checks.Error(
            f"No installed app provides {name!r} ({purpose}), which kopru.core.tenancy needs",
            hint="Declare Provides(name, ref('dotted.path')) on the app's AppConfig.",
            id="kopru.E012",
        )
        for name, purpose in NEEDED.items()
        if name not in provided
    )
    return errors
