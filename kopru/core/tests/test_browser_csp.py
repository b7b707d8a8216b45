"""The Content-Security-Policy holds in a real browser: pages with charts, htmx,
confirmations, the job progress bar, the API documentation and the admin load without
one refused script or style (``browser_page`` fails a test on any CSP report)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_console_reports_what_the_policy_refuses(browser_page, balikesir) -> None:
    page = browser_page
    reports: list[str] = []
    page.on("console", lambda m: reports.append(m.text))
    page.goto(f"{page.base_url}/balikesir/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in r for r in reports)
    assert page.evaluate("window.x") is None  # the inline script did not run
    assert page.csp_refused  # the fixture saw it too, and would fail the test
    page.csp_refused.clear()  # provoked on purpose here


def test_staff_pages_with_charts_and_htmx_satisfy_the_policy(
    browser_page, balikesir, balikesir_coordinator
) -> None:
    from kopru.core.models import JobStatus
    from kopru.core.tests.factories import JobFactory

    job = JobFactory(office=balikesir, status=JobStatus.RUNNING, done=3, total=10)
    page = browser_page
    browser_login(page, "b.koordinator")
    for path in [
        "/balikesir/panel/",
        "/balikesir/panel/danisma/",
        "/balikesir/panel/egitim-istatistikleri/",
        "/balikesir/panel/cagrilar/",
        "/balikesir/panel/projeler/",
        f"/balikesir/panel/isler/{job.pk}/",
        "/balikesir/cagrilar/",
        "/balikesir/veri-bankasi/",
        "/api/v1/docs/",
    ]:
        response = page.goto(f"{page.base_url}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
    # the progress bar got its width from kopru.js (no style attribute in the HTML)
    page.goto(f"{page.base_url}/balikesir/panel/isler/{job.pk}/")
    expect(page.locator(".progress-bar")).to_have_attribute("style", "width: 30%;")


def test_the_admin_and_the_scheduler_page_satisfy_the_policy(browser_page, national_admin) -> None:
    page = browser_page
    browser_login(page, "ulusal")
    for path in [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/core/auditentry/",
        "/ulusal/",
        "/ulusal/planlanmis-isler/",
    ]:
        response = page.goto(f"{page.base_url}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planlanmış işler")
