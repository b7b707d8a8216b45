"""The project cycle: allowed transitions, dated attributed history, statistics."""

from __future__ import annotations

import datetime as dt

import pytest

from kopru.core.errors import ApplicationError, ConcurrentEditError
from kopru.core.scoping import office_scope
from kopru.projects import selectors, services
from kopru.projects.models import Project, Stage, StageChange
from kopru.projects.permissions import allowed_transitions

pytestmark = pytest.mark.django_db


def _new(office, actor, **extra):
    with office_scope(office):
        return services.project_create(
            office=office,
            data={"title_tr": "Deneme projesi", "owner_name": "Deneme Derneği", **extra},
            actor=actor,
        )


def test_create_records_the_first_stage(balikesir, balikesir_expert) -> None:
    project = _new(balikesir, balikesir_expert)
    with office_scope(balikesir):
        history = list(StageChange.objects.filter(project=project))
    assert project.stage == Stage.IDEA
    assert [(h.from_stage, h.to_stage, h.changed_by) for h in history] == [
        ("", Stage.IDEA, balikesir_expert)
    ]


def test_sensible_transitions_only(balikesir, balikesir_expert) -> None:
    project = _new(balikesir, balikesir_expert)
    with office_scope(balikesir):
        with pytest.raises(ApplicationError):
            services.project_transition(
                project=project, to_stage=Stage.APPROVED, actor=balikesir_expert
            )
        for stage in (Stage.IN_PREPARATION, Stage.SUBMITTED, Stage.APPROVED):
            project = services.project_transition(
                project=project, to_stage=stage, actor=balikesir_expert, note="ok"
            )
        history = list(
            StageChange.objects.filter(project=project).values_list("to_stage", flat=True)
        )
    assert project.stage == Stage.APPROVED
    assert history == ["idea", "in_preparation", "submitted", "approved"]


def test_member_may_not_approve_their_own_project(balikesir, balikesir_member) -> None:
    project = _new(balikesir, balikesir_member, owner=balikesir_member.organisation)
    project.stage = Stage.SUBMITTED
    assert allowed_transitions(balikesir_member, project) == (Stage.WITHDRAWN,)
    with office_scope(balikesir), pytest.raises(ApplicationError):
        services.project_transition(
            project=project,
            to_stage=Stage.APPROVED,
            actor=balikesir_member,
            allowed=allowed_transitions(balikesir_member, project),
        )


def test_stale_save_is_refused(balikesir, balikesir_expert, balikesir_coordinator) -> None:
    project = _new(balikesir, balikesir_expert)
    with office_scope(balikesir):
        services.project_update(
            project=Project.objects.get(pk=project.pk),
            data={"title_tr": "Birinci"},
            actor=balikesir_expert,
            expected_version=1,
        )
        with pytest.raises(ConcurrentEditError):
            services.project_update(
                project=Project.objects.get(pk=project.pk),
                data={"title_tr": "İkinci"},
                actor=balikesir_coordinator,
                expected_version=1,
            )
        assert Project.objects.get(pk=project.pk).title_tr == "Birinci"


def test_time_in_stage_and_approval_rate(balikesir, balikesir_expert) -> None:
    t0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    outcomes = [Stage.APPROVED, Stage.APPROVED, Stage.APPROVED, Stage.REJECTED]
    with office_scope(balikesir):
        for outcome in outcomes:
            p = _new(balikesir, balikesir_expert)
            StageChange.objects.filter(project=p).update(changed_at=t0)
            for i, stage in enumerate((Stage.IN_PREPARATION, Stage.SUBMITTED, outcome), 1):
                p = services.project_transition(
                    project=p,
                    to_stage=stage,
                    actor=balikesir_expert,
                    when=t0 + dt.timedelta(days=10 * i),
                )
        stats = selectors.cycle_statistics(now=t0 + dt.timedelta(days=40))
    by_stage = {s["stage"]: s for s in stats["stages"]}
    assert stats["approval_rate"] == 75.0
    assert stats["submitted"] == 4 and stats["decided"] == 4
    assert by_stage["submitted"]["average_days"] == 10.0
    assert by_stage["idea"]["average_days"] == 10.0
    assert by_stage["approved"]["current"] == 3
