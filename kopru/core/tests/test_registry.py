"""Apps declare what they add to shared pages; core reads the declarations."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kopru.core import checks as core_checks
from kopru.core import tenancy
from kopru.core.registry import (
    Declaration,
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    PersonalDataProvider,
    Provides,
    Ref,
    Registry,
    ref,
    registry,
)


def _path(fn: Any) -> str:
    return fn.path if isinstance(fn, Ref) else f"{fn.__module__}.{fn.__qualname__}"


def test_the_shared_pages_get_every_entry_in_order() -> None:
    """Every menu entry, home section, figure and provider the apps had, in the same order."""
    assert [(i.url_name, i.icon, i.order) for i in registry.panel_menu] == [
        ("panel:statistics:dashboard", "speedometer2", 1),
        ("panel:news:list", "newspaper", 15),
        ("panel:calls:list", "megaphone", 20),
        ("panel:calls:who_applies", "person-check", 21),
        ("panel:projects:list", "kanban", 30),
        ("panel:trainings:list", "easel", 30),
        ("panel:projects:monitoring", "activity", 31),
        ("panel:trainings:statistics", "bar-chart", 31),
        ("panel:stories:list", "stars", 33),
        ("panel:youth:list", "backpack", 34),
        ("panel:partners:list", "people", 36),
        ("panel:guidance:desk", "headset", 40),
        ("panel:guidance:list", "chat-left-text", 41),
        ("panel:boards:list", "diagram-3", 45),
        ("panel:decisions:list", "check2-square", 50),
        ("panel:consultations:list", "chat-square-text", 52),
        ("panel:organisations:list", "buildings", 60),
        ("panel:organisations:teams", "people-fill", 61),
        ("panel:annualreports:list", "journal-text", 80),
        ("panel:core:personal_data", "person-lock", 90),
    ]
    assert [i.visible for i in registry.panel_menu if i.visible] == [
        ref("kopru.core.tenancy.can_coordinate_office")
    ]
    assert [(i.url_name, i.icon, i.order) for i in registry.member_menu] == [
        ("kurum:organisations:team", "people", 10),
        ("kurum:projects:list", "kanban", 20),
        ("kurum:partners:list", "people", 30),
        ("kurum:partners:sent", "reply", 31),
        ("kurum:guidance:mine", "chat", 40),
        ("kurum:decisions:list", "check2-square", 45),
    ]
    assert [(i.url_name, i.icon, i.order) for i in registry.public_menu] == [
        ("public:news:list", "newspaper", 15),
        ("public:calls:list", "megaphone", 20),
        ("public:projects:databank", "circle", 30),
        ("public:trainings:list", "circle", 30),
        ("public:stories:list", "circle", 32),
        ("public:youth:list", "circle", 33),
        ("public:partners:list", "circle", 35),
        ("public:organisations:directory", "circle", 40),
        ("public:boards:list", "circle", 50),
        ("public:decisions:list", "circle", 50),
        ("public:consultations:list", "circle", 52),
        ("public:guidance:request", "circle", 60),
        ("public:statistics:index", "bar-chart", 85),
    ]
    assert [(s.template, s.order) for s in registry.home_sections] == [
        ("calls/_home.html", 20),
        ("trainings/_home_section.html", 30),
        ("news/_home.html", 30),
        ("youth/_home_section.html", 35),
        ("projects/home_section.html", 40),
        ("partners/_home_section.html", 45),
        ("stories/_home_section.html", 50),
        ("guidance/_home_section.html", 70),
    ]
    assert [_path(f) for f in registry.panel_figures] == [
        "kopru.organisations.home.panel_figures",
        "kopru.calls.home.panel_figures",
        "kopru.projects.home.panel_figures",
        "kopru.trainings.home.panel_figures",
        "kopru.guidance.home.panel_figures",
        "kopru.news.home.panel_figures",
        "kopru.stories.home.panel_figures",
        "kopru.youth.home.panel_figures",
        "kopru.statistics.home.panel_figures",
    ]
    assert [(p.key, p.order) for p in registry.personal_data] == [
        ("guidance", 10),
        ("organisations", 20),
        ("partners", 40),
        ("boards", 50),
        ("consultations", 50),
        ("news.digest", 60),
        ("youth.alerts", 65),
    ]


def test_loading_the_apps_imports_none_of_their_code() -> None:
    """Declarations name callables by path: loading the apps imports none of their views,
    selectors, services or page code (``ready()`` used to, a source of cycles)."""
    code = (
        "import django, sys; django.setup(); "
        "print(' '.join(m for m in sys.modules if m.startswith('kopru.') and "
        "not m.startswith('kopru.core.') and "
        "m.rsplit('.', 1)[-1] in ('views', 'selectors', 'services', 'home', "
        "'personal_data', 'permissions', 'tenancy')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=settings.BASE_DIR,
    )
    assert done.stdout.split() == []


def test_a_ref_imports_on_first_call() -> None:
    target = ref("kopru.core.text.normalise_email")
    assert isinstance(target, Ref)
    assert target(" AYSE@Example.ORG ") == "ayse@example.org"
    assert target == ref("kopru.core.text.normalise_email")
    assert repr(target) == "ref('kopru.core.text.normalise_email')"


@dataclass(frozen=True)
class Indicator(Declaration):
    """A kind of declaration that no app has yet (as a new capability would add one)."""

    kind: ClassVar[str] = "test_indicators"
    code: str
    compute: Any


def test_a_new_kind_of_declaration_needs_no_change_to_core(monkeypatch: Any) -> None:
    calls = apps.get_app_config("calls")
    projects = apps.get_app_config("projects")
    monkeypatch.setattr(
        calls,
        "declarations",
        (*calls.declarations, Indicator(code="b", compute=ref("kopru.core.text.search_key"))),
    )
    monkeypatch.setattr(
        projects,
        "declarations",
        (
            *projects.declarations,
            Indicator(code="a", compute=ref("kopru.core.text.sort_key"), order=1),
            Indicator(code="c", compute=ref("kopru.core.text.tr_lower"), order=100),
        ),
    )
    fresh = Registry()
    assert [i.code for i in fresh.of(Indicator)] == ["a", "b", "c"]
    assert fresh.of(Indicator)[1].compute("İZMİR") == "izmir"
    # The kinds that exist are untouched.
    assert fresh.panel_menu == registry.panel_menu


def test_two_apps_may_not_declare_the_same_key(monkeypatch: Any) -> None:
    calls = apps.get_app_config("calls")
    duplicate = PersonalDataProvider(
        key="guidance", label="x", find=ref("a.b"), erase=ref("a.c"), order=1
    )
    monkeypatch.setattr(calls, "declarations", (*calls.declarations, duplicate))
    with pytest.raises(ImproperlyConfigured, match="'guidance' is declared by both"):
        list(Registry())
    monkeypatch.setattr(core_checks, "registry", Registry())
    assert [e.id for e in core_checks.check_declarations()] == ["kopru.E013"]


def test_the_system_check_reports_wrong_declarations(monkeypatch: Any) -> None:
    assert core_checks.check_declarations() == []
    calls = apps.get_app_config("calls")
    offices = apps.get_app_config("offices")
    monkeypatch.setattr(
        calls,
        "declarations",
        (
            *calls.declarations,
            HomeSection(
                "calls/_home.html",
                key="calls.more",
                context=ref("kopru.calls.home.no_such_function"),
            ),
            PanelFigures(ref("kopru.calls.no_such_module.figures")),
            PanelMenuItem("x", "panel:calls:no_such_route"),
        ),
    )
    monkeypatch.setattr(
        offices,
        "declarations",
        tuple(d for d in offices.declarations if getattr(d, "name", "") != "office_list"),
    )
    monkeypatch.setattr(core_checks, "registry", Registry())
    errors = {e.msg: e.id for e in core_checks.check_declarations()}
    assert sorted(errors.values()) == ["kopru.E010", "kopru.E010", "kopru.E011", "kopru.E012"]
    assert any("kopru.calls.home.no_such_function" in msg for msg in errors)
    assert any("kopru.calls.no_such_module.figures" in msg for msg in errors)
    assert any("'panel:calls:no_such_route'" in msg for msg in errors)
    assert any("'office_list'" in msg for msg in errors)


def test_core_finds_offices_and_access_rules_through_what_apps_provide(
    monkeypatch: Any, balikesir: Any, balikesir_expert: Any, balikesir_coordinator: Any
) -> None:
    assert tenancy.office_by_slug("balikesir") == balikesir
    assert tenancy.office_by_slug("yok") is None
    assert tenancy.can_work_in_office(balikesir_expert, balikesir)
    assert not tenancy.can_coordinate_office(balikesir_expert, balikesir)
    assert tenancy.can_coordinate_office(balikesir_coordinator, balikesir)
    assert tenancy.belongs_to_office(balikesir_expert, balikesir)
    provided = {p.name for p in registry.of(Provides)}
    assert set(tenancy.NEEDED) <= provided
    # Besides core's needs, an app may read what another provides (the annual report
    # reads the year's success stories).
    assert provided - set(tenancy.NEEDED) == {"annualreports.stories"}
    empty = Registry()
    monkeypatch.setattr(empty, "_by_kind", {})
    monkeypatch.setattr(tenancy, "registry", empty)
    with pytest.raises(ImproperlyConfigured, match="No installed app provides 'office_by_slug'"):
        tenancy.office_by_slug("balikesir")
