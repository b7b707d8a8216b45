"""Each indicator against a data set whose figures are worked out by hand (conftest)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kopru.statistics import indicators
from kopru.statistics.indicators import INDICATORS, compute, compute_by_office, records
from kopru.statistics.periods import Period

Y2025 = Period.year(2025)


def rows(value: indicators.Value) -> dict[str, Any]:
    return {r.key: r.value for r in value.rows}


def test_project_indicators(dataset: Any, balikesir: Any) -> None:
    v = compute(
        [
            "projects_total",
            "projects_by_stage",
            "projects_by_funder",
            "projects_by_start_year",
            "projects_priority_groups",
            "projects_by_sector",
            "projects_by_district",
        ],
        office=balikesir,
        period=Y2025,
    )
    assert v["projects_total"].total == 4
    assert rows(v["projects_by_stage"]) == {
        "approved": 1,
        "in_implementation": 1,
        "completed": 1,
        "rejected": 1,
    }
    assert rows(v["projects_by_funder"]) == {"Erasmus+": 2, "SODES": 2}
    assert rows(v["projects_by_start_year"]) == {"2025": 4}
    assert v["projects_priority_groups"].total == 2
    assert rows(v["projects_by_sector"]) == {"youth": 2, "education": 2, "": 1}
    d0, d1 = dataset["districts"]
    assert rows(v["projects_by_district"]) == {str(d0.pk): 2, str(d1.pk): 1}
    assert v["projects_by_district"].rows[0].label == d0.name


def test_funds_convert_at_each_projects_rate(dataset: Any, balikesir: Any) -> None:
    v = compute(indicators.indicators_of("funds") and None, office=balikesir, period=Y2025)
    assert v["funds_grant_eur"].total == 100000.0  # 80,000 + 700,000 TRY / 35
    assert v["funds_grant_try"].total == 3500000.0  # 80,000 × 35 + 700,000
    assert v["funds_total_eur"].total == 128571.43  # the TRY budget without a rate is left out
    assert v["funds_total_try"].total == 4550000.0
    assert v["funds_grant_eur"].extra == {"projects": 3, "without_rate": 1, "without_grant": 1}


def test_success_rate_counts_each_projects_last_decision_in_the_period(
    dataset: Any, balikesir: Any
) -> None:
    v = compute(["application_success_rate"], office=balikesir, period=Y2025)
    rate = v["application_success_rate"]
    assert rate.total == 66.7
    assert rate.extra == {"approved": 2, "decided": 3}
    assert (
        compute(["application_success_rate"], office=balikesir, period=Period.year(2023))[
            "application_success_rate"
        ].total
        is None
    )


def test_training_indicators(dataset: Any, balikesir: Any) -> None:
    v = compute(indicators.indicators_of("trainings") and None, office=balikesir, period=Y2025)
    assert v["trainings_total"].total == 2  # the cancelled one and the 2019 one left out
    assert rows(v["trainings_total"]) == {"pcm": 1, "info_day": 1}
    assert v["participations_total"].total == 3
    assert v["trainees_unique"].total == 2
    by_org = v["participations_by_organisation_type"]
    assert rows(by_org) == {"municipality": 2, "ngo": 1}
    assert by_org.row("municipality").extra == {"people": 1}  # type: ignore[union-attr]
    d0 = dataset["districts"][0]
    assert rows(v["participations_by_district"]) == {str(d0.pk): 2, "": 1}
    assert rows(v["participations_by_priority_group"]) == {"True": 1, "False": 2}
    assert v["certificates_issued"].total == 1
    since = v["trainees_since_first_year"]
    assert since.total == 3
    assert since.extra["first_year"] == 2019


def test_guidance_indicators(dataset: Any, balikesir: Any) -> None:
    v = compute(indicators.indicators_of("guidance") and None, office=balikesir, period=Y2025)
    assert rows(v["cases_by_channel"]) == {"web_form": 1, "phone": 2}
    assert rows(v["cases_by_topic"]) == {"funding": 2, "partner": 1}
    assert v["case_first_answer_hours"].total == 1.0
    assert v["case_first_answer_hours"].extra == {"p90": 3.0, "count": 2}
    assert v["case_close_hours"].total == 2.0
    assert v["case_close_hours"].extra["p90"] == 10.0
    assert rows(v["cases_funnel"]) == {"consulted": 3, "submitted": 2, "funded": 1}


def test_calls_organisations_partners(dataset: Any, balikesir: Any) -> None:
    v = compute(
        [
            "calls_published",
            "alert_subscribers",
            "public_bodies_with_team",
            "partner_searches_answered",
        ],
        office=balikesir,
        period=Y2025,
    )
    assert rows(v["calls_published"]) == {"eu": 1, "local": 1}
    assert rows(v["alert_subscribers"]) == {"saved_search": 1, "call_follow": 1}
    teams = v["public_bodies_with_team"]
    assert teams.total == 2
    assert teams.extra["public_bodies"] == 3
    # Before the school's team was formed (1 November 2025) only the municipality's counts.
    early = compute(["public_bodies_with_team"], office=balikesir, period=Period.year(2024))
    assert early["public_bodies_with_team"].total == 1
    answered = v["partner_searches_answered"]
    assert answered.total == 1
    assert answered.extra == {"posts": 2, "share": 50.0}


def test_every_indicator_by_office_equals_each_office_alone(
    dataset: Any, balikesir: Any, izmir: Any
) -> None:
    names = list(INDICATORS)
    grouped = compute_by_office(names, period=Y2025)
    assert set(grouped) >= {balikesir.pk, izmir.pk}
    for office in (balikesir, izmir):
        alone = compute(names, office=office, period=Y2025)
        for name in names:
            assert grouped[office.pk][name].as_dict() == alone[name].as_dict(), name
    national = compute(["projects_total", "funds_grant_eur"], period=Y2025)
    assert national["projects_total"].total == 5  # four in Balıkesir, one in İzmir


def test_national_grouping_is_a_few_queries(
    dataset: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(2):
        compute_by_office(["funds_grant_eur"], period=Y2025)
    with django_assert_max_num_queries(25):
        compute(None, period=Y2025)


def test_records_behind_a_bar(dataset: Any, balikesir: Any) -> None:
    p = dataset["projects"]
    approved = records("projects_by_stage", "approved", office=balikesir, period=Y2025)
    assert approved is not None
    assert list(approved.values_list("pk", flat=True)) == [p["approved"].pk]
    everything = records("projects_by_stage", "", office=balikesir, period=Y2025)
    assert everything is not None and everything.count() == 4
    decided = records("application_success_rate", "rejected", office=balikesir, period=Y2025)
    assert decided is not None
    # As the rate counts them: "try", rejected in January and approved in May, is approved.
    assert set(decided.values_list("pk", flat=True)) == {p["rejected"].pk}
    won = records("application_success_rate", "approved", office=balikesir, period=Y2025)
    assert won is not None
    assert set(won.values_list("pk", flat=True)) == {p["approved"].pk, p["try"].pk}
    calls = records("calls_published", "eu", office=balikesir, period=Y2025)
    assert calls is not None and calls.count() == 1
    assert records("alert_subscribers", "", office=balikesir, period=Y2025) is None
    with pytest.raises(indicators.UnknownIndicator):
        records("nope", "", office=balikesir, period=Y2025)


def test_definitions_in_both_languages() -> None:
    for ind in INDICATORS.values():
        texts = ind.texts()
        assert texts["label_tr"] and texts["definition_tr"], ind.name
        assert texts["label_en"] != texts["label_tr"], ind.name
        assert texts["definition_en"] != texts["definition_tr"], ind.name


def test_unknown_indicator_and_registration_rules() -> None:
    with pytest.raises(indicators.UnknownIndicator):
        compute(["nope"], period=Y2025)
    with pytest.raises(ValueError, match="twice"):
        indicators.register(
            source=lambda ctx, wanted: {}, indicators=[INDICATORS["projects_total"]]
        )


def test_data_quality_names_each_record(dataset: Any, balikesir: Any) -> None:
    p = dataset["projects"]
    issues = {i.code: i for i in indicators.data_quality(balikesir)}
    assert issues["funded_without_grant"].ids == [p["no_rate"].pk]
    # The 2024 EUR project has no rate either: its grant cannot be shown in TRY.
    assert issues["amount_without_rate"].ids == sorted([p["no_rate"].pk, p["old"].pk])
    assert issues["funded_without_grant"].message.startswith("1 ")


def test_change() -> None:
    assert indicators.change(150, 100) == 50.0
    assert indicators.change(50, 0) is None
    assert indicators.change(None, 3) is None
    assert dt.date(2025, 1, 1) in (Y2025.start,)
