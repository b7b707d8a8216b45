"""The report shows the indicators' numbers, never its own: every figure frozen in a
report is the one :mod:`kopru.statistics.indicators` computes for the office and period,
and the PDF prints it as the dashboard writes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pypdf import PdfReader

from kopru.annualreports import services
from kopru.statistics import charts, indicators
from kopru.statistics.periods import Period
from kopru.statistics.tests.conftest import dataset  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_frozen_figures_are_the_indicators(
    dataset: Any,  # noqa: F811
    in_balikesir: Any,
    balikesir_coordinator: Any,
) -> None:
    balikesir = in_balikesir
    report = services.report_create(
        office=balikesir,
        actor=balikesir_coordinator,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    report = services.report_approve(report=report, actor=balikesir_coordinator)
    expected = indicators.compute(None, office=balikesir, period=Period.year(2025))
    before = indicators.compute(None, office=balikesir, period=Period.year(2024))
    frozen = {i["name"]: i for a in report.figures["areas"] for i in a["indicators"]}
    assert set(frozen) == set(indicators.INDICATORS)
    assert [a["key"] for a in report.figures["areas"]] == list(indicators.AREAS)
    for name, value in expected.items():
        assert frozen[name]["value"] == value.total, name
        assert frozen[name]["previous"] == before[name].total, name
        assert [(r["key"], r["value"]) for r in frozen[name]["rows"]] == [
            (r.key, r.value) for r in value.rows
        ], name
    assert frozen["projects_by_stage"]["value"] > 0
    # The PDF prints those numbers as the dashboard does (the same formatter).
    made = services.report_file_generate(
        report=report, language="tr", fmt="pdf", actor=balikesir_coordinator
    )
    text = "\n".join(p.extract_text() for p in PdfReader(made.file.open("rb")).pages)
    for name in ("funds_grant_eur", "projects_by_stage", "participations_total"):
        total = expected[name].total
        assert charts.fmt(total) in text, (name, charts.fmt(total))
    assert "Kazanılan fonlar" in text and "Danışmanlık masası" in text
