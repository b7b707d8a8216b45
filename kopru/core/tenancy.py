"""What core needs from the apps above it: the offices and the rules of who belongs.

Core enforces office scoping, but the ``Office`` model lives in ``kopru.offices`` and the
rules of who may enter an office's areas live in ``kopru.accounts``, both above core.
Core may not import them (the import-linter contracts in ``pyproject.toml``), so those
apps *provide* these functions by declaration (:class:`kopru.core.registry.Provides`
on their ``AppConfig``) and core calls them through here. Each name in
:data:`NEEDED` must be provided by exactly one installed app (system check
``kopru.E012``).

Below core, an office is any model instance with ``pk`` and ``slug``; its model is
named only by the label ``"offices.Office"`` (like ``AUTH_USER_MODEL``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .registry import registry

#: The model label of the tenant (foreign keys name it by this label).
OFFICE_MODEL = "offices.Office"

#: The functions core calls, each provided by one app: name -> what it does.
NEEDED = {
    "office_by_slug": "the active office with this slug, or None",
    "office_list": "the active offices (the national administrator's switcher)",
    "can_work_in_office": "(user, office) -> may enter the office's staff panel",
    "belongs_to_office": "(user, office) -> may enter the office's institution area",
    "can_coordinate_office": "(user, office) -> may act as the office's coordinator",
}


def office_by_slug(slug: str) -> Any | None:
    return registry.provided("office_by_slug")(slug)


def office_list() -> Iterable[Any]:
    return registry.provided("office_list")()  # type: ignore[no-any-return]


def can_work_in_office(user: Any, office: Any) -> bool:
    return bool(registry.provided("can_work_in_office")(user, office))


def belongs_to_office(user: Any, office: Any) -> bool:
    return bool(registry.provided("belongs_to_office")(user, office))


def can_coordinate_office(user: Any, office: Any) -> bool:
    return bool(registry.provided("can_coordinate_office")(user, office))
