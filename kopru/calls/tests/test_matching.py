"""Matching ranks who really applies: the who-applies table, reasons, partner notes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kopru.calls.matching import rule_for
from kopru.calls.models import Call, CallDeadline, WhoAppliesRule

from .factories import PublishedCallFactory

pytestmark = pytest.mark.django_db


def _eu(office, title: str, programme: str, action: str, sectors: list[str]) -> Call:
    call = PublishedCallFactory(
        office=office,
        level="eu",
        title_tr="",
        title_en=title,
        programme=programme,
        action_type=action,
        applicant_types=[],
        target_groups=[],
        sectors=sectors,
    )
    at = timezone.now() + dt.timedelta(days=60)
    CallDeadline.objects.create(call=call, at=at)
    Call._base_manager.filter(pk=call.pk).update(next_deadline=at, closes_at=at)
    return call


def test_municipality_gets_life_before_research_topics(client, izmir) -> None:
    quantum = _eu(
        izmir, "Quantum Machine Learning", "Horizon Europe", "HORIZON-RIA", ["environment"]
    )
    life = _eu(izmir, "Nature and Biodiversity", "LIFE", "Grant", ["environment"])
    cerv = _eu(izmir, "Call Town Twinning 2026", "CERV", "Grant", [])
    response = client.get("/izmir/cagrilar/eslestir/?org_type=municipality&sectors=environment")
    results = response.context["results"]
    order = [m.call.pk for m in results]
    assert order.index(life.pk) < order.index(quantum.pk)
    assert order.index(cerv.pk) < order.index(quantum.pk)
    research = results[order.index(quantum.pk)]
    assert (
        "ortak olarak" in research.partner_note
        and "araştırma konsorsiyumları" in research.partner_note
    )
    body = response.content.decode()
    assert "Olası ortaklık" in body and "Neden" in body


def test_the_table_follows_programme_and_action_type(izmir) -> None:
    ria = _eu(izmir, "x", "Horizon Europe", "HORIZON-JU-RIA", [])
    csa = _eu(izmir, "y", "Horizon Europe", "CSA", [])
    life = _eu(izmir, "z", "LIFE", "Grant", [])
    assert rule_for(ria).key == "horizon-research"
    assert rule_for(csa).key == "horizon-csa"
    assert "municipality" in rule_for(life).leads
    assert "municipality" not in rule_for(ria).leads


def test_an_office_line_comes_before_the_table(client, izmir) -> None:
    ria = _eu(izmir, "Urban climate pilots", "Horizon Europe", "RIA", ["environment"])
    WhoAppliesRule._base_manager.create(
        office=izmir, programme="Horizon Europe", action_types="RIA", leads=["municipality"]
    )
    response = client.get("/izmir/cagrilar/eslestir/?org_type=municipality&sectors=environment")
    match = next(m for m in response.context["results"] if m.call.pk == ria.pk)
    assert not match.partner_note
