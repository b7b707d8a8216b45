"""Settings that production depends on (issue 12): proxies, CSP, caching, sessions,
uploaded files, request ids, JSON logs and optional Sentry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db


def _run_script(code: str, env: dict[str, str]) -> tuple[str, str]:
    """Run ``code`` in a fresh Django process with ``env``; its stdout and stderr."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    done = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        cwd=settings.BASE_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), done.stderr.strip()


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "DJANGO_ALLOWED_HOSTS": "kopru.example.gov.tr",
    "DATABASE_URL": "sqlite:////tmp/kopru-settings-test.sqlite3",
}


def test_trusted_proxies_are_read_from_the_environment() -> None:
    code = "from django.conf import settings\nprint(settings.KOPRU_TRUSTED_PROXIES)"
    assert _run_script(code, {**PRODUCTION, "KOPRU_TRUSTED_PROXIES": "1"})[0] == "1"
    assert _run_script(code, PRODUCTION)[0] == "0"


def test_behind_one_proxy_two_visitors_have_two_rate_limit_buckets(client, balikesir) -> None:
    from django.test import RequestFactory

    from kopru.core.ratelimit import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "KOPRU_TRUSTED_PROXIES", 1)
        assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_media_is_never_served_by_url(module: str) -> None:
    # `make run` uses the local settings (DEBUG on): there is no /media/ route there either.
    code = (
        "from django.urls import resolve, Resolver404\n"
        "try:\n    m = resolve('/media/jobs/2026/01/dosya.xlsx')\n"
        "    print(m.func.__module__)\n"
        "except Resolver404:\n    print('404')"
    )
    answer, _ = _run_script(code, {**PRODUCTION, "DJANGO_SETTINGS_MODULE": module})
    assert "django.views.static" not in answer


def test_an_uploaded_file_is_not_reachable_under_media(client, balikesir) -> None:
    try:
        match = resolve("/media/jobs/2026/01/dosya.xlsx")
    except Resolver404:
        return
    assert match.func.__module__ != "django.views.static"
    assert client.get("/media/jobs/2026/01/dosya.xlsx").status_code == 404


def test_pages_carry_a_content_security_policy_with_a_nonce(client, balikesir) -> None:
    response = client.get("/balikesir/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    # the nonce is added only to pages that use one (request.csp_nonce)
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_private_pages_are_not_stored_public_pages_may_be(
    client, balikesir, balikesir_expert
) -> None:
    public = client.get("/balikesir/")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(balikesir_expert)
    for path in ["/balikesir/panel/", "/balikesir/", "/hesap/"]:
        response = client.get(path, follow=False)
        assert "no-store" in response.get("Cache-Control", ""), path


def test_a_private_link_page_is_not_stored(client, balikesir) -> None:
    from django.urls import get_resolver

    from kopru.core.security import is_private_page

    # every route that takes a token (a private link) is private, whoever asks
    tokens = [
        p
        for p in _patterns(get_resolver().url_patterns)
        if "token" in str(getattr(p, "pattern", ""))
    ]
    assert tokens, "private-link routes exist"

    class _Request:
        user = None
        resolver_match = type("M", (), {"namespaces": ["public"], "kwargs": {"token": "x"}})()

    assert is_private_page(_Request())  # type: ignore[arg-type]


def _patterns(patterns: list[Any], prefix: str = "") -> list[Any]:
    found = []
    for p in patterns:
        if hasattr(p, "url_patterns"):
            found += _patterns(p.url_patterns)
        else:
            found.append(p)
    return found


def test_sessions_last_a_working_day_and_end_with_the_browser() -> None:
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_every_answer_has_a_request_id_and_keeps_a_valid_incoming_one(client, balikesir) -> None:
    first = client.get("/balikesir/")["X-Request-ID"]
    assert len(first) == 32
    assert client.get("/balikesir/", HTTP_X_REQUEST_ID="nginx-0123456789")["X-Request-ID"] == (
        "nginx-0123456789"
    )
    assert client.get("/balikesir/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_production_logs_are_json_lines_with_the_request_id() -> None:
    code = (
        "import logging\nfrom kopru.core.logs import request_id_var\n"
        "request_id_var.set('abc123def456')\n"
        "logging.getLogger('kopru.test').warning('bir olay')"
    )
    _, stderr = _run_script(code, PRODUCTION)
    line = json.loads(stderr.splitlines()[-1])
    assert line["request_id"] == "abc123def456"
    assert line["level"] == "WARNING" and line["message"] == "bir olay"
    assert line["logger"] == "kopru.test" and line["time"]


def test_sentry_is_imported_only_when_a_dsn_is_set() -> None:
    code = "import sys\nprint('sentry_sdk' in sys.modules)"
    assert _run_script(code, PRODUCTION)[0] == "False"
    with_dsn = {**PRODUCTION, "SENTRY_DSN": "https://public@127.0.0.1:9/1"}
    code = "import sentry_sdk\nprint(sentry_sdk.get_client().dsn)"
    assert _run_script(code, with_dsn)[0] == "https://public@127.0.0.1:9/1"


def test_the_nginx_recipe_never_serves_uploaded_files() -> None:
    import re

    conf = (settings.BASE_DIR / "deploy" / "nginx" / "kopru.conf").read_text()
    directives = "\n".join(line.split("#")[0] for line in conf.splitlines())
    media = re.search(r"location /media/ \{([^}]*)\}", directives)
    assert media and "return 404" in media.group(1)
    assert "var/media" not in directives  # no alias or root pointing at the files
    assert "X-Forwarded-For" in directives and "ssl_certificate" in directives
