"""Shared fixtures: two offices (Balıkesir and İzmir) with people of every role."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from kopru.accounts.models import Role
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.factories import (
    OfficeFactory,
    OrganisationFactory,
    UserFactory,
    province,
)

PASSWORD = "test-Pass-2026"

# Property tests check behaviour, never time: no per-example deadline and no "too slow"
# health check, which fail on a busy machine (CI shares its cores) with the code unchanged.
settings.register_profile("kopru", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kopru")


def ensure_reference_data() -> None:
    """Provinces and districts come from a data migration; transactional tests
    (browser tests) flush every table afterwards, so reload them when missing."""
    from kopru.geo.models import District, Province
    from kopru.geo.reference import load_reference

    if not Province.objects.exists():
        load_reference(Province, District)


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Every test starts in the default language: Django's LocaleMiddleware activates a
    request's language in the thread and never deactivates it, so a test after a request
    to /en/... would otherwise run in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _rate_limit_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rate limits count fixed windows (``kopru.core.ratelimit``): a test whose
    attempts crossed a window's end would see the count start again (a test failed so
    once, at 11:20:00). Their clock stands still at the test's start; a test that needs
    another moment passes ``now``."""
    from types import SimpleNamespace

    from django.utils import timezone

    from kopru.core import ratelimit

    moment = timezone.now()
    monkeypatch.setattr(ratelimit, "timezone", SimpleNamespace(now=lambda: moment))


@pytest.fixture
def balikesir(db: Any) -> Any:
    ensure_reference_data()
    return OfficeFactory(province=province("10"), slug="balikesir")


@pytest.fixture
def izmir(db: Any) -> Any:
    ensure_reference_data()
    return OfficeFactory(province=province("35"), slug="izmir")


@pytest.fixture
def national_admin(db: Any) -> Any:
    return UserFactory(
        username="ulusal", role=Role.NATIONAL_ADMIN, office=None, is_superuser=True, is_staff=True
    )


@pytest.fixture
def balikesir_coordinator(balikesir: Any) -> Any:
    return UserFactory(username="b.koordinator", role=Role.COORDINATOR, office=balikesir)


@pytest.fixture
def balikesir_expert(balikesir: Any) -> Any:
    return UserFactory(username="b.uzman", role=Role.EXPERT, office=balikesir)


@pytest.fixture
def balikesir_member(balikesir: Any) -> Any:
    org = OrganisationFactory(office=balikesir, name="Balıkesir Büyükşehir Belediyesi")
    return UserFactory(
        username="b.kurum", role=Role.INSTITUTION_MEMBER, office=balikesir, organisation=org
    )


@pytest.fixture
def izmir_coordinator(izmir: Any) -> Any:
    return UserFactory(username="i.koordinator", role=Role.COORDINATOR, office=izmir)


@pytest.fixture
def izmir_expert(izmir: Any) -> Any:
    return UserFactory(username="i.uzman", role=Role.EXPERT, office=izmir)


@pytest.fixture
def izmir_member(izmir: Any) -> Any:
    org = OrganisationFactory(office=izmir, name="Ege Üniversitesi")
    return UserFactory(
        username="i.kurum", role=Role.INSTITUTION_MEMBER, office=izmir, organisation=org
    )


@pytest.fixture
def in_balikesir(balikesir: Any) -> Any:
    """Run the test body inside Balıkesir's office scope."""
    with office_scope(balikesir):
        yield balikesir


@pytest.fixture
def everything() -> Any:
    """Run the test body unscoped (set-up and assertions across offices)."""
    with unscoped("test"):
        yield


@pytest.fixture
def client_for(client: Any) -> Any:
    """``client_for(user)``: the test client, logged in as ``user``."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login


# --- Browser tests (Playwright driving Debian's Chromium; no browser download) ---

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def _playwright_browser() -> Any:
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium package")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made
    # by the test itself (fixtures, assertions) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser: Any, live_server: Any) -> Any:
    """A fresh browser page; ``page.base_url`` is the live server's address."""
    context = _playwright_browser.new_context(
        locale="tr-TR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    # Every browser test is also a Content-Security-Policy test: Chromium reports each
    # refused script, style or handler on the console.
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    page.csp_refused = refused  # a test that provokes a report on purpose clears it
    yield page
    context.close()
    assert not refused, "CSP violations:\n" + "\n".join(refused)


def browser_login(page: Any, username: str, password: str = PASSWORD) -> None:
    """Log in through the real log-in form."""
    page.goto(f"{page.base_url}/hesap/giris/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(password)
    page.get_by_role("button", name="Giriş yap").click()
    # the form posts and redirects: wait until the browser has left the log-in page
    page.wait_for_url(lambda url: "/hesap/giris/" not in url)
    page.wait_for_load_state()
