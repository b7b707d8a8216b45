"""Tags from the portal's own fields first, free text above a threshold, the reason kept,
an expert's correction surviving re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kopru.calls.importers import parse
from kopru.calls.models import Call
from kopru.calls.services import call_update
from kopru.calls.services.imports import calls_import
from kopru.calls.tagging import derive
from kopru.core.scoping import unscoped

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "eu-ft-calls-2026"


def _real(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not bundled here (see shared/data/eu-ft-calls-2026/SOURCE.md)")
    return path


def test_fields_decide_before_text() -> None:
    tags = derive(
        programme="Connecting Europe Facility",
        identifier="CEF-T-2026-AFIFGEN-COSTS",
        keywords=[],
        title="Alternative Fuel Infrastructure Facility: Road & Air Transport - works",
        text="Support for young people and sport facilities along transport corridors. Young people.",
    )
    assert tags.sectors == ["transport"]
    assert "youth" not in tags.target_groups  # a transport topic is not a youth call
    assert "identifier CEF-T" in tags.reason_text()
    life = derive(
        programme="LIFE",
        identifier="LIFE-2026-SAP-NAT-NATURE",
        keywords=["Biodiversity"],
        title="Nature and Biodiversity",
        text="",
    )
    assert "environment" in life.sectors and "keyword Biodiversity" in life.reason_text()


def test_free_text_needs_whole_words_and_a_threshold() -> None:
    once = derive(
        programme="", identifier="", keywords=[], title="Call", text="A transport assessment."
    )
    assert once.sectors == [] and once.target_groups == []  # "spor", "sme" are not words here
    twice = derive(
        programme="",
        identifier="",
        keywords=[],
        title="Hibe",
        text="Kadın kooperatifleri; kadın girişimciler.",
    )
    assert "women" in twice.target_groups


@pytest.mark.django_db
def test_real_records_no_transport_or_energy_topic_is_youth(izmir) -> None:
    path = _real("open.jsonl.gz")
    calls_import(office=izmir, data=path.read_bytes(), filename=path.name, actor=None)
    with unscoped("test"):
        calls = list(Call.objects.filter(office=izmir))
    assert len(calls) > 600
    # Topics whose programme or identifier makes them transport or energy topics (their
    # first tag); an education topic with an "energy education" keyword may well be
    # about young people.
    technical = [c for c in calls if c.sectors and c.sectors[0] in ("transport", "energy")]
    assert technical
    youth = [
        c.call_identifier for c in technical if "youth" in c.target_groups or "youth" in c.sectors
    ]
    assert youth == []
    assert all(c.tagging_reason for c in calls if c.sectors)
    life = [c for c in calls if c.programme == "LIFE" and "CET" not in c.call_identifier]
    assert life and all("environment" in c.sectors for c in life)


@pytest.mark.django_db
def test_an_experts_correction_survives_reimport(izmir, izmir_expert) -> None:
    path = _real("open.jsonl.gz")
    data = path.read_bytes()
    calls_import(office=izmir, data=data, filename=path.name, actor=None)
    with unscoped("test"):
        call = Call.objects.filter(office=izmir, programme="LIFE").first()
        call_update(
            call=call, data={"sectors": ["tourism"], "target_groups": ["women"]}, actor=izmir_expert
        )
        Call.objects.filter(pk=call.pk).update(import_hash="")  # the source changed
    calls_import(office=izmir, data=data, filename=path.name, actor=None)
    with unscoped("test"):
        call.refresh_from_db()
    assert call.sectors == ["tourism"] and call.target_groups == ["women"] and call.tags_by_expert


def test_the_parser_keeps_the_portal_fields() -> None:
    path = _real("open.jsonl.gz")
    record = next(r for r in parse(path.read_bytes(), path.name).records if r.keywords)
    assert record.keywords and record.programme
