"""The office's who-applies table in the panel: services (audited, versioned), the pages
(one view per action, the coordinator edits, staff read), bad input, and the public
matching page following the office's edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from kopru.calls import matching, selectors, services
from kopru.calls.models import Call, CallDeadline, WhoAppliesRule
from kopru.calls.permissions import access_who_applies_rule
from kopru.core.errors import ApplicationError, ConcurrentEditError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.access_checks import MISSING, assert_one_404

from .factories import PublishedCallFactory, WhoAppliesRuleFactory

pytestmark = pytest.mark.django_db

PAGE = "/izmir/panel/cagrilar/kimler-basvurur/"
RIA = {
    "programme": "Horizon Europe",
    "action_types": "RIA, IA",
    "leads": ["municipality", "university"],
    "partners": ["ngo"],
    "note": "",
}


def _ria_call(office: Any, title: str = "Urban climate pilots") -> Call:
    call = PublishedCallFactory(
        office=office,
        level="eu",
        title_tr="",
        title_en=title,
        programme="Horizon Europe",
        action_type="HORIZON-RIA",
        applicant_types=[],
        target_groups=[],
        sectors=["environment"],
    )
    at = timezone.now() + dt.timedelta(days=60)
    CallDeadline.objects.create(call=call, at=at)
    Call._base_manager.filter(pk=call.pk).update(next_deadline=at, closes_at=at)
    return call


def _match(client: Any, call: Call) -> Any:
    response = client.get("/izmir/cagrilar/eslestir/?org_type=municipality&sectors=environment")
    return next((m for m in response.context["results"] if m.call.pk == call.pk), None)


# -- services ------------------------------------------------------------------------------


def test_create_update_remove_are_audited(izmir: Any, izmir_coordinator: Any) -> None:
    rule = services.who_applies_rule_create(
        office=izmir,
        data={**RIA, "action_types": " RIA,ia ,, ", "leads": ["university", "municipality"]},
        actor=izmir_coordinator,
    )
    assert rule.version == 1
    assert rule.action_types == "RIA, ia"
    assert rule.leads == ["municipality", "university"]  # the vocabulary's order
    rule = services.who_applies_rule_update(
        rule=rule, data={"partners": ["ngo", "school"]}, actor=izmir_coordinator, expected_version=1
    )
    assert rule.version == 2 and rule.partners == ["school", "ngo"]
    pk = rule.pk
    services.who_applies_rule_remove(rule=rule, actor=izmir_coordinator)
    assert not _rows()
    with unscoped("test"):
        actions = list(
            AuditEntry.objects.filter(object_id=str(pk)).values_list("action", flat=True)
        )
    assert sorted(actions) == [
        "calls.whoappliesrule.created",
        "calls.whoappliesrule.deleted",
        "calls.whoappliesrule.updated",
    ]


def test_a_stale_edit_is_refused(izmir: Any, izmir_coordinator: Any) -> None:
    rule = services.who_applies_rule_create(office=izmir, data=RIA, actor=izmir_coordinator)
    services.who_applies_rule_update(
        rule=rule, data={"note": "ilk"}, actor=izmir_coordinator, expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        services.who_applies_rule_update(
            rule=rule, data={"note": "ikinci"}, actor=izmir_coordinator, expected_version=1
        )


@pytest.mark.parametrize(
    "bad",
    [
        {"programme": "  - "},
        {"leads": ["municipality"], "partners": ["municipality"]},
        {"leads": ["mayor"]},
    ],
)
def test_bad_lines_are_refused(izmir: Any, izmir_coordinator: Any, bad: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError):
        services.who_applies_rule_create(office=izmir, data={**RIA, **bad}, actor=izmir_coordinator)


def test_one_line_per_programme_and_action_types(
    izmir: Any, balikesir: Any, izmir_coordinator: Any
) -> None:
    services.who_applies_rule_create(office=izmir, data=RIA, actor=izmir_coordinator)
    with pytest.raises(ApplicationError):
        services.who_applies_rule_create(
            office=izmir,
            data={**RIA, "programme": "HORIZON  europe", "action_types": "ia, ria"},
            actor=izmir_coordinator,
        )
    # another office has its own table
    WhoAppliesRuleFactory(office=balikesir, programme="Horizon Europe", action_types="RIA, IA")


# -- matching reads the office's lines -----------------------------------------------------


def test_the_match_list_follows_the_office_edit(
    client: Any, izmir: Any, izmir_coordinator: Any
) -> None:
    call = _ria_call(izmir)
    before = _match(client, call)
    assert before is not None and "ortak olarak" in before.partner_note  # national default
    rule = services.who_applies_rule_create(office=izmir, data=RIA, actor=izmir_coordinator)
    lead = _match(client, call)
    assert lead is not None and not lead.partner_note and lead.score > before.score
    # a municipality only joins: the office's own note, with the type of organisation
    services.who_applies_rule_update(
        rule=rule,
        data={
            "leads": ["university"],
            "partners": ["municipality"],
            "note": "%100 araştırma; {tür} ortak olur",
        },
        actor=izmir_coordinator,
        expected_version=1,
    )
    partner = _match(client, call)
    assert partner is not None and partner.partner_note == "%100 araştırma; Belediye ortak olur"
    # nobody of the office's province applies: not recommended at all
    services.who_applies_rule_update(
        rule=_fresh(rule),
        data={"leads": ["university"], "partners": []},
        actor=izmir_coordinator,
        expected_version=2,
    )
    assert _match(client, call) is None
    services.who_applies_rule_remove(rule=_fresh(rule), actor=izmir_coordinator)
    assert "ortak olarak" in _match(client, call).partner_note


def _fresh(rule: WhoAppliesRule) -> WhoAppliesRule:
    with unscoped("test"):
        return WhoAppliesRule.objects.get(pk=rule.pk)


def _rows() -> list[WhoAppliesRule]:
    with unscoped("test"):
        return list(WhoAppliesRule.objects.all())


def test_a_specific_line_comes_before_a_general_one(izmir: Any, izmir_coordinator: Any) -> None:
    call = _ria_call(izmir)
    general = services.who_applies_rule_create(
        office=izmir,
        data={**RIA, "action_types": "", "leads": ["university"], "partners": []},
        actor=izmir_coordinator,
    )
    specific = services.who_applies_rule_create(
        office=izmir, data={**RIA, "programme": "Horizon"}, actor=izmir_coordinator
    )
    rules = selectors.office_rules(izmir)
    assert [r.office_rule_id for r in rules] == [specific.pk, general.pk]
    assert matching.rule_for(call, rules).office_rule_id == specific.pk


def test_the_overview_counts_the_calls_each_line_decides(
    izmir: Any, izmir_coordinator: Any
) -> None:
    _ria_call(izmir)
    _ria_call(izmir, "Second")
    overview = selectors.who_applies_overview(izmir)
    research = next(line for line in overview["defaults"] if line.rule.key == "horizon-research")
    assert research.calls == 2 and research.leads[0] == "Üniversite"
    ia = next(line for line in overview["defaults"] if line.rule.key == "horizon-ia")
    assert ia.main == ["KOBİ", "Büyük işletme"] and ia.leads[:2] == ia.main
    rule = services.who_applies_rule_create(office=izmir, data=RIA, actor=izmir_coordinator)
    overview = selectors.who_applies_overview(izmir)
    assert [(line.row, line.calls) for line in overview["own"]] == [(_fresh(rule), 2)]
    research = next(line for line in overview["defaults"] if line.rule.key == "horizon-research")
    assert research.calls == 0


# -- access and pages ----------------------------------------------------------------------


def test_access_who_applies_rule(
    izmir: Any, balikesir: Any, izmir_coordinator: Any, izmir_expert: Any
) -> None:
    own = WhoAppliesRuleFactory(office=izmir)
    other = WhoAppliesRuleFactory(office=balikesir)
    with office_scope(izmir):
        assert access_who_applies_rule(izmir_coordinator, own.pk) == own
        assert_one_404(
            lambda: access_who_applies_rule(izmir_coordinator, MISSING),
            lambda: access_who_applies_rule(izmir_coordinator, other.pk),
            lambda: access_who_applies_rule(izmir_expert, own.pk),
        )


def test_the_page_shows_the_defaults_and_the_office_lines(
    client_for: Any, izmir_coordinator: Any
) -> None:
    WhoAppliesRuleFactory(office=izmir_coordinator.office, programme="LIFE", action_types="SAP")
    client = client_for(izmir_coordinator)
    response = client.get(PAGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ofisinizin satırları" in body and "Ulusal tablo" in body
    assert 'data-who-applies="horizon-research"' in body and "Ofisim için değiştir" in body
    assert "LIFE" in body and "kimler-basvurur/yeni/?temel=horizon-research" in body
    # the menu entry, and only it is the current page
    assert body.count('aria-current="page"') == 1
    assert f'href="{PAGE}" aria-current="page"' in body


def test_add_change_and_remove_through_the_pages(client_for: Any, izmir_coordinator: Any) -> None:
    client = client_for(izmir_coordinator)
    form = client.get(f"{PAGE}yeni/?temel=horizon-research")
    assert form.status_code == 200
    assert form.context["form"].initial["programme"] == "horizon"
    assert "municipality" in form.context["form"].initial["partners"]
    response = client.post(
        f"{PAGE}yeni/",
        {"programme": "Horizon", "action_types": "RIA", "leads": ["municipality"], "note": ""},
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    [rule] = _rows()
    edit = f"{PAGE}{rule.pk}/duzenle/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "programme": "Horizon",
            "action_types": "RIA, IA",
            "leads": ["municipality", "ngo"],
            "version": 1,
        },
    )
    assert response.status_code == 302
    rule = _fresh(rule)
    assert rule.leads == ["municipality", "ngo"] and rule.version == 2
    stale = client.post(
        edit, {"programme": "Horizon", "action_types": "CSA", "leads": ["ngo"], "version": 1}
    )
    assert stale.status_code == 409
    assert client.get(f"{PAGE}{rule.pk}/kaldir/").status_code == 405
    assert client.post(f"{PAGE}{rule.pk}/kaldir/").status_code == 302
    assert not _rows()


def test_bad_input_is_a_message_or_a_400(client_for: Any, izmir_coordinator: Any) -> None:
    client = client_for(izmir_coordinator)
    assert client.get(f"{PAGE}yeni/?temel=zzz").status_code == 400
    both = client.post(
        f"{PAGE}yeni/",
        {"programme": "LIFE", "leads": ["municipality"], "partners": ["municipality"]},
    )
    assert both.status_code == 200 and "hem başvuran hem ortak" in both.content.decode()
    unknown = client.post(f"{PAGE}yeni/", {"programme": "LIFE", "leads": ["mayor"]})
    assert unknown.status_code == 200 and unknown.context["form"].errors["leads"]
    empty = client.post(f"{PAGE}yeni/", {"programme": "", "leads": ["ngo"]})
    assert empty.status_code == 200 and empty.context["form"].errors["programme"]
    services.who_applies_rule_create(
        office=izmir_coordinator.office, data=RIA, actor=izmir_coordinator
    )
    duplicate = client.post(
        f"{PAGE}yeni/", {"programme": "horizon europe", "action_types": "IA,RIA", "leads": ["sme"]}
    )
    assert duplicate.status_code == 200 and "zaten var" in duplicate.content.decode()
    assert len(_rows()) == 1
    assert client.post(f"{PAGE}abc/kaldir/").status_code == 404


def test_experts_read_the_table_and_only_the_coordinator_changes_it(
    client_for: Any, izmir_expert: Any
) -> None:
    rule = WhoAppliesRuleFactory(office=izmir_expert.office)
    client = client_for(izmir_expert)
    page = client.get(PAGE)
    assert page.status_code == 200 and "Satır ekle" not in page.content.decode()
    assert "koordinatör" in page.content.decode()
    assert client.get(f"{PAGE}yeni/").status_code == 404
    assert client.post(f"{PAGE}yeni/", {**RIA}).status_code == 404
    assert client.get(f"{PAGE}{rule.pk}/duzenle/").status_code == 404
    assert client.post(f"{PAGE}{rule.pk}/kaldir/").status_code == 404
    assert _rows() == [rule]


def test_the_page_in_english(client_for: Any, izmir_coordinator: Any) -> None:
    client = client_for(izmir_coordinator)
    body = client.get(f"/en{PAGE}").content.decode()
    assert "Who applies" in body and "National table" in body
    assert "usually applied for by research consortia" in body
    with translation.override("en"):
        initial = selectors.who_applies_rule_initial("horizon-research")
    assert initial is not None and "{tür}" in initial["note"]
