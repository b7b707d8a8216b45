"""Factories of the project inventory (office-owned: pass ``office=``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from kopru.core.tests.factories import KopruFactory, OfficeFactory, OrganisationFactory
from kopru.projects.models import (
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    ObjectiveLevel,
    Partner,
    PartnerRole,
    Project,
    ReportDeadline,
    Stage,
    StageChange,
)


class ProjectFactory(KopruFactory):
    class Meta:
        model = Project

    office = factory.SubFactory(OfficeFactory)
    owner = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    title_tr = factory.Sequence(lambda n: f"Gençlik ve istihdam projesi {n}")
    title_en = factory.Sequence(lambda n: f"Youth and employment project {n}")
    summary_tr = "Gençlerin istihdam edilebilirliğini artırmak."
    programme = "Erasmus+"
    stage = Stage.IN_IMPLEMENTATION
    start_date = dt.date(2025, 1, 1)
    end_date = dt.date(2026, 12, 31)
    currency = "EUR"
    total_cost = Decimal("100000")
    grant_amount = Decimal("80000")
    sectors = factory.LazyFunction(lambda: ["youth"])
    target_groups = factory.LazyFunction(lambda: ["youth"])
    is_published = True


class ProjectChildFactory(KopruFactory):
    class Meta:
        abstract = True

    project = factory.SubFactory(ProjectFactory)
    office = factory.SelfAttribute("project.office")

    @classmethod
    def _generate(cls, strategy: Any, params: dict[str, Any]) -> Any:
        # ``Factory(office=izmir)`` builds the project in that office.
        if params.get("office") is not None and "project" not in params:
            params["project"] = ProjectFactory(office=params["office"])
        return super()._generate(strategy, params)


class StageChangeFactory(ProjectChildFactory):
    class Meta:
        model = StageChange

    to_stage = Stage.IN_IMPLEMENTATION
    changed_at = factory.LazyFunction(lambda: dt.datetime(2025, 1, 1, tzinfo=dt.UTC))


class PartnerFactory(ProjectChildFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    country = "DE"
    role = PartnerRole.PARTNER


class ObjectiveFactory(ProjectChildFactory):
    class Meta:
        model = Objective

    level = ObjectiveLevel.SPECIFIC
    text_tr = "Gençlerin dijital becerilerini geliştirmek."


class IndicatorFactory(ProjectChildFactory):
    class Meta:
        model = Indicator

    name = "Eğitim alan genç sayısı"
    unit = "kişi"
    baseline = Decimal("0")
    target = Decimal("100")


class IndicatorValueFactory(ProjectChildFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory, project=factory.SelfAttribute("..project"))
    measured_on = dt.date(2025, 6, 1)
    value = Decimal("20")


class ActivityFactory(ProjectChildFactory):
    class Meta:
        model = Activity

    title = "Eğitim programı"
    planned_start = dt.date(2025, 2, 1)
    planned_end = dt.date(2025, 5, 1)


class MilestoneFactory(ProjectChildFactory):
    class Meta:
        model = Milestone

    title = "Açılış toplantısı"
    due_date = dt.date(2025, 3, 1)


class ReportDeadlineFactory(ProjectChildFactory):
    class Meta:
        model = ReportDeadline

    title = "Ara rapor"
    due_date = dt.date(2025, 7, 1)


class MonitoringVisitFactory(ProjectChildFactory):
    class Meta:
        model = MonitoringVisit

    visited_on = dt.date(2025, 4, 1)
    findings = "Faaliyetler planlandığı gibi yürüyor."
