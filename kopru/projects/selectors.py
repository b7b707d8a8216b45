"""Reads of the project inventory: lists, the data bank's facets, monitoring, statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core import sitesearch
from kopru.core.mywork import LIMIT, WorkItem
from kopru.core.scoping import unscoped_manager
from kopru.core.search import fulltext_filter
from kopru.core.text import sort_key
from kopru.core.vocabularies import (
    PRIORITY_TARGET_GROUPS,
    Sector,
    TargetGroup,
    sector_code,
    target_group_code,
)

from .models import (
    DECIDED_STAGES,
    MONITORED_STAGES,
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    Partner,
    Project,
    ReportDeadline,
    Stage,
    StageChange,
)

FILTER_PARAMS = ("q", "stage", "programme", "sector", "district", "year", "target", "priority")
STALE_DAYS = 90
# Start years a filter accepts (a year outside is refused, never passed to the database).
YEAR_RANGE = (1900, 2100)
MATERIALISE_LIMIT = 20_000


@dataclass
class ProjectFilters:
    q: str = ""
    stage: str = ""
    programme: str = ""
    sector: str = ""
    district: int | None = None
    year: int | None = None
    target: str = ""
    priority: bool = False
    owner_id: int | None = None
    published: str = ""  # "", "1", "0" (staff only)

    @classmethod
    def from_params(cls, params: Any) -> ProjectFilters:
        """From a query; a malformed or out-of-range number is a 400 (``BadRequest``)."""

        def as_int(name: str, low: int, high: int) -> int | None:
            value = str(params.get(name, "") or "").strip()
            if not value:
                return None
            if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
                raise BadRequest(f"{name}: a whole number from {low} to {high}")
            return int(value)

        return cls(
            q=str(params.get("q", "") or "").strip()[:200],
            stage=str(params.get("stage", "") or ""),
            programme=str(params.get("programme", "") or "").strip()[:200],
            sector=sector_code(str(params.get("sector", "") or "")),
            district=as_int("district", 1, 2**63 - 1),
            year=as_int("year", *YEAR_RANGE),
            target=target_group_code(str(params.get("target", "") or "")),
            priority=str(params.get("priority", "")) in ("1", "true", "on"),
            published=str(params.get("published", "") or ""),
        )

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None, False)}


def filter_projects(qs: QuerySet[Project], f: ProjectFilters) -> QuerySet[Project]:
    if f.q:
        qs = fulltext_filter(qs, f.q, expanded=True)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.programme:
        qs = qs.filter(programme=f.programme)
    if f.sector:
        qs = qs.filter(tags__contains=f" s:{f.sector} ")
    if f.target:
        qs = qs.filter(tags__contains=f" t:{f.target} ")
    if f.priority:
        qs = qs.filter(has_priority_group=True)
    if f.district:
        qs = qs.filter(districts__id=f.district)
    if f.year:
        qs = qs.filter(start_date__year=f.year)
    if f.owner_id:
        qs = qs.filter(owner_id=f.owner_id)
    if f.published in ("0", "1"):
        qs = qs.filter(is_published=f.published == "1")
    return qs


#: The columns of the staff and member project lists a user may sort by (kopru.core.lists).
PROJECT_SORTS = {
    "title": ("title_sort",),
    "owner": ("owner__name_sort", "owner_name"),
    "programme": ("programme", "title_sort"),
    "stage": ("stage", "title_sort"),
    "start": ("start_date", "title_sort"),
}


def project_list(
    *, filters: ProjectFilters, owner_id: int | None = None, published_only: bool = False
) -> QuerySet[Project]:
    """Projects visible in the active scope, filtered, in Turkish alphabetical order."""
    qs = Project.objects.all()
    if published_only:
        qs = qs.filter(is_published=True)
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    qs = filter_projects(qs, filters)
    if filters.q:
        # The full-text match is the expensive part: run it once and let the page,
        # the count and every facet reuse the matching ids.
        ids = list(qs.order_by().values_list("pk", flat=True)[: MATERIALISE_LIMIT + 1])
        if len(ids) <= MATERIALISE_LIMIT:
            qs = Project.objects.filter(pk__in=ids)
    return qs.select_related("owner", "office").order_by("title_sort", "id")


@dataclass
class Facet:
    name: str
    label: Any
    options: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, count


def facets(qs: QuerySet[Project]) -> list[Facet]:
    """Counts of the filtered projects by stage, programme, sector, district, year, group."""

    rows = list(qs.order_by().values_list("stage", "programme", "tags", "start_date"))
    stages: Counter[str] = Counter()
    programmes: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    years: Counter[int] = Counter()
    priority = 0
    for stage, programme, tags, start in rows:
        stages[stage] += 1
        if programme:
            programmes[programme] += 1
        has_priority = False
        for tag in tags.split():
            kind, _sep, code = tag.partition(":")
            if kind == "s":
                sectors[code] += 1
            elif kind == "t":
                targets[code] += 1
                has_priority = has_priority or code in PRIORITY_TARGET_GROUPS
        priority += has_priority
        if start:
            years[start.year] += 1
    through = Project.districts.through
    district_rows = (
        through.objects.filter(project_id__in=qs.order_by().values("id"))
        .values("district_id", "district__name", "district__name_sort")
        .annotate(n=Count("id"))
        .order_by("district__name_sort")
    )
    stage_names = dict(Stage.choices)
    sector_names = dict(Sector.choices)
    target_names = dict(TargetGroup.choices)
    return [
        Facet(
            "stage",
            _("Aşama"),
            [(s, str(stage_names[s]), stages[s]) for s in Stage.values if stages[s]],
        ),
        Facet(
            "programme",
            _("Program"),
            [
                (p, p, n)
                for p, n in sorted(programmes.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))
            ][:15],
        ),
        Facet(
            "sector",
            _("Sektör"),
            [(s, str(sector_names.get(s, s)), n) for s, n in sectors.most_common()],
        ),
        Facet(
            "district",
            _("İlçe"),
            [(str(r["district_id"]), r["district__name"], r["n"]) for r in district_rows],
        ),
        Facet(
            "year",
            _("Başlangıç yılı"),
            [(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)],
        ),
        Facet(
            "target",
            _("Hedef grup"),
            [(t, str(target_names.get(t, t)), n) for t, n in targets.most_common()],
        ),
        Facet(
            "priority",
            _("Öncelikli gruplar"),
            [("1", str(_("Öncelikli grup var")), priority)] if priority else [],
        ),
    ]


def district_table(qs: QuerySet[Project]) -> list[dict[str, Any]]:
    """Per district: number of projects, how many are running, and grants (EUR)."""
    through = Project.districts.through
    base = through.objects.filter(project_id__in=qs.order_by().values("id"))
    rows = (
        base.values("district_id", "district__name", "district__name_sort")
        .annotate(
            projects=Count("project_id"),
            running=Count("project_id", filter=Q(project__stage=Stage.IN_IMPLEMENTATION)),
            completed=Count(
                "project_id", filter=Q(project__stage__in=[Stage.COMPLETED, Stage.CLOSED])
            ),
        )
        .order_by("district__name_sort")
    )
    return list(rows)


# --- Monitoring ----------------------------------------------------------------------


OUTER = "rows of the projects of the outer, scoped query"


def _count(subquery: QuerySet[Any]) -> Any:
    return Coalesce(
        Subquery(
            subquery.order_by().values("project").annotate(c=Count("id")).values("c")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def monitoring_list(*, today: dt.date | None = None) -> QuerySet[Project]:
    """Running projects with their risk flags, the riskiest first."""

    today = today or timezone.localdate()
    stale_before = timezone.now() - dt.timedelta(days=STALE_DAYS)
    # Subqueries correlated with the scoped projects of the outer query (OuterRef):
    # they only ever read rows of those projects.
    deadlines = unscoped_manager(ReportDeadline, reason=OUTER)
    overdue = deadlines.filter(project=OuterRef("pk"), received_on__isnull=True, due_date__lt=today)
    behind = (
        unscoped_manager(Activity, reason=OUTER)
        .filter(project=OuterRef("pk"))
        .filter(
            Q(planned_end__lt=today, actual_end__isnull=True)
            | Q(planned_start__lt=today, actual_start__isnull=True)
        )
    )
    off = unscoped_manager(Indicator, reason=OUTER).filter(project=OuterRef("pk"), off_track=True)
    next_due = deadlines.filter(project=OuterRef("pk"), received_on__isnull=True).order_by(
        "due_date"
    )
    one = Value(1)
    zero = Value(0)
    return (
        Project.objects.filter(stage__in=MONITORED_STAGES)
        .annotate(
            overdue_reports=_count(overdue),
            activities_behind=_count(behind),
            indicators_off=Exists(off),
            next_report_due=Subquery(next_due.values("due_date")[:1]),
            is_stale=Case(
                When(Q(last_update_at__lt=stale_before) | Q(last_update_at__isnull=True), then=one),
                default=zero,
                output_field=IntegerField(),
            ),
        )
        .annotate(
            risk_score=Case(When(overdue_reports__gt=0, then=Value(4)), default=zero)
            + Case(When(activities_behind__gt=0, then=Value(2)), default=zero)
            + Case(When(indicators_off=True, then=Value(2)), default=zero)
            + F("is_stale")
        )
        .select_related("owner")
        .order_by("-risk_score", "next_report_due", "title_sort", "id")
    )


def risk_flags(project: Any) -> list[str]:
    """The names of the risk flags of a project annotated by :func:`monitoring_list`."""
    flags = []
    if getattr(project, "overdue_reports", 0):
        flags.append("overdue")
    if getattr(project, "activities_behind", 0):
        flags.append("behind")
    if getattr(project, "indicators_off", False):
        flags.append("off_track")
    if getattr(project, "is_stale", 0):
        flags.append("stale")
    return flags


def project_risk(project: Project, *, today: dt.date | None = None) -> list[str]:
    annotated = monitoring_list(today=today).filter(pk=project.pk).first()
    return risk_flags(annotated) if annotated is not None else []


# --- Cycle statistics -----------------------------------------------------------------


def cycle_statistics(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Average days spent in each stage and the approval rate of decided submissions."""
    now = now or timezone.now()
    changes = StageChange.objects.order_by("project_id", "changed_at", "id").values_list(
        "project_id", "to_stage", "changed_at"
    )
    durations: dict[str, list[float]] = defaultdict(list)
    submitted: set[int] = set()
    approved: set[int] = set()
    rejected: set[int] = set()
    previous: tuple[int, str, dt.datetime] | None = None
    for project_id, stage, when in changes:
        if previous and previous[0] == project_id:
            durations[previous[1]].append((when - previous[2]).total_seconds() / 86400)
        elif previous:
            durations[previous[1]].append((now - previous[2]).total_seconds() / 86400)
        previous = (project_id, stage, when)
        if stage == Stage.SUBMITTED:
            submitted.add(project_id)
        elif stage == Stage.APPROVED:
            approved.add(project_id)
        elif stage == Stage.REJECTED:
            rejected.add(project_id)
    if previous:
        durations[previous[1]].append((now - previous[2]).total_seconds() / 86400)
    decided = (approved | rejected) & submitted
    rate = round(100 * len(approved & submitted) / len(decided), 1) if decided else None
    stage_names = dict(Stage.choices)
    counts = Counter(Project.objects.values_list("stage", flat=True))
    return {
        "stages": [
            {
                "stage": s,
                "label": stage_names[s],
                "current": counts.get(s, 0),
                "average_days": round(sum(durations[s]) / len(durations[s]), 1)
                if durations[s]
                else None,
            }
            for s in Stage.values
        ],
        "submitted": len(submitted),
        "decided": len(decided),
        "approved": len(approved & submitted),
        "approval_rate": rate,
        "decided_stages": DECIDED_STAGES,
    }


# --- one project's page ------------------------------------------------------------


def project_parts(project: Project, *, staff: bool) -> dict[str, Any]:
    """What a project's page lists: partners, logical framework, monitoring (the office's
    monitoring visits only for its ``staff``), the stage history."""
    values = unscoped_manager(IndicatorValue, reason="the values of the indicators read here")
    return {
        "districts": list(project.districts.order_by("name_sort")),
        "partners": list(Partner.objects.filter(project=project)),
        "objectives": list(Objective.objects.filter(project=project)),
        "indicators": list(
            Indicator.objects.filter(project=project).prefetch_related(
                Prefetch("values", queryset=values.order_by("measured_on", "id"))
            )
        ),
        "activities": list(Activity.objects.filter(project=project)),
        "milestones": list(Milestone.objects.filter(project=project)),
        "deadlines": list(ReportDeadline.objects.filter(project=project)),
        "visits": list(MonitoringVisit.objects.filter(project=project).select_related("visitor"))
        if staff
        else [],
        "history": list(StageChange.objects.filter(project=project).select_related("changed_by")),
    }


def project_page() -> QuerySet[Project]:
    return Project.objects.select_related("owner", "office")


def public_project_parts(project: Project) -> dict[str, Any]:
    """What a project's public data-bank page lists with it."""
    return {
        "partners": list(Partner.objects.filter(project=project)),
        "districts": list(project.districts.order_by("name_sort")),
    }


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's projects (:mod:`kopru.core.sitesearch`): the databank's
    own search (``?q=``), titles that match first. Public scope."""
    qs = project_list(filters=ProjectFilters(q=query), published_only=True)
    fields = ("id", "title_tr", "title_en", "summary_tr", "summary_en", "stage", "start_date")
    rows = list(qs.select_related(None).only(*fields)[:100])

    def hit(p: Project) -> sitesearch.Hit:
        url = reverse("public:projects:detail", kwargs={"office_slug": office.slug, "pk": p.pk})
        return sitesearch.hit_of(p, url, when=p.start_date, note=p.get_stage_display())

    return sitesearch.ranked_hits(
        rows,
        query,
        count=qs.count() if len(rows) == 100 else len(rows),
        title=lambda p: f"{p.title_tr} {p.title_en}",
        hit=hit,
        limit=limit,
    )


def work_items(user: Any, office: Any, today: dt.date) -> tuple[list[WorkItem], int]:
    """The panel home's "my work" (:mod:`kopru.core.mywork`): reports not yet received
    that are due within 30 days (or overdue) for the running projects ``user`` entered,
    and the follow-up actions of ``user``'s monitoring visits still open."""
    horizon = today + dt.timedelta(days=30)
    reports = ReportDeadline.objects.filter(
        received_on__isnull=True,
        due_date__lte=horizon,
        project__created_by=user,
        project__stage__in=MONITORED_STAGES,
    )
    visits = MonitoringVisit.objects.filter(
        visitor=user, follow_up_done=False, follow_up_due__isnull=False
    )
    report_rows = list(
        reports.select_related("project")
        .only("id", "title", "due_date", "project__id", "project__title_tr", "project__title_en")
        .order_by("due_date", "id")[:LIMIT]
    )
    visit_rows = list(
        visits.select_related("project")
        .only("id", "follow_up_due", "project__id", "project__title_tr", "project__title_en")
        .order_by("follow_up_due", "id")[:LIMIT]
    )
    total = (len(report_rows) if len(report_rows) < LIMIT else reports.count()) + (
        len(visit_rows) if len(visit_rows) < LIMIT else visits.count()
    )

    def url(project: Project) -> str:
        return reverse(
            "panel:projects:detail", kwargs={"office_slug": office.slug, "pk": project.pk}
        )

    items = [
        WorkItem(
            title=f"{r.project.title_tr or r.project.title_en}: {r.title}",
            url=url(r.project),
            due=r.due_date,
            note=str(_("rapor teslimi")),
        )
        for r in report_rows
    ] + [
        WorkItem(
            title=v.project.title_tr or v.project.title_en,
            url=url(v.project),
            due=v.follow_up_due,
            note=str(_("izleme ziyareti eylemleri")),
        )
        for v in visit_rows
    ]
    return sorted(items, key=lambda i: i.due or today), total
