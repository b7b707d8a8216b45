"""Figures for the report's tests: a fixed indicator area, so a test can tell the
frozen numbers from the ones read later."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.annualreports import figures


def area(approved: int) -> dict[str, Any]:
    return {
        "key": "projects",
        "title": {"tr": "Projeler", "en": "Projects"},
        "indicators": [
            {
                "name": "projects.approved",
                "label": {"tr": "Onaylanan projeler", "en": "Approved projects"},
                "unit": {"tr": "proje", "en": "projects"},
                "definition": {
                    "tr": "Dönemde onaylanan projeler.",
                    "en": "Approved in the period.",
                },
                "value": approved,
                "previous": 1234,
                "rows": [],
            },
            {
                "name": "projects.by_district",
                "label": {"tr": "İlçelere göre projeler", "en": "Projects by district"},
                "unit": {"tr": "proje", "en": "projects"},
                "definition": {"tr": "Proje başına bir ilçe.", "en": "One district per project."},
                "value": None,
                "previous": None,
                "rows": [
                    {"label": {"tr": "Altıeylül", "en": "Altıeylül"}, "value": 7},
                    {"label": {"tr": "Gönen", "en": "Gönen"}, "value": 3},
                    {"label": {"tr": '=HYPERLINK("x")', "en": '=HYPERLINK("x")'}, "value": 1},
                ],
            },
        ],
    }


@pytest.fixture
def fixed_figures(monkeypatch: Any) -> Any:
    """``set(n)`` makes the indicators answer ``n`` approved projects from now on."""
    state = {"approved": 4321}
    monkeypatch.setattr(
        figures, "indicator_areas", lambda office, start, end: [area(state["approved"])]
    )

    class Control:
        def set(self, n: int) -> None:
            state["approved"] = n

    return Control()
