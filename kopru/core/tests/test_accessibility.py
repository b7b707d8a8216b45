"""Static accessibility and no-CDN checks on every public page without arguments.

The pages are found by walking the URL configuration (areas ``site`` and
``public`` plus the landing page), so new public pages are checked too. A real
browser check of keyboard use is in the browser tests.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


class PageAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.skip_link = False
        self.labels: set[str] = set()
        self.fields: list[dict[str, str]] = []
        self.images_without_alt: list[str] = []
        self.external: list[str] = []
        self.main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "main" and a.get("id") == "main":
            self.main = True
        elif tag == "a" and a.get("href") == "#main":
            self.skip_link = True
        elif tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if a.get("type") not in ("hidden", "submit", "button", "reset", "image"):
                self.fields.append(a)
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src", ""))
        if tag in ("script", "img", "iframe") and a.get("src", "").startswith(
            ("http:", "https:", "//")
        ):
            self.external.append(a["src"])
        remote = a.get("href", "").startswith(("http:", "https:", "//"))
        if tag == "link" and remote and a.get("rel") in ("stylesheet", "preload", "icon"):
            self.external.append(a["href"])


def _args(pattern: Any) -> list[str]:
    if hasattr(pattern, "_route"):
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def public_urls() -> list[str]:
    urls = ["/"]

    def walk(patterns: list[Any], ns: list[str], args: list[str]) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(
                    p.url_patterns,
                    [*ns, p.namespace] if p.namespace else ns,
                    args + _args(p.pattern),
                )
            elif isinstance(p, URLPattern) and p.name and ns and ns[0] in ("site", "public"):
                names = args + _args(p.pattern)
                if set(names) <= {"office_slug"}:
                    kwargs = {"office_slug": "balikesir"} if names else {}
                    urls.append(reverse(":".join([*ns, p.name]), kwargs=kwargs))

    with translation.override("tr"):  # unprefixed URLs; the test adds the prefix
        walk(get_resolver().url_patterns, [], [])
    return urls


def unlabelled(audit: PageAudit) -> list[str]:
    out = []
    for f in audit.fields:
        if f.get("aria-label") or f.get("aria-labelledby") or f.get("title"):
            continue
        if f.get("id") and f["id"] in audit.labels:
            continue
        if f.get("tabindex") == "-1" and "honeypot" in (f.get("class", "") + f.get("name", "")):
            continue
        out.append(f.get("name") or f.get("id") or "?")
    return out


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_are_labelled_and_load_nothing_from_outside(client, balikesir, prefix):
    problems = []
    for url in public_urls():
        response = client.get(prefix + url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        audit = PageAudit()
        audit.feed(response.content.decode())
        where = prefix + url
        if audit.lang != ("en" if prefix else "tr"):
            problems.append(f"{where}: html lang={audit.lang!r}")
        if audit.h1 != 1:
            problems.append(f"{where}: {audit.h1} h1 headings")
        if not (audit.skip_link and audit.main):
            problems.append(f"{where}: no skip link to <main id=main>")
        if missing := unlabelled(audit):
            problems.append(f"{where}: fields without a label: {missing}")
        if audit.images_without_alt:
            problems.append(f"{where}: images without alt: {audit.images_without_alt}")
        if audit.external:
            problems.append(f"{where}: loads from outside: {audit.external}")
    assert problems == [], "\n".join(problems)


def test_the_public_pages_were_found(balikesir):
    urls = public_urls()
    assert "/" in urls and "/balikesir/" in urls
