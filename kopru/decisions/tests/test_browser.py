"""In a real browser: an owner's member updates a decision's progress and the public
accountability page shows it; a citizen contributes to a consultation's section and,
after the office answers, reads the reasoned answer through the private link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from kopru.consultations import services as consultation_services
from kopru.consultations.models import Consultation, Contribution, Outcome
from kopru.consultations.tests.factories import SectionFactory
from kopru.core.scoping import office_scope, unscoped

from .factories import DecisionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_updates_progress_and_the_public_page_shows_it(
    browser_page: Any, balikesir_member: Any
) -> None:
    page = browser_page
    decision = DecisionFactory(office=balikesir_member.office, owner=balikesir_member.organisation)
    browser_login(page, balikesir_member.username)
    page.goto(f"{page.base_url}/balikesir/kurum/kararlar/")
    page.get_by_role("link", name="İlerlemeyi güncelle").click()
    page.get_by_label("İlerleme (%)").fill("140")
    page.get_by_role("button", name="İlerlemeyi kaydet").click()
    expect(page.get_by_text("0 ile 100 arasında olmalı").first).to_be_visible()
    page.get_by_label("İlerleme (%)").fill("60")
    page.get_by_label("Ne yapıldı?").fill("Dört ilçede bilgi günü yapıldı.")
    page.get_by_role("button", name="İlerlemeyi kaydet").click()
    page.goto(f"{page.base_url}/balikesir/kararlar/{decision.pk}/")
    expect(page.locator("progress.kp-progress")).to_have_attribute("value", "60")
    expect(page.get_by_text("Dört ilçede bilgi günü yapıldı.")).to_be_visible()


def test_citizen_contributes_and_later_reads_the_reasoned_answer(
    browser_page: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    page = browser_page
    section = SectionFactory(office=balikesir)
    page.goto(f"{page.base_url}/balikesir/istisareler/bolum/{section.pk}/")
    page.get_by_label("Katkınız").fill("Meclis toplantıları hafta sonu yapılmalı.")
    page.get_by_label("Katkımın ve verdiğim bilgilerin", exact=False).check()
    page.get_by_role("button", name="Katkıyı gönder").click()
    expect(page.get_by_text("Katkınız alındı")).to_be_visible()
    private_url = page.locator("#private-url").input_value()
    with unscoped("test"):
        contribution = Contribution.objects.get()
        Consultation.objects.filter(pk=section.consultation_id).update(
            closes_at=timezone.now() - dt.timedelta(minutes=1)
        )
        consultation = Consultation.objects.get(pk=section.consultation_id)
    with office_scope(balikesir):
        consultation_services.contribution_answer(
            contribution=contribution,
            outcome=Outcome.ACCEPTED,
            answer_tr="Kabul: toplantılar cumartesi yapılacak.",
            actor=balikesir_expert,
        )
        consultation_services.consultation_publish_answers(
            consultation=consultation, actor=balikesir_expert
        )
    page.goto(private_url)
    expect(page.get_by_text("Kabul: toplantılar cumartesi yapılacak.")).to_be_visible()
