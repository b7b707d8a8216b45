"""An expert's "my work" list on the panel home: what waits for the signed-in user.

Each app declares what it asks of a user, core knows no app::

    WorkItems(key="guidance", label=_("Danışma talepleriniz"),
              items=ref("kopru.guidance.selectors.work_items"), order=10)

``items(user, office, today)`` runs in the office's private scope (the panel's) and
returns at most :data:`LIMIT` :class:`WorkItem`, most pressing first, and the number
there are in all (``(items, total)``), each linking to its record; an item whose
``due`` date is before ``today`` is overdue. One or two queries per app: the panel
home's query budget test holds the sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .registry import Declaration, registry

#: Items an app shows at most (its list is linked for the rest).
LIMIT = 8


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    due: dt.date | None = None
    note: str = ""  # what is asked ("takip", "rapor teslimi", "Türkçe özet yok")

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class WorkItems(Declaration):
    """What an app asks of a user: ``items(user, office, today)`` ->
    ``(list[WorkItem], total)``; ``list_url_name`` opens the app's full list."""

    kind = "work_items"
    key: str
    label: Any  # a lazy translation
    items: Callable[[Any, Any, dt.date], tuple[list[WorkItem], int]]
    list_url_name: str = ""

    def unique_key(self) -> str:
        return self.key


@dataclass
class WorkGroup:
    key: str
    label: Any
    items: list[dict[str, Any]]
    total: int
    overdue: int
    list_url_name: str
    list_url: str = ""


def collect(user: Any, office: Any, today: dt.date | None = None) -> list[WorkGroup]:
    """The groups of ``user``'s work in ``office`` that have something (in the active
    scope, the office's private one)."""
    today = today or timezone.localdate()
    groups = []
    for decl in registry.of(WorkItems):
        items, total = decl.items(user, office, today)
        if not total:
            continue
        shown = [{"item": item, "overdue": item.overdue(today)} for item in items[:LIMIT]]
        groups.append(
            WorkGroup(
                key=decl.key,
                label=decl.label,
                items=shown,
                total=total,
                overdue=sum(1 for s in shown if s["overdue"]),
                list_url_name=decl.list_url_name,
            )
        )
    return groups
