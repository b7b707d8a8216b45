"""Reads of the guidance desk: case lists, one case, the desk overview, private links."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.accounts.models import STAFF_ROLES, User
from kopru.calls.models import Call
from kopru.core.mywork import LIMIT, WorkItem
from kopru.core.scoping import unscoped_manager
from kopru.core.search import fulltext_filter
from kopru.core.text import sorted_turkish
from kopru.organisations.selectors import organisation_list
from kopru.projects.models import Project

from .models import OPEN_STATUSES, PUBLIC_KINDS, Case, CaseEntry, Channel, Status, Topic
from .tokens import read_case_token

LIST_FIELDS = (
    "id",
    "reference",
    "channel",
    "topic",
    "subject",
    "status",
    "requester_name",
    "requester_organisation_name",
    "organisation_id",
    "organisation__name",
    "assigned_to_id",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__username",
    "opened_at",
    "follow_up_on",
    "first_response_at",
    "version",
    "office_id",
)


#: The columns of the desk's case list a user may sort by (kopru.core.lists).
CASE_SORTS = {
    "reference": ("opened_at",),
    "subject": ("subject",),
    "channel": ("channel", "topic", "opened_at"),
    "opened": ("opened_at",),
    "status": ("status", "opened_at"),
    "expert": ("assigned_to__first_name", "assigned_to__last_name", "opened_at"),
}


def case_list(
    *,
    q: str = "",
    status: str = "",
    assigned_to: int | str | None = None,
    channel: str = "",
    topic: str = "",
    overdue: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Case]:
    """Cases of the active scope, newest first, with what a list row shows.

    ``status``: a status, ``"open"`` (every status but closed) or ``""`` (all).
    ``assigned_to``: a user id, or ``"none"`` for cases nobody has yet.
    """
    qs = Case.objects.select_related("assigned_to", "organisation").only(*LIST_FIELDS)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if assigned_to == "none":
        qs = qs.filter(assigned_to__isnull=True)
    elif isinstance(assigned_to, int):
        qs = qs.filter(assigned_to_id=assigned_to)
    if channel in Channel.values:
        qs = qs.filter(channel=channel)
    if topic in Topic.values:
        qs = qs.filter(topic=topic)
    if overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, follow_up_on__lt=today or timezone.localdate())
    qs = fulltext_filter(qs, q)
    return qs.order_by("-opened_at", "-id")


def cases_for_detail() -> QuerySet[Case]:
    """Cases of the scope with everything a case's page shows."""
    return Case.objects.select_related(
        "office",
        "office__province",
        "assigned_to",
        "organisation",
        "call",
        "project",
        "created_by",
        "requester_user",
    )


def case_detail(pk: int) -> Case | None:
    return cases_for_detail().filter(pk=pk).first()


def case_timeline(case: Case, *, public_only: bool = False) -> list[CaseEntry]:
    entries = (
        unscoped_manager(CaseEntry, reason="the timeline of the case given")
        .filter(case=case)
        .select_related("author")
    )
    if public_only:
        entries = entries.filter(kind__in=PUBLIC_KINDS)
    return list(entries.order_by("created_at", "id"))


def case_for_token(office: Any, token: str) -> Case | None:
    """The case a private link names, if the link is still valid.

    The signed token is what authorises the requester, so the case is read through
    the base manager, restricted to the office of the URL.
    """
    found = read_case_token(token)
    if found is None:
        return None
    case_id, version = found
    return (
        unscoped_manager(Case, reason="a signed private link names this case")
        .select_related("office", "assigned_to", "call")
        .filter(pk=case_id, office=office, link_version=version, erased_at__isnull=True)
        .first()
    )


def call_asked_about(raw: str) -> Call | None:
    """The call a visitor asks about (``?cagri=<id>``), when the scope's catalogue has it."""
    if not raw.isdigit():
        return None
    return Call.objects.filter(pk=int(raw)).first()


LOOKUP_LIMIT = 20


def lookup(kind: str, q: str) -> list[Any]:
    """Records of the scope matching ``q`` for a case form's search boxes: ``kurum``
    (organisations), ``cagri`` (calls) or ``proje`` (projects)."""
    if not q:
        return []
    if kind == "kurum":
        return list(organisation_list(q=q)[:LOOKUP_LIMIT])
    model: Any = Call if kind == "cagri" else Project
    return list(fulltext_filter(model.objects.all(), q).order_by("-id")[:LOOKUP_LIMIT])


def member_cases(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(requester_user=user).order_by("-opened_at")


# --- the desk overview ---------------------------------------------------------------


@dataclass
class Percentiles:
    count: int = 0
    median: float | None = None  # hours
    p90: float | None = None  # hours


@dataclass
class MonthRow:
    month: dt.date
    opened: int = 0
    first_answer: Percentiles = field(default_factory=Percentiles)
    closing: Percentiles = field(default_factory=Percentiles)


@dataclass
class ExpertRow:
    user_id: int | None
    name: str
    open: int = 0
    waiting: int = 0
    overdue: int = 0
    first_answer: Percentiles = field(default_factory=Percentiles)


@dataclass
class DeskOverview:
    since: dt.date
    today: dt.date
    open_total: int
    unassigned: int
    overdue_total: int
    experts: list[ExpertRow]
    overdue: list[Case]
    months: list[MonthRow]
    by_channel: list[tuple[str, str, int]]
    by_topic: list[tuple[str, str, int]]
    first_answer: Percentiles
    closing: Percentiles


def _months_back(today: dt.date, months: int) -> dt.date:
    year, month = today.year, today.month - (months - 1)
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def nearest_rank(values: list[int]) -> Percentiles:
    """Median and 90th percentile (nearest rank) of durations in seconds, in hours."""
    if not values:
        return Percentiles()
    ordered = sorted(values)
    n = len(ordered)
    return Percentiles(
        count=n,
        median=round(ordered[(n + 1) // 2 - 1] / 3600, 1),
        p90=round(ordered[(9 * n + 9) // 10 - 1] / 3600, 1),
    )


def desk_overview(*, today: dt.date | None = None, months: int = 12) -> DeskOverview:
    """What the coordinator sees of the desk: workload, overdue follow-ups, response times.

    Two aggregate queries and one fetch of the window's few columns: the medians and
    percentiles per month, per expert and overall are computed from that one fetch,
    which SQLite does faster than a window-function query per figure.
    """

    today = today or timezone.localdate()
    since = _months_back(today, months)
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)

    # Grouped by status first, so that the (office, status, assigned_to, follow_up_on)
    # index answers it alone.
    per_expert: dict[int | None, dict[str, int]] = {}
    for row in open_cases.values("status", "assigned_to").annotate(
        n=Count("id"), overdue=Count("id", filter=Q(follow_up_on__lt=today))
    ):
        counts = per_expert.setdefault(row["assigned_to"], {"n": 0, "waiting": 0, "overdue": 0})
        counts["n"] += row["n"]
        counts["overdue"] += row["overdue"]
        if row["status"] == Status.WAITING:
            counts["waiting"] += row["n"]
    window = Case.objects.filter(opened_month__gte=since).order_by()
    # The month as text ("2026-11-01") on both databases: no date conversion per row.
    rows = window.annotate(month=Cast("opened_month", CharField(max_length=10))).values_list(
        "month",
        "assigned_to_id",
        "channel",
        "topic",
        "first_response_seconds",
        "resolution_seconds",
    )
    opened: dict[str, int] = defaultdict(int)
    answer_by_month: dict[str, list[int]] = defaultdict(list)
    closing_by_month: dict[str, list[int]] = defaultdict(list)
    answer_by_expert: dict[int | None, list[int]] = defaultdict(list)
    channels: dict[str, int] = defaultdict(int)
    topics: dict[str, int] = defaultdict(int)
    answers: list[int] = []
    closings: list[int] = []
    for month, expert_id, channel, topic, answer, closing in rows:
        opened[month] += 1
        channels[channel] += 1
        topics[topic] += 1
        if answer is not None:
            answer_by_month[month].append(answer)
            answer_by_expert[expert_id].append(answer)
            answers.append(answer)
        if closing is not None:
            closing_by_month[month].append(closing)
            closings.append(closing)

    ids = {k for k in per_expert if k is not None} | {k for k in answer_by_expert if k is not None}
    users = {
        u.pk: u
        for u in User.objects.filter(pk__in=ids).only("id", "first_name", "last_name", "username")
    }
    experts = [
        ExpertRow(
            user_id=uid,
            name=(users[uid].get_full_name() or users[uid].username) if uid in users else "?",
            open=per_expert.get(uid, {}).get("n", 0),
            waiting=per_expert.get(uid, {}).get("waiting", 0),
            overdue=per_expert.get(uid, {}).get("overdue", 0),
            first_answer=nearest_rank(answer_by_expert.get(uid, [])),
        )
        for uid in sorted(ids, key=lambda i: (-per_expert.get(i, {}).get("n", 0), i))
    ]
    overdue = list(
        open_cases.filter(follow_up_on__lt=today)
        .select_related("assigned_to")
        .only(*LIST_FIELDS)
        .order_by("follow_up_on", "id")[:25]
    )
    month_rows = []
    month = since
    while month <= today:
        key = month.isoformat()
        month_rows.append(
            MonthRow(
                month=month,
                opened=opened.get(key, 0),
                first_answer=nearest_rank(answer_by_month.get(key, [])),
                closing=nearest_rank(closing_by_month.get(key, [])),
            )
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)

    def ranked(counts: dict[str, int], labels: dict[str, Any]) -> list[tuple[str, str, int]]:
        return sorted(
            ((code, str(labels.get(code, code)), n) for code, n in counts.items()),
            key=lambda t: (-t[2], t[1]),
        )

    return DeskOverview(
        since=since,
        today=today,
        open_total=sum(r["n"] for r in per_expert.values()),
        unassigned=per_expert.get(None, {}).get("n", 0),
        overdue_total=sum(r["overdue"] for r in per_expert.values()),
        experts=experts,
        overdue=overdue,
        months=month_rows,
        by_channel=ranked(channels, dict(Channel.choices)),
        by_topic=ranked(topics, dict(Topic.choices)),
        first_answer=nearest_rank(answers),
        closing=nearest_rank(closings),
    )


def assignable_staff(office: Any) -> list[Any]:
    users = User.objects.filter(office=office, role__in=STAFF_ROLES, is_active=True)
    return sorted_turkish(users, key=lambda u: u.get_full_name() or u.username)


def work_items(user: Any, office: Any, today: dt.date) -> tuple[list[WorkItem], int]:
    """The panel home's "my work" (:mod:`kopru.core.mywork`): the open cases assigned to
    ``user``, the follow-ups due first (overdue ones flagged)."""
    qs = Case.objects.filter(office=office, assigned_to=user).exclude(status=Status.CLOSED)
    rows = list(
        qs.only("id", "reference", "subject", "follow_up_on", "status").order_by(
            F("follow_up_on").asc(nulls_last=True), "id"
        )[:LIMIT]
    )
    total = len(rows) if len(rows) < LIMIT else qs.count()
    slug = office.slug
    items = [
        WorkItem(
            title=f"{c.reference} · {c.subject}",
            url=reverse("panel:guidance:detail", kwargs={"office_slug": slug, "pk": c.pk}),
            due=c.follow_up_on,
            note=str(_("takip")) if c.follow_up_on else c.get_status_display(),
        )
        for c in rows
    ]
    return items, total
