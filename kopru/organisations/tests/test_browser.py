"""In a real browser: a visitor searches the directory (Turkish and English), an
institution member adds to their project team, the coordinator merges duplicates."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from kopru.accounts.models import Role
from kopru.core.tests.factories import OrganisationFactory, UserFactory
from kopru.organisations.models import Organisation, TeamMember, TeamStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [
        (
            "",
            {
                "q": "Ad ya da anahtar sözcük",
                "search": "Ara",
                "team": "Kurumun bir proje ekibi var.",
            },
        ),
        (
            "/en",
            {
                "q": "Name or keyword",
                "search": "Search",
                "team": "The organisation has a project team.",
            },
        ),
    ],
)
def test_visitor_searches_the_directory(browser_page: Any, balikesir: Any, prefix: str, labels):
    OrganisationFactory(
        office=balikesir,
        name="ISPARTA BELEDİYESİ TEMSİLCİLİĞİ",
        email="gizli@example.invalid",
        team_status=TeamStatus.FORMED,
    )
    OrganisationFactory(office=balikesir, name="Burdur Derneği")
    page = browser_page
    page.goto(f"{page.base_url}{prefix}/balikesir/paydaslar/")
    page.get_by_label(labels["q"]).fill("ısparta")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the keyboard submits the search form
    expect(page.get_by_role("link", name="Burdur Derneği")).to_have_count(0)
    page.get_by_role("link", name="ISPARTA BELEDİYESİ TEMSİLCİLİĞİ").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("ISPARTA BELEDİYESİ TEMSİLCİLİĞİ")
    expect(page.get_by_text(labels["team"])).to_be_visible()
    assert "gizli@example.invalid" not in page.content()


def test_member_adds_a_team_member(browser_page: Any, balikesir_member: Any):
    page = browser_page
    browser_login(page, "b.kurum")
    page.goto(f"{page.base_url}/balikesir/kurum/proje-ekibi/")
    page.get_by_role("link", name="Ekip üyesi ekle").click()
    page.get_by_role("textbox", name=re.compile("^Ad soyad")).fill("Şule Işık")
    page.get_by_label("Ekipteki görevi").select_option("finance")
    page.get_by_label("Almanca").check()
    page.get_by_role("textbox", name=re.compile("^E-posta")).fill("sule@example.invalid")
    page.get_by_label("Ekibin irtibat kişisi").check()
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Ekip üyesi eklendi.")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("^Şule Işık"))).to_be_visible()
    member = TeamMember._base_manager.get(full_name="Şule Işık")
    assert member.languages == ["de"] and member.is_contact_point


def test_coordinator_merges_duplicates(browser_page: Any, balikesir_coordinator: Any, balikesir):
    keep = OrganisationFactory(office=balikesir, name="Isparta Belediyesi", phone="0246 1")
    dup = OrganisationFactory(office=balikesir, name="ISPARTA BELEDİYESİ", email="b@x.invalid")
    user = UserFactory(role=Role.INSTITUTION_MEMBER, office=balikesir, organisation=dup)
    page = browser_page
    browser_login(page, "b.koordinator")
    page.goto(f"{page.base_url}/balikesir/panel/kurumlar/mukerrer/")
    page.get_by_role("button", name="Birleştirmeyi önizle").click()
    page.wait_for_load_state()
    page.get_by_role("button", name=re.compile("birleştir ve sil")).click()
    page.wait_for_load_state()
    expect(page.get_by_text("1 kayıt “Isparta Belediyesi” ile birleştirildi.")).to_be_visible()
    assert not Organisation._base_manager.filter(pk=dup.pk).exists()
    user.refresh_from_db()
    assert user.organisation_id == keep.pk
