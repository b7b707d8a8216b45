"""Stories in a real browser: an expert writes a story from a completed project and
publishes it with a photo."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from kopru.core.scoping import office_scope
from kopru.core.tests.imagefiles import jpeg_bytes
from kopru.projects.models import Stage
from kopru.projects.tests.factories import IndicatorFactory, ProjectFactory
from kopru.stories.models import Story, StoryStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_expert_writes_a_story_from_a_completed_project_with_a_photo(
    browser_page, balikesir_expert, tmp_path
) -> None:
    office = balikesir_expert.office
    project = ProjectFactory(
        office=office,
        title_tr="Kapsayıcı Okullar Ağı",
        stage=Stage.COMPLETED,
        stage_changed_at=timezone.now() - dt.timedelta(days=10),
    )
    IndicatorFactory(project=project, target=Decimal(100), latest_value=Decimal(120))
    photo = tmp_path / "atolye.jpg"
    photo.write_bytes(jpeg_bytes(gps=True))
    page = browser_page
    browser_login(page, "b.uzman")
    page.goto(f"{page.base_url}/balikesir/panel/hikayeler/")
    # The completed project whose indicator met its target is a story candidate.
    candidates = page.locator("section", has=page.get_by_role("heading", name="Hikâye adayları"))
    expect(candidates.get_by_text("Kapsayıcı Okullar Ağı")).to_be_visible()
    candidates.get_by_role("link", name="Bu projeden yaz").click()
    page.get_by_label("Etiket").select_option("success_story")
    page.get_by_role("button", name="Taslak hazırla").click()
    page.wait_for_load_state()
    page.get_by_label("Hikâye (Türkçe)").fill(
        "Yirmi dört öğretmen Avrupa'da gördüklerini on bir okula taşıdı."
    )
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Hikâye kaydedildi.")).to_be_visible()
    page.get_by_text("Fotoğraf ekle").click()
    form = page.locator("form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(photo))
    form.get_by_label(re.compile("alternatif metin \\(Türkçe\\)", re.I)).fill(
        "Sınıfta grup çalışması yapan öğrenciler"
    )
    form.get_by_label(re.compile("tanınabilir kişiler", re.I)).check()
    form.get_by_label(re.compile("kişilerin rızası alındı", re.I)).check()
    form.get_by_label(re.compile("^rıza kaydı", re.I)).fill("Veli izin formları, proje dosyası 7")
    page.get_by_role("button", name="Fotoğrafı yükle").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Fotoğraf yüklendi")).to_be_visible()
    page.get_by_role("button", name="Yayımla").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Hikâye yayımlandı.")).to_be_visible()
    with office_scope(office):
        story = Story.objects.get()
    assert story.status == StoryStatus.PUBLISHED and story.label == "success_story"
    page.get_by_role("link", name="Yayımlanan sayfa").click()
    page.wait_for_load_state()
    image = page.get_by_role("img", name="Sınıfta grup çalışması yapan öğrenciler")
    expect(image).to_be_visible()
    assert page.evaluate("document.querySelector('picture img').naturalWidth") > 0
    # The story links back to the project's public page, which lists the story.
    page.get_by_role("link", name="Kapsayıcı Okullar Ağı").first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Bu projeden hikâyeler")).to_be_visible()
