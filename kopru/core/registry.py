"""Extension points through which capability apps add to shared pages.

Apps register in ``AppConfig.ready()``; the shared templates iterate the lists.
This keeps the panel menu and the office home page open to new capabilities
without editing the foundation's templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PanelMenuItem:
    label: Any  # a lazy translation
    url_name: str  # reversed with office_slug
    icon: str = "circle"
    order: int = 100
    # (user, office) -> bool; None means every staff member of the office.
    visible: Callable[[Any, Any], bool] | None = None


@dataclass(frozen=True)
class HomeSection:
    """A block on an office's public home page."""

    template: str
    context: Callable[[Any, Any], dict[str, Any]]  # (request, office) -> context
    order: int = 100


@dataclass(frozen=True)
class PersonalDataProvider:
    """One app's records about a person, found by e-mail address (KVKK requests).

    ``find(email)`` returns JSON-friendly dicts of the records held on that person in
    the active scope; ``erase(email, actor)`` anonymises them, keeping what counts
    need (dates, channel, status) and returns how many records it changed.
    """

    key: str
    label: Any  # a lazy translation
    find: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str, Any], int]
    order: int = 100


@dataclass
class Registry:
    panel_menu: list[PanelMenuItem] = field(default_factory=list)
    member_menu: list[PanelMenuItem] = field(default_factory=list)
    public_menu: list[PanelMenuItem] = field(default_factory=list)
    home_sections: list[HomeSection] = field(default_factory=list)
    # Callables (office) -> list of (label, value) for the office dashboard.
    panel_figures: list[Callable[[Any], list[tuple[Any, Any]]]] = field(default_factory=list)
    personal_data: list[PersonalDataProvider] = field(default_factory=list)


registry = Registry()


def add_panel_menu(item: PanelMenuItem) -> None:
    if item not in registry.panel_menu:
        registry.panel_menu.append(item)
        registry.panel_menu.sort(key=lambda i: i.order)


def add_member_menu(item: PanelMenuItem) -> None:
    if item not in registry.member_menu:
        registry.member_menu.append(item)
        registry.member_menu.sort(key=lambda i: i.order)


def add_public_menu(item: PanelMenuItem) -> None:
    if item not in registry.public_menu:
        registry.public_menu.append(item)
        registry.public_menu.sort(key=lambda i: i.order)


def add_home_section(section: HomeSection) -> None:
    if section not in registry.home_sections:
        registry.home_sections.append(section)
        registry.home_sections.sort(key=lambda s: s.order)


def add_panel_figures(fn: Callable[[Any], list[tuple[Any, Any]]]) -> None:
    if fn not in registry.panel_figures:
        registry.panel_figures.append(fn)


def add_personal_data(provider: PersonalDataProvider) -> None:
    if all(p.key != provider.key for p in registry.personal_data):
        registry.personal_data.append(provider)
        registry.personal_data.sort(key=lambda p: p.order)
