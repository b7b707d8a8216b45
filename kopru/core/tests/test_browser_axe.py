"""axe-core (WCAG 2.1 A/AA rules) in a real browser on every public page and a sample of panel
pages, in Turkish and English, at desktop and phone width; the test fails on any violation.

axe-core is vendored for the tests (``vendor/axe-core-*``, MPL-2.0, from ``npm pack``) and
evaluated in the page through the DevTools protocol, so it needs no network and no change to
the Content-Security-Policy. The public pages are the same walk as the static accessibility
test (every public route without record arguments) plus one record page of each kind.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import expect

from conftest import browser_login
from kopru.core.tests.test_accessibility import public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = next((Path(__file__).parent / "vendor").glob("axe-core-*/axe.min.js")).read_text()
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = (
    "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
    " resultTypes: ['violations']});"
    " return r.violations.map(v => v.id + ' ' + v.impact + ': '"
    " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')); }"
)


def violations(page: Any, url: str) -> list[str]:
    """axe's violations on ``url`` (none for an address that is not an HTML page: a POST-only
    action or a feed, which the walk of the routes also finds)."""
    page.set_default_timeout(60_000)  # many pages in one test; a busy CI machine is slow
    probe = page.request.get(url, max_redirects=0)
    if probe.status != 200 or "text/html" not in (probe.headers.get("content-type") or ""):
        return []
    page.goto(url)
    page.wait_for_load_state()
    page.evaluate(AXE)
    return [f"{url}: {v}" for v in page.evaluate(RUN, RULES)]


def _record_pages(office: Any) -> list[str]:
    from kopru.calls.tests.factories import PublishedCallFactory
    from kopru.news.tests.factories import NewsItemFactory
    from kopru.projects.tests.factories import ProjectFactory
    from kopru.trainings.tests.factories import EventFactory

    call = PublishedCallFactory(office=office)
    project = ProjectFactory(office=office, is_published=True)
    event = EventFactory(office=office)
    NewsItemFactory(office=office, title_tr="Gençlik haftası", title_en="")
    with translation.override("tr"):
        return [
            # The office-wide search with results of several kinds, and with a bad query.
            f"/{office.slug}/ara/?q=gen%C3%A7lik",
            f"/{office.slug}/ara/?q=a",
            f"/{office.slug}/cagrilar/{call.pk}/",
            f"/{office.slug}/veri-bankasi/{project.pk}/",
            f"/{office.slug}/egitimler/{event.pk}/",
        ]


@pytest.mark.parametrize("width", [1280, 390])
def test_public_pages_have_no_axe_violation(browser_page: Any, balikesir: Any, width: int) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    urls = [*public_urls(), *_record_pages(balikesir)]
    found: list[str] = []
    for prefix in ("", "/en"):
        for url in urls:
            found += violations(page, f"{page.base_url}{prefix}{url}")
    assert found == [], "axe-core violations:\n" + "\n".join(found)


PANEL = [
    "/balikesir/panel/",
    "/balikesir/panel/projeler/",
    "/balikesir/panel/projeler/yeni/",
    "/balikesir/panel/danisma/",
    "/balikesir/panel/danisma/yeni/",
    "/balikesir/panel/egitimler/",
    "/balikesir/panel/kurumlar/",
    "/balikesir/panel/cagrilar/",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_panel_pages_have_no_axe_violation(
    browser_page: Any, balikesir_coordinator: Any, width: int
) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(60_000)
    browser_login(page, balikesir_coordinator.username)
    found: list[str] = []
    for prefix in ("", "/en"):
        for url in PANEL:
            found += violations(page, f"{page.base_url}{prefix}{url}")
    assert found == [], "axe-core violations:\n" + "\n".join(found)


def test_form_groups_have_names_a_screen_reader_reads(
    browser_page: Any, balikesir_expert: Any
) -> None:
    """The accessibility tree names each radio and checkbox group by its legend."""
    page = browser_page
    browser_login(page, balikesir_expert.username)
    page.goto(f"{page.base_url}/balikesir/panel/danisma/yeni/")
    channel = page.get_by_role("group", name=re.compile(r"^Kanal"))
    expect(channel).to_match_aria_snapshot('- group /Kanal/:\n  - radio "Telefon"', timeout=5000)
    page.goto(f"{page.base_url}/en/balikesir/panel/projeler/yeni/")
    expect(page.get_by_role("group", name=re.compile(r"^Districts"))).to_be_visible()
    # A failed submit: the error summary takes focus and links to the field.
    page.goto(f"{page.base_url}/balikesir/panel/danisma/yeni/")
    page.get_by_role("button", name="Kaydet", exact=True).click()
    page.wait_for_load_state()
    summary = page.locator("[data-kp-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Başlık")).to_be_visible()
