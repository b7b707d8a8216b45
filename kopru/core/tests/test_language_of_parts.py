"""Language of parts: on English pages, content that exists only in Turkish carries
``lang="tr"`` (and a small "Turkish text" label); every menu entry has its English.

The walk loads the demo, empties the English of every bilingual content field (``*_en``
beside a ``*_tr``) of the public apps, then reads the office's public pages under ``/en/``
and the pages they link to: every place a Turkish value shows must sit inside an element
with ``lang="tr"``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from kopru.core.registry import MemberMenuItem, PanelMenuItem, PublicMenuItem, registry
from kopru.core.scoping import unscoped
from kopru.core.tests.test_accessibility import public_urls

CONTENT_APPS = (
    "calls",
    "projects",
    "trainings",
    "news",
    "stories",
    "youth",
    "decisions",
    "consultations",
    "boards",
    "partners",
    "organisations",
    "offices",
)
#: Names of institutions are proper nouns, written as they are in both languages' pages.
PROPER_NAMES = {("organisations", "name"), ("offices", "name")}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class LangWalker(HTMLParser):
    """Text of ``<main>`` with the language it is marked in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.main = 0
        self.skip = 0
        self.chunks: list[tuple[str, str]] = []

    def lang(self) -> str:
        return next((lang for _, lang in reversed(self.stack) if lang), "en")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        self.stack.append((tag, a.get("lang")))
        if tag == "main":
            self.main += 1
        if tag in ("script", "style", "option", "select", "textarea"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, _ = self.stack.pop()
            if t == "main":
                self.main -= 1
            if t in ("script", "style", "option", "select", "textarea"):
                self.skip -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.main and not self.skip and data.strip():
            self.chunks.append((re.sub(r"\s+", " ", data).strip(), self.lang()))


def _turkish_only() -> list[str]:
    """Empty the English of the content fields; the Turkish values (long enough to find)."""
    values: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS or model._meta.proxy:
            continue
        names = {f.name for f in model._meta.concrete_fields}
        pairs = [
            n[:-3]
            for n in names
            if (model._meta.app_label, n[:-3]) not in PROPER_NAMES
            if n.endswith("_tr")
            and f"{n[:-3]}_en" in names
            and isinstance(model._meta.get_field(n), models.CharField | models.TextField)
        ]
        if not pairs:
            continue
        manager = model._base_manager
        manager.update(**{f"{p}_en": "" for p in pairs})
        for row in manager.values_list(*[f"{p}_tr" for p in pairs]):
            for value in row:
                text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", value or "")).strip()
                if len(text) >= 16:
                    values.add(text)
    return sorted(values)


def _shows(value: str, chunk: str) -> bool:
    """``chunk`` (a text node) is ``value``, holds it, or is a good part of it (a paragraph,
    a shortened title): not a short name that merely starts the same way."""
    if value in chunk:
        return True
    part = chunk.rstrip("…. ").strip()
    return part in value and (len(part) >= 40 or len(part) >= 0.7 * len(value))


def _links(html: str, prefix: str) -> set[str]:
    return {
        href
        for href in re.findall(r'href="(/en/balikesir/[^"?#]*)"', html)
        if href.startswith(prefix) and not href.endswith((".ics", ".xml", ".pdf", ".csv", ".xlsx"))
    }


@pytest.mark.django_db
def test_turkish_content_on_english_pages_is_marked_lang_tr(client: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("KOPRU_DEMO_PASSWORD", "Ornek-Parola-1")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with unscoped("test: the demo's content in Turkish only"):
        turkish = _turkish_only()
    assert len(turkish) > 50
    start = ["/en" + u for u in public_urls() if u.startswith("/balikesir/")]
    seen: set[str] = set()
    queue = list(start)
    found: list[str] = []
    while queue and len(seen) < 160:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if url in start:
            queue += sorted(_links(html, "/en/balikesir/") - seen)
        walker = LangWalker()
        walker.feed(html)
        for text, lang in walker.chunks:
            if lang == "tr":
                continue
            hit = next((v for v in turkish if _shows(v, text)), None)
            if hit:
                found.append(f"{url}: {text[:80]!r}")
    assert len(seen) > 40
    assert found == [], "Turkish text on English pages without lang=tr:\n" + "\n".join(
        sorted(set(found))
    )


def test_every_menu_entry_has_its_english() -> None:
    untranslated = []
    for kind in (PublicMenuItem, PanelMenuItem, MemberMenuItem):
        for item in registry.of(kind):
            with translation.override("tr"):
                tr = str(item.label)
            with translation.override("en"):
                en = str(item.label)
            if tr == en:
                untranslated.append(f"{kind.__name__}: {tr}")
    assert untranslated == []
