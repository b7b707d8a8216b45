"""Rate limit, honeypot and the personal-data request page of the foundation."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django import forms
from django.test import RequestFactory, override_settings
from django.utils import timezone

from kopru.core.forms import HoneypotFormMixin
from kopru.core.models import AuditEntry, RateLimitBucket
from kopru.core.ratelimit import client_ip, rate_limit_hit
from kopru.core.registry import PersonalDataProvider, registry

pytestmark = pytest.mark.django_db


def test_rate_limit_allows_the_limit_then_slows_the_burst() -> None:
    now = timezone.now()
    results = [rate_limit_hit("t.form", "10.0.0.1", limit=3, period=600, now=now) for _ in range(5)]
    assert [r.allowed for r in results] == [True, True, True, False, False]
    assert 0 < results[-1].retry_after <= 600
    # Another address has its own budget; the address itself is never stored.
    assert rate_limit_hit("t.form", "10.0.0.2", limit=3, period=600, now=now).allowed
    assert not RateLimitBucket.objects.filter(key__contains="10.0.0").exists()


def test_rate_limit_window_ends_and_old_windows_are_forgotten() -> None:
    start = timezone.now() - dt.timedelta(days=3)
    for _ in range(4):
        rate_limit_hit("t.form", "10.0.0.9", limit=3, period=600, now=start)
    assert not rate_limit_hit("t.form", "10.0.0.9", limit=3, period=600, now=start).allowed
    later = rate_limit_hit("t.form", "10.0.0.9", limit=3, period=600)
    assert later.allowed and later.count == 1
    assert (
        RateLimitBucket.objects.filter(window_start__lt=start + dt.timedelta(hours=1)).count() == 0
    )


def test_client_ip_trusts_the_proxy_header_only_when_configured() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8"
    )
    assert client_ip(request) == "10.1.1.1"
    with override_settings(KOPRU_TRUSTED_PROXIES=1):
        assert client_ip(request) == "5.6.7.8"


class _Form(HoneypotFormMixin, forms.Form):
    name = forms.CharField()


def test_honeypot_refuses_a_filled_trap_with_a_visible_message() -> None:
    assert _Form({"name": "Ayşe"}).is_valid()
    form = _Form({"name": "Ayşe", "kp_website": "http://spam.example"})
    assert not form.is_valid()
    assert form.non_field_errors()


@pytest.fixture
def provider() -> Any:
    from kopru.organisations.models import Organisation

    store: dict[str, list[dict[str, Any]]] = {"ayse@example.org": [{"name": "Ayşe", "n": 1}]}

    def find(email: str) -> list[dict[str, Any]]:
        Organisation.objects.count()  # runs inside the request's office scope
        return list(store.get(email, []))

    def erase(email: str, actor: Any) -> int:
        return len(store.pop(email, []))

    p = PersonalDataProvider(key="test", label="Test", find=find, erase=erase)
    registry.personal_data.append(p)
    yield store
    registry.personal_data.remove(p)


def test_personal_data_page_is_for_the_coordinator_only(
    client_for: Any, balikesir_expert: Any, balikesir_coordinator: Any, provider: Any
) -> None:
    url = "/balikesir/panel/kisisel-veri/"
    assert client_for(balikesir_expert).get(url).status_code == 404
    page = client_for(balikesir_coordinator).get(url + "?email=AYSE@example.org")
    assert page.status_code == 200
    assert "Ayşe" in page.content.decode()


def test_personal_data_export_and_erase_are_audited(
    client_for: Any, balikesir_coordinator: Any, provider: Any
) -> None:
    client = client_for(balikesir_coordinator)
    export = "/balikesir/panel/kisisel-veri/disa-aktar/"
    erase = "/balikesir/panel/kisisel-veri/sil/"
    exported = client.post(export, {"email": "ayse@example.org", "fmt": "json"})
    assert json.loads(exported.content)["records"]["test"][0]["name"] == "Ayşe"
    xlsx = client.post(export, {"email": "ayse@example.org", "fmt": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    refused = client.post(erase, {"email": "ayse@example.org"})
    assert refused.status_code == 400 and provider
    done = client.post(erase, {"email": "ayse@example.org", "confirm": "1"})
    assert done.status_code == 302 and not provider
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"core.personal_data.exported", "core.personal_data.erased"} <= actions
    erased = AuditEntry.objects.get(action="core.personal_data.erased")
    assert "ayse" not in json.dumps(erased.data)


def test_personal_data_page_rejects_a_malformed_address(
    client_for: Any, balikesir_coordinator: Any
) -> None:
    page = client_for(balikesir_coordinator).get(
        "/balikesir/panel/kisisel-veri/?email=not-an-address"
    )
    assert page.status_code == 400


def test_reporting_commands_speak_their_own_language_whatever_the_thread_says(
    balikesir: Any, tmp_path: Any
) -> None:
    from django.core.management import CommandError, call_command
    from django.utils import translation

    bad = tmp_path / "bos.xlsx"
    bad.write_bytes(b"not a workbook")
    translation.activate("en")  # what a previous request through LocaleMiddleware leaves
    try:
        with pytest.raises(CommandError) as turkish:
            call_command("import_organisations", str(bad), "--office", "balikesir")
        with pytest.raises(CommandError) as english:
            call_command(
                "import_organisations", str(bad), "--office", "balikesir", "--language", "en"
            )
    finally:
        translation.deactivate()
    assert str(turkish.value) != str(english.value)
