"""The project inventory in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from kopru.core.scoping import office_scope
from kopru.projects.models import MonitoringVisit, Project, Stage
from kopru.projects.tests.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_adds_project_and_submits_it(browser_page, balikesir_member) -> None:
    page = browser_page
    browser_login(page, "b.kurum")
    page.goto(f"{page.base_url}/balikesir/kurum/projelerim/")
    page.get_by_role("link", name="Yeni proje").click()
    page.get_by_label("Başlık (Türkçe)").fill("Köy okullarında kodlama")
    page.get_by_label("Fon programı").fill("Erasmus+")
    page.get_by_label("Gençler").check()
    page.get_by_label("Başlangıç aşaması").select_option("in_preparation")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Köy okullarında kodlama")
    page.get_by_label("Yeni aşama").select_option("submitted")
    page.get_by_role("button", name="Aşamayı değiştir").click()
    page.wait_for_load_state()
    assert "Projenin aşaması değiştirildi." in page.content()
    with office_scope(balikesir_member.office):
        project = Project.objects.get(title_tr="Köy okullarında kodlama")
    assert project.stage == Stage.SUBMITTED
    assert project.owner_id == balikesir_member.organisation_id


def test_expert_records_monitoring_visit(browser_page, balikesir_expert) -> None:
    project = ProjectFactory(office=balikesir_expert.office, title_tr="İzlenen proje")
    page = browser_page
    browser_login(page, "b.uzman")
    page.goto(f"{page.base_url}/balikesir/panel/proje-izleme/")
    page.get_by_role("link", name="İzlenen proje").click()
    page.get_by_text("İzleme ziyareti kaydet").click()
    form = page.locator("form", has=page.get_by_label("Bulgular"))
    form.get_by_label("Ziyaret tarihi").fill("2025-10-01")
    form.get_by_label("Bulgular").fill("Atölyeler planlandığı gibi sürüyor.")
    form.get_by_label("İzleme eylemleri").fill("Ara raporda katılım listeleri istenecek.")
    form.get_by_role("button", name="Ekle").click()
    page.wait_for_load_state()
    assert "İzleme ziyareti kaydedildi." in page.content()
    expect(page.get_by_text("Atölyeler planlandığı gibi sürüyor.")).to_be_visible()
    with office_scope(project.office):
        visit = MonitoringVisit.objects.get(project=project)
    assert visit.visitor_id == balikesir_expert.pk


def test_visitor_searches_the_data_bank(browser_page, balikesir) -> None:
    ProjectFactory(office=balikesir, title_tr="İZMİR YOLU GENÇLİK KAMPI", sectors=["youth"])
    ProjectFactory(office=balikesir, title_tr="Zeytinlikte sulama", sectors=["agriculture"])
    ProjectFactory(office=balikesir, title_tr="Gizli taslak", is_published=False)
    page = browser_page
    page.goto(f"{page.base_url}/balikesir/")
    page.get_by_role("link", name="Proje veri bankası").first.click()
    page.get_by_role("searchbox", name="Projelerde ara").fill("izmir")
    page.get_by_role("button", name="Ara", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="İZMİR YOLU GENÇLİK KAMPI")).to_be_visible()
    expect(page.get_by_text("Zeytinlikte sulama")).to_have_count(0)
    page.get_by_role("searchbox", name="Projelerde ara").fill("")
    page.get_by_role("button", name="Ara", exact=True).click()
    page.get_by_role("link", name="Tarım ve kırsal kalkınma").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Zeytinlikte sulama")).to_be_visible()
    expect(page.get_by_text("1 proje bulundu")).to_be_visible()
    expect(page.get_by_text("Gizli taslak")).to_have_count(0)


def test_the_long_project_form_on_a_phone_has_sections_and_a_save_bar_in_view(
    browser_page, balikesir_expert
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "b.uzman")
    page.goto(f"{page.base_url}/balikesir/panel/projeler/yeni/")
    save = page.get_by_role("button", name="Kaydet")

    def save_in_view() -> bool:
        box = save.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844

    assert page.evaluate("document.documentElement.scrollHeight") > 2 * 844
    assert save_in_view()  # without scrolling to the bottom
    toc = page.get_by_role("navigation", name="Formun bölümleri")
    expect(toc).to_be_visible()
    # keyboard: the table of contents moves focus to the section, Tab goes on from there
    toc.get_by_role("link", name="Bütçe").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kp-section-budget"
    expect(page.get_by_role("heading", name="Bütçe", level=2)).to_be_in_viewport()
    assert save_in_view()
    page.keyboard.press("Tab")
    field = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return {id: document.activeElement.id, bottom: r.bottom}; })()"
    )
    assert field["id"].startswith("id_")
    bar_top = page.locator(".kopru-savebar").bounding_box()["y"]
    assert field["bottom"] <= bar_top  # the bar does not cover the focused field
    toc.get_by_role("link", name="Yer ve kapsam").click()
    assert page.evaluate("document.activeElement.id") == "kp-section-reach"
    assert save_in_view()
    # an empty form is refused: the summary takes focus, the bar is still in view
    save.click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-kp-error-summary')")
    assert save_in_view()
