"""Matching ranks who really applies: the who-applies table, reasons, partner notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    # an English title on the Turkish page says its language
    assert 'lang="en">Quantum Machine Learning<' in body


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


def _ranked(call: Call, org_type: str, sectors: list[str]) -> Any:
    from kopru.calls.matching import rank

    return rank(call, org_type=org_type, sectors=sectors, target_groups=[])


def test_a_strand_of_a_programme_has_its_own_line(izmir) -> None:
    towns = _eu(izmir, "Call Town Twinning 2026", "CERV", "Grant", ["social"])
    Call._base_manager.filter(pk=towns.pk).update(call_identifier="CERV-2026-CITIZENS-TOWN-TT")
    towns.refresh_from_db()
    assert rule_for(towns).key == "cerv-towns"
    assert "belediyeler başvurur" in _ranked(towns, "ngo", ["social"]).partner_note
    assert not _ranked(towns, "municipality", ["social"]).partner_note


def test_the_main_lead_of_an_action_type_comes_first(izmir) -> None:
    ria = _eu(izmir, "Data spaces research", "Horizon Europe", "HORIZON-RIA", ["digital"])
    ia = _eu(izmir, "Data spaces pilots", "Horizon Europe", "HORIZON-IA", ["digital"])
    assert rule_for(ia).key == "horizon-ia"
    assert (
        _ranked(ria, "university", ["digital"]).score > _ranked(ia, "university", ["digital"]).score
    )
    assert _ranked(ia, "sme", ["digital"]).score > _ranked(ria, "sme", ["digital"]).score


def test_a_partner_place_in_a_call_about_something_else_is_no_match(izmir) -> None:
    cancer = _eu(
        izmir, "Cancer research capacity", "Horizon Europe", "CSA", ["health", "education"]
    )
    outreach = _eu(izmir, "Researchers at school", "Horizon Europe", "CSA", ["education"])
    assert _ranked(cancer, "school", ["education"]) is None
    assert "ortak olarak" in _ranked(outreach, "school", ["education"]).partner_note


def test_a_call_that_says_nothing_is_no_match_for_a_profile_with_sectors(izmir) -> None:
    bare = _eu(izmir, "Hibe duyurusu", "", "", [])
    Call._base_manager.filter(pk=bare.pk).update(level="national")
    bare.refresh_from_db()
    assert _ranked(bare, "school", ["education"]) is None
    assert _ranked(bare, "school", []) is not None


def test_the_title_and_the_main_sector_weigh(izmir) -> None:
    titled = _eu(izmir, "Digital twins of cities", "Horizon Europe", "RIA", ["space", "digital"])
    untitled = _eu(izmir, "Rad-hard FPGA", "Horizon Europe", "RIA", ["space", "digital"])
    main = _eu(izmir, "Rad-hard FPGA 2", "Horizon Europe", "RIA", ["digital", "space"])
    score = {c.pk: _ranked(c, "university", ["digital"]).score for c in (titled, untitled, main)}
    assert score[titled.pk] > score[untitled.pk] and score[main.pk] > score[untitled.pk]
    assert "başlığında geçiyor" in " ".join(_ranked(titled, "university", ["digital"]).reasons)
