"""Reads of the guidance desk: case lists, one case, the desk overview, private links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from kopru.core.search import fulltext_filter

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


def case_detail(pk: int) -> Case | None:
    return (
        Case.objects.select_related(
            "office",
            "office__province",
            "assigned_to",
            "organisation",
            "call",
            "project",
            "created_by",
            "requester_user",
        )
        .filter(pk=pk)
        .first()
    )


def case_timeline(case: Case, *, public_only: bool = False) -> list[CaseEntry]:
    entries = CaseEntry._base_manager.filter(case=case).select_related("author")
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
    case = (
        Case._base_manager.select_related("office", "assigned_to", "call")
        .filter(pk=case_id, office=office, link_version=version, erased_at__isnull=True)
        .first()
    )
    return case


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


def percentiles(
    qs: QuerySet[Case], value: str, partition: str | None = None
) -> dict[Any, Percentiles]:
    """Median and 90th percentile (nearest rank) of ``value`` seconds, in hours.

    One query: each row is numbered within its partition by window functions, and
    only the rows at the two ranks come back (SQLite and PostgreSQL alike).
    """
    parts = [F(partition)] if partition else []
    ranked = (
        qs.filter(**{f"{value}__isnull": False})
        .annotate(
            _rank=Window(RowNumber(), partition_by=parts, order_by=[F(value).asc(), F("id").asc()]),
            _n=Window(Count("id"), partition_by=parts),
        )
        .filter(Q(_rank=(F("_n") + 1) / 2) | Q(_rank=(F("_n") * 9 + 9) / 10))
        .values_list(partition or "office_id", "_rank", "_n", value)
    )
    out: dict[Any, Percentiles] = {}
    for key, rank, n, seconds in ranked:
        row = out.setdefault(key if partition else None, Percentiles(count=n))
        hours = round(seconds / 3600, 1)
        if rank == (n + 1) // 2:
            row.median = hours
        if rank == (9 * n + 9) // 10:
            row.p90 = hours
    return out


def desk_overview(*, today: dt.date | None = None, months: int = 12) -> DeskOverview:
    """What the coordinator sees of the desk: workload, overdue follow-ups, response times."""
    from kopru.accounts.models import User

    today = today or timezone.localdate()
    since = _months_back(today, months)
    cases = Case.objects.all()
    open_cases = cases.filter(status__in=OPEN_STATUSES)

    per_expert = {
        row["assigned_to"]: row
        for row in open_cases.values("assigned_to").annotate(
            n=Count("id"),
            waiting=Count("id", filter=Q(status=Status.WAITING)),
            overdue=Count("id", filter=Q(follow_up_on__lt=today)),
        )
    }
    window = cases.filter(opened_month__gte=since)
    expert_answer = percentiles(window, "first_response_seconds", "assigned_to")
    ids = [k for k in per_expert if k is not None] + [k for k in expert_answer if k is not None]
    users = {
        u.pk: u
        for u in User.objects.filter(pk__in=set(ids)).only(
            "id", "first_name", "last_name", "username"
        )
    }
    experts: list[ExpertRow] = []
    for uid in sorted(set(ids), key=lambda i: -per_expert.get(i, {}).get("n", 0)):
        user = users.get(uid)
        row = per_expert.get(uid, {})
        experts.append(
            ExpertRow(
                user_id=uid,
                name=(user.get_full_name() or user.username) if user else "?",
                open=row.get("n", 0),
                waiting=row.get("waiting", 0),
                overdue=row.get("overdue", 0),
                first_answer=expert_answer.get(uid, Percentiles()),
            )
        )
    unassigned = per_expert.get(None, {}).get("n", 0)

    overdue_qs = open_cases.filter(follow_up_on__lt=today)
    overdue = list(
        overdue_qs.select_related("assigned_to")
        .only(*LIST_FIELDS)
        .order_by("follow_up_on", "id")[:25]
    )

    opened = dict(
        window.values_list("opened_month").annotate(n=Count("id")).values_list("opened_month", "n")
    )
    answer = percentiles(window, "first_response_seconds", "opened_month")
    closing = percentiles(window, "resolution_seconds", "opened_month")
    month_rows = []
    month = since
    while month <= today:
        month_rows.append(
            MonthRow(
                month=month,
                opened=opened.get(month, 0),
                first_answer=answer.get(month, Percentiles()),
                closing=closing.get(month, Percentiles()),
            )
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)

    channel_labels = dict(Channel.choices)
    by_channel = sorted(
        (
            (c, str(channel_labels.get(c, c)), n)
            for c, n in window.values_list("channel").annotate(n=Count("id"))
        ),
        key=lambda t: -t[2],
    )
    topic_labels = dict(Topic.choices)
    by_topic = sorted(
        (
            (t, str(topic_labels.get(t, t)), n)
            for t, n in window.values_list("topic").annotate(n=Count("id"))
        ),
        key=lambda t: -t[2],
    )
    total_answer = percentiles(window, "first_response_seconds").get(None, Percentiles())
    total_closing = percentiles(window, "resolution_seconds").get(None, Percentiles())
    return DeskOverview(
        since=since,
        today=today,
        open_total=sum(r["n"] for r in per_expert.values()),
        unassigned=unassigned,
        overdue_total=sum(r["overdue"] for r in per_expert.values()),
        experts=experts,
        overdue=overdue,
        months=month_rows,
        by_channel=by_channel,
        by_topic=by_topic,
        first_answer=total_answer,
        closing=total_closing,
    )


def assignable_staff(office: Any) -> list[Any]:
    from kopru.accounts.models import STAFF_ROLES, User
    from kopru.core.text import sorted_turkish

    users = User.objects.filter(office=office, role__in=STAFF_ROLES, is_active=True)
    return sorted_turkish(users, key=lambda u: u.get_full_name() or u.username)
