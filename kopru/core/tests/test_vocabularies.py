"""The shared vocabulary: one list of sectors and target groups for every app."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.http import QueryDict

from kopru.calls.models import CallFacet, CallFacetTerm, SavedSearch
from kopru.calls.selectors import SearchParams, catalogue_page
from kopru.calls.tests.factories import PublishedCallFactory, SavedSearchFactory
from kopru.core.scoping import office_scope, public_scope, unscoped
from kopru.core.vocabularies import (
    PRIORITY_TARGET_GROUPS,
    SECTOR_ALIASES,
    TARGET_GROUP_ALIASES,
    Sector,
    TargetGroup,
    sector_code,
    target_group_code,
)
from kopru.projects.models import Project
from kopru.projects.selectors import ProjectFilters, project_list
from kopru.projects.tests.factories import ProjectFactory


def test_calls_and_projects_use_the_same_lists() -> None:
    from kopru.calls import models as calls_models
    from kopru.projects import models as projects_models

    assert calls_models.Sector is projects_models.Sector is Sector
    assert calls_models.TargetGroup is projects_models.TargetGroup is TargetGroup
    assert {
        "disadvantaged",
        "youth",
        "young_entrepreneurs",
        "youth_workers",
    } == PRIORITY_TARGET_GROUPS


def test_every_alias_points_at_a_current_code_and_none_shadows_one() -> None:
    assert set(SECTOR_ALIASES.values()) <= set(Sector.values)
    assert set(TARGET_GROUP_ALIASES.values()) <= set(TargetGroup.values)
    assert not set(SECTOR_ALIASES) & set(Sector.values)
    assert not set(TARGET_GROUP_ALIASES) & set(TargetGroup.values)


@pytest.mark.parametrize(
    ("value", "code"),
    [("mobility", "transport"), ("economy", "industry"), ("Kültür ve turizm", "culture")],
)
def test_former_sector_codes_and_labels_are_read(value: str, code: str) -> None:
    assert sector_code(value) == code


def test_former_target_groups_are_read_and_unknown_values_kept() -> None:
    assert target_group_code("refugees") == "migrants"
    assert target_group_code("smes") == "entrepreneurs"
    assert target_group_code("youth") == "youth"
    assert target_group_code("no_such_group") == "no_such_group"


def test_a_catalogue_link_with_a_former_code_still_filters(izmir: Any) -> None:
    transport = PublishedCallFactory(office=izmir, sectors=["transport"])
    PublishedCallFactory(office=izmir, sectors=["energy"])
    params = SearchParams.from_query(QueryDict("sector=mobility"))
    assert params.filters["sector"] == ["transport"]
    with public_scope(None):
        page = catalogue_page(izmir, params)
    assert [c.pk for c in page.page] == [transport.pk]


def test_a_project_filter_with_a_former_code_still_filters(balikesir: Any) -> None:
    with office_scope(balikesir):
        industry = ProjectFactory(
            office=balikesir, sectors=["industry"], target_groups=["migrants"]
        )
        ProjectFactory(office=balikesir, sectors=["energy"], target_groups=["youth"])
        by_sector = project_list(filters=ProjectFilters.from_params({"sector": "economy"}))
        by_group = project_list(filters=ProjectFilters.from_params({"target": "refugees"}))
        assert list(by_sector) == [industry]
        assert list(by_group) == [industry]


# -- the data migrations ---------------------------------------------------------------


def _migration(app: str, name: str) -> Any:
    return importlib.import_module(f"kopru.{app}.migrations.{name}")


def test_calls_migration_rewrites_calls_facets_and_saved_searches(izmir: Any) -> None:
    old = PublishedCallFactory(office=izmir, sectors=["mobility", "energy"])
    both = PublishedCallFactory(office=izmir, sectors=["mobility", "transport"])
    untouched = PublishedCallFactory(office=izmir, sectors=["energy"])
    saved = SavedSearchFactory(office=izmir, params={"q": "bus", "sector": ["mobility"]})
    single = SavedSearchFactory(office=izmir, params={"sector": "mobility"})
    assert CallFacetTerm.objects.filter(facet="sector", value="mobility").exists()

    _migration("calls", "0007_shared_vocabulary").forward(django_apps, None)

    with unscoped("test reads what the migration wrote"):
        old.refresh_from_db()
        both.refresh_from_db()
        untouched.refresh_from_db()
        assert old.sectors == ["transport", "energy"]
        assert both.sectors == ["transport"]
        assert untouched.sectors == ["energy"]
        assert not CallFacetTerm.objects.filter(facet="sector", value="mobility").exists()
        transport = CallFacetTerm.objects.get(facet="sector", value="transport")
        rows = CallFacet.objects.filter(term=transport).values_list("call_id", flat=True)
        assert sorted(rows) == sorted([old.pk, both.pk])
        assert SavedSearch.objects.get(pk=saved.pk).params == {"q": "bus", "sector": ["transport"]}
        assert SavedSearch.objects.get(pk=single.pk).params == {"sector": ["transport"]}
    with public_scope(None):
        page = catalogue_page(izmir, SearchParams.from_query(QueryDict("sector=transport")))
    assert {c.pk for c in page.page} == {old.pk, both.pk}


def test_projects_migration_renames_codes_adds_tourism_and_rebuilds_tags(balikesir: Any) -> None:
    with office_scope(balikesir):
        firm = ProjectFactory(office=balikesir, sectors=["economy"], target_groups=["smes"])
        route = ProjectFactory(
            office=balikesir,
            title_tr="Kazdağları Doğa Turizmi Rotaları",
            sectors=["culture"],
            target_groups=["refugees", "youth"],
        )
        museum = ProjectFactory(
            office=balikesir, title_tr="Kent müzesi", summary_tr="", sectors=["culture"]
        )
    _migration("projects", "0003_shared_vocabulary").forward(django_apps, None)
    with unscoped("test reads what the migration wrote"):
        firm, route, museum = (Project.objects.get(pk=p.pk) for p in (firm, route, museum))
    assert (firm.sectors, firm.target_groups) == (["industry"], ["entrepreneurs"])
    assert firm.tags == " s:industry t:entrepreneurs "
    assert route.sectors == ["culture", "tourism"]
    assert route.target_groups == ["migrants", "youth"]
    assert museum.sectors == ["culture"]
    with office_scope(balikesir):
        found = project_list(filters=ProjectFilters.from_params({"sector": "tourism"}))
        assert list(found) == [route]
