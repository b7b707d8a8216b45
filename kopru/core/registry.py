"""Declarations: how apps add to shared pages and provide what core needs.

An app does not register anything in code. It *declares*, on its ``AppConfig``::

    class CallsConfig(AppConfig):
        name = "kopru.calls"
        declarations = (
            PanelMenuItem(_("Çağrılar"), "panel:calls:list", icon="megaphone", order=20),
            HomeSection("calls/_home.html", context=ref("kopru.calls.home.home_context")),
            PanelFigures(ref("kopru.calls.home.panel_figures")),
        )

and core reads the declarations of every installed app the first time it needs them
(:data:`registry`). Callables are named by their dotted path with :func:`ref` and
imported on first call, so declaring imports nothing while Django loads the apps (no
``ready()``, no import cycles through ``apps.py``). The system checks of
:mod:`kopru.core.checks` (``kopru.E010``-``E013``) import every path and reverse every
menu URL, so a typo fails ``manage.py check`` and the test suite, not a page.

Each kind of declaration is a frozen dataclass deriving from :class:`Declaration`
with its own ``kind``; ``registry.of(Kind)`` returns the declarations of that kind of
every app, sorted by ``order`` (ties in ``INSTALLED_APPS`` order). A new kind (indicators,
search providers, ...) is a new dataclass next to the code that reads it; nothing here
changes. A kind whose declarations must be unique (one provider per ``key``) returns
that key from ``unique_key()``; two apps declaring the same one is a configuration error.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class Ref:
    """A callable named by its dotted path and imported on its first call."""

    __slots__ = ("_target", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._target: Callable[..., Any] | None = None

    def resolve(self) -> Callable[..., Any]:
        if self._target is None:
            self._target = import_string(self.path)
        return self._target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    def __repr__(self) -> str:
        return f"ref({self.path!r})"


def ref(path: str) -> Callable[..., Any]:
    """The function at ``path`` (``"kopru.calls.home.panel_figures"``), imported when called."""
    return Ref(path)


def _no_context(request: Any, office: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """Something an app declares on its ``AppConfig.declarations``."""

    kind: ClassVar[str] = ""
    order: int = 100

    def unique_key(self) -> str | None:
        """The key that at most one declaration of this kind may have (``None``: no rule)."""
        return None


@dataclass(frozen=True)
class MenuItem(Declaration):
    """An entry of one of the office's menus (see the three kinds below)."""

    label: Any  # a lazy translation
    url_name: str  # reversed with office_slug
    icon: str = "circle"
    # (user, office) -> bool; None means everyone who may enter the menu's area.
    visible: Callable[[Any, Any], bool] | None = None


class PanelMenuItem(MenuItem):
    """The staff panel's menu (``/<office>/panel/``)."""

    kind = "panel_menu"


class MemberMenuItem(MenuItem):
    """An institution member's menu (``/<office>/kurum/``)."""

    kind = "member_menu"


class PublicMenuItem(MenuItem):
    """The office's public site menu (``/<office>/``)."""

    kind = "public_menu"


@dataclass(frozen=True)
class HomeSection(Declaration):
    """A block on an office's public home page: ``template`` rendered with ``context``.

    The office's staff choose which blocks appear and in what order (``Office.home_layout``),
    under ``key`` (default: the template's folder, i.e. the app). A block with
    ``featurable(office)`` (candidates ``[(pk, title), ...]``, public records only) also
    lets them feature items: its ``context`` puts ``office.home_featured(key)`` first.
    """

    kind = "home_sections"
    template: str
    context: Callable[[Any, Any], dict[str, Any]] = _no_context  # (request, office) -> dict
    key: str = ""
    label: Any = ""  # the block's name in the panel (default: the app's name)
    featurable: Callable[[Any], list[tuple[int, str]]] | None = None

    @property
    def section_key(self) -> str:
        return self.key or self.template.split("/", 1)[0]

    def unique_key(self) -> str:
        return self.section_key


@dataclass(frozen=True)
class RecordSection(Declaration):
    """A block one app adds to another app's public record page (a project's page lists
    the stories told about it): ``template`` rendered with ``context(request, obj)``
    where the page of a ``model`` record (``"projects.Project"``) writes
    ``{% record_sections obj %}``. A context of ``None`` leaves the block out."""

    kind = "record_sections"
    model: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None] = _no_context


@dataclass(frozen=True)
class PanelFigures(Declaration):
    """Figures on the panel home: ``figures(office)`` -> ``[(label, value), ...]``."""

    kind = "panel_figures"
    figures: Callable[[Any], list[tuple[Any, Any]]]


@dataclass(frozen=True)
class PersonalDataProvider(Declaration):
    """One app's records about a person, found by e-mail address (KVKK requests).

    ``find(email)`` returns JSON-friendly dicts of the records held on that person in
    the active scope; ``erase(email, actor)`` anonymises them, keeping what counts
    need (dates, channel, status) and returns how many records it changed.
    """

    kind = "personal_data"
    key: str
    label: Any  # a lazy translation
    find: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str, Any], int]

    def unique_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class Provides(Declaration):
    """A function core calls but may not import: the app above core that owns it
    provides it under ``name`` (see :mod:`kopru.core.tenancy` for the names core needs).
    """

    kind = "provides"
    name: str
    function: Callable[..., Any]

    def unique_key(self) -> str:
        return self.name


@dataclass(frozen=True)
class AgendaSource(Declaration):
    """Items a higher app puts on a meeting's agenda draft by themselves (boards reads it).

    ``items(meeting)`` is called in the meeting's office scope when the secretariat
    drafts the agenda of ``meeting`` (a ``boards.Meeting``); it returns the open items
    of the meeting's body that the meeting should take up, as JSON-friendly dicts::

        {"key": "decisions.action:12",   # stable: an item already on the agenda is skipped
         "title_tr": "...", "title_en": "...",
         "description": "...",            # optional (owner, due date, progress)
         "presenter": "..."}              # optional (the owner organisation)

    The decisions register declares one (open actions of the body, due or not done).
    """

    kind = "agenda_sources"
    key: str
    label: Any  # a lazy translation
    items: Callable[[Any], list[dict[str, Any]]]

    def unique_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class MeetingDecisions(Declaration):
    """The decisions taken in a meeting, for its minutes (page and PDF; boards reads it).

    ``decisions(meeting)`` is called in the meeting's office scope and returns
    JSON-friendly dicts: ``{"text": ..., "owner": ..., "due_on": date | None,
    "status": label, "agenda_item_id": int | None}``.
    """

    kind = "meeting_decisions"
    key: str
    label: Any  # a lazy translation
    decisions: Callable[[Any], list[dict[str, Any]]]

    def unique_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class ConsentNotice(Declaration):
    """A public form's consent text, for the office's KVKK privacy notice page.

    ``text`` is the dotted path of the (lazy) text the form itself shows next to its
    consent box (``"kopru.trainings.forms.KVKK_TEXT"``), so the notice says what the
    forms say; ``collects`` lists the personal data the form asks for and ``purpose``
    why (both lazy translations); ``keeps`` how long the records are kept.
    """

    kind = "consent_notices"
    key: str
    label: Any
    text: str
    collects: Any = ""
    purpose: Any = ""
    keeps: Any = ""

    def unique_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class SitemapSection(Declaration):
    """Public pages of an office for its sitemap: ``entries(office)`` ->
    ``[(path, last modified or None), ...]`` (the app's list pages come from its
    ``PublicMenuItem``s)."""

    kind = "sitemap_sections"
    entries: Callable[[Any], list[tuple[str, Any]]]


@dataclass(frozen=True)
class DigestTopic(Declaration):
    """A topic of the public digest e-mail (news, calls, trainings, youth ...).

    ``items(office, since, language)`` returns what is new since ``since`` as dicts
    ``{"title", "url" (a path), "when", "note"}``, newest first.
    """

    kind = "digest_topics"
    key: str
    label: Any
    items: Callable[[Any, Any, str], list[dict[str, Any]]]

    def unique_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class CalendarSource(Declaration):
    """Events of an app in the office's combined public calendar (``/<office>/takvim.ics``,
    built by :mod:`kopru.core.calendars`).

    ``events(office)`` is called in the office's public scope and returns
    ``icalendar.Event`` components (each with a stable ``uid``); the app's own feed is
    built from the same function, so both say the same.
    """

    kind = "calendar_sources"
    key: str
    label: Any  # a lazy translation
    events: Callable[[Any], list[Any]]

    def unique_key(self) -> str:
        return self.key


D = TypeVar("D", bound=Declaration)


class Registry:
    """Every app's declarations, read from the app configs on first use."""

    def __init__(self) -> None:
        self._by_kind: dict[str, list[Declaration]] | None = None
        self._lock = threading.Lock()

    def _declarations(self) -> dict[str, list[Declaration]]:
        loaded = self._by_kind
        if loaded is None:
            with self._lock:
                if self._by_kind is None:
                    self._by_kind = self._load()
                loaded = self._by_kind
        return loaded

    @staticmethod
    def _load() -> dict[str, list[Declaration]]:
        apps.check_apps_ready()
        by_kind: dict[str, list[Declaration]] = defaultdict(list)
        owners: dict[tuple[str, str], str] = {}
        for config in apps.get_app_configs():
            for item in getattr(config, "declarations", ()):
                if not isinstance(item, Declaration) or not item.kind:
                    raise ImproperlyConfigured(f"{config.name}: {item!r} is not a declaration")
                key = item.unique_key()
                if key is not None:
                    if (item.kind, key) in owners:
                        raise ImproperlyConfigured(
                            f"{item.kind} {key!r} is declared by both "
                            f"{owners[item.kind, key]} and {config.name}"
                        )
                    owners[item.kind, key] = config.name
                by_kind[item.kind].append(item)
        for items in by_kind.values():
            items.sort(key=lambda d: d.order)  # stable: ties keep INSTALLED_APPS order
        return by_kind

    def of(self, kind: type[D]) -> list[D]:
        """The declarations of ``kind`` (a live list: tests may add to it and remove)."""
        return self._declarations().setdefault(kind.kind, [])  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Declaration]:
        for items in self._declarations().values():
            yield from items

    def provided(self, name: str) -> Callable[..., Any]:
        """The function an app provides under ``name`` (:class:`Provides`)."""
        for item in self.of(Provides):
            if item.name == name:
                return item.function
        raise ImproperlyConfigured(f"No installed app provides {name!r} (a Provides declaration)")

    # The lists the shared pages read.
    @property
    def panel_menu(self) -> list[PanelMenuItem]:
        return self.of(PanelMenuItem)

    @property
    def member_menu(self) -> list[MemberMenuItem]:
        return self.of(MemberMenuItem)

    @property
    def public_menu(self) -> list[PublicMenuItem]:
        return self.of(PublicMenuItem)

    @property
    def home_sections(self) -> list[HomeSection]:
        return self.of(HomeSection)

    @property
    def panel_figures(self) -> list[Callable[[Any], list[tuple[Any, Any]]]]:
        return [item.figures for item in self.of(PanelFigures)]

    @property
    def personal_data(self) -> list[PersonalDataProvider]:
        return self.of(PersonalDataProvider)


registry = Registry()


def declaration_refs(item: Declaration) -> Iterator[tuple[str, Ref]]:
    """``(field name, Ref)`` for every callable of ``item`` named by a dotted path."""
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Ref):
            yield f.name, value
