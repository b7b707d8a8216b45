"""Section III lists the year's success stories (the stories app provides them)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kopru.annualreports import figures, services
from kopru.stories.models import StoryStatus
from kopru.stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10)))


@pytest.fixture
def stories(balikesir: Any, izmir: Any) -> dict[str, Any]:
    return {
        "in_year": StoryFactory(
            office=balikesir,
            title_tr="Köy okullarında kodlama",
            title_en="Coding in village schools",
            summary_tr="Üç ilçede iki yüz genç kodlama öğrendi.",
            summary_en="Two hundred young people learnt to code in three districts.",
            published_at=at("2025-04-02"),
        ),
        "new_year_eve": StoryFactory(
            office=balikesir, title_tr="Yılbaşı gecesi", published_at=at("2025-12-31")
        ),
        "next_year": StoryFactory(
            office=balikesir, title_tr="Gelecek yıl", published_at=at("2026-01-01")
        ),
        "draft": StoryFactory(
            office=balikesir, title_tr="Taslak hikâye", status=StoryStatus.DRAFT, published_at=None
        ),
        "archived": StoryFactory(
            office=balikesir,
            title_tr="Geri çekilen",
            status=StoryStatus.ARCHIVED,
            published_at=at("2025-05-01"),
        ),
        "other_office": StoryFactory(
            office=izmir, title_tr="İzmir'in hikâyesi", published_at=at("2025-05-01")
        ),
    }


def test_the_stories_app_provides_the_years_published_stories(
    balikesir: Any, stories: dict[str, Any]
) -> None:
    found = figures.stories(balikesir, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert [s["title"]["tr"] for s in found] == ["Köy okullarında kodlama", "Yılbaşı gecesi"]
    assert found[0]["summary"]["en"].startswith("Two hundred")
    assert found[0]["published_on"] == "2025-04-02"


def test_section_three_shows_them_in_the_pdf_the_workbook_and_the_page(
    in_balikesir: Any, balikesir_coordinator: Any, stories: dict[str, Any], client_for: Any
) -> None:
    report = services.report_create(
        office=in_balikesir,
        actor=balikesir_coordinator,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    report = services.report_approve(report=report, actor=balikesir_coordinator)
    frozen = [s["title"]["tr"] for s in report.figures["stories"]]
    assert frozen == ["Köy okullarında kodlama", "Yılbaşı gecesi"]
    for language, title, summary in (
        ("tr", "Köy okullarında kodlama", "iki yüz genç"),
        ("en", "Coding in village schools", "Two hundred young people"),
    ):
        pdf = services.report_file_generate(
            report=report, language=language, fmt="pdf", actor=balikesir_coordinator
        )
        text = " ".join(
            (p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.file.read())).pages
        )
        text = " ".join(text.split())
        assert title in text and summary in text, language
        assert "Gelecek yıl" not in text and "Taslak hikâye" not in text
        assert "İzmir'in hikâyesi" not in text and "Geri çekilen" not in text
        xlsx = services.report_file_generate(
            report=report, language=language, fmt="xlsx", actor=balikesir_coordinator
        )
        wb = load_workbook(io.BytesIO(xlsx.file.read()))
        values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert title in values, language
    page = client_for(balikesir_coordinator).get(f"/balikesir/panel/faaliyet-raporu/{report.pk}/")
    html = page.content.decode()
    assert "Köy okullarında kodlama" in html and "Gelecek yıl" not in html
