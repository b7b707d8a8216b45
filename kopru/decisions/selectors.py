"""Reads of the decisions register: the public accountability page, the panel and kurum
lists, a decision's page with its milestones, links and history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kopru.boards.models import Body, Meeting
from kopru.core import sitesearch
from kopru.core.mywork import LIMIT, WorkItem
from kopru.core.scoping import unscoped_manager
from kopru.core.text import sort_key
from kopru.core.vocabularies import Sector

from .models import OPEN_STATUSES, Decision, DecisionLink, Milestone, State, Update, state_q


def _id(params: Any, name: str) -> int | None:
    value = str(params.get(name, "") or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise BadRequest(f"{name}: not a record id")
    return int(value)


@dataclass(frozen=True)
class DecisionFilters:
    """The list's filters from the query string; a malformed id is a 400."""

    body: int | None = None
    theme: str = ""
    district: int | None = None
    owner: int | None = None
    state: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params: Any) -> DecisionFilters:
        theme = str(params.get("tema", "") or "")
        state = str(params.get("durum", "") or "")
        return cls(
            body=_id(params, "kurul"),
            theme=theme if theme in Sector.values else "",
            district=_id(params, "ilce"),
            owner=_id(params, "sorumlu"),
            state=state if state in State.values else "",
            q=str(params.get("q", "") or "").strip()[:200],
        )

    @property
    def active(self) -> bool:
        return bool(self.body or self.theme or self.district or self.owner or self.state or self.q)

    def apply(self, qs: QuerySet[Decision]) -> QuerySet[Decision]:
        if self.body:
            qs = qs.filter(body_id=self.body)
        if self.theme:
            qs = qs.filter(theme=self.theme)
        if self.district:
            qs = qs.filter(district_id=self.district)
        if self.owner:
            qs = qs.filter(owner_id=self.owner)
        if self.state:
            qs = qs.filter(state_q(self.state))
        if self.q:
            qs = qs.filter(
                Q(title_tr__icontains=self.q)
                | Q(title_en__icontains=self.q)
                | Q(reference__icontains=self.q)
            )
        return qs


def _listed(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return qs.select_related("owner", "district", "office", "body", "meeting")


# What a row of the accountability page shows (a narrow SELECT: the page is the busiest
# of the register, and every selected column costs the ORM time on each row).
PUBLIC_ROW = (
    "office_id",
    "reference",
    "title_tr",
    "title_en",
    "theme",
    "due_date",
    "status",
    "progress",
    "is_public",
    "owner__name",
    "district__name",
)


def public_decisions(f: DecisionFilters) -> QuerySet[Decision]:
    """The scope's public decisions (the accountability page), soonest due first."""
    qs = Decision.objects.filter(Decision.public_q()).select_related("owner", "district")
    return f.apply(qs.only(*PUBLIC_ROW)).order_by("due_date", "id")


PANEL_SORTS = {
    "due": ("due_date", "title_sort"),
    "title": ("title_sort",),
    "owner": ("owner__name_sort", "due_date"),
    "status": ("status", "due_date"),
    "progress": ("progress", "due_date"),
}


def managed_decisions(f: DecisionFilters, *, owner_id: int | None = None) -> QuerySet[Decision]:
    qs = _listed(Decision.objects.all())
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    return f.apply(qs).order_by("due_date", "id")


def state_counts(qs: QuerySet[Decision]) -> dict[str, int]:
    """How many decisions of ``qs`` are in each state today (one query)."""
    today = timezone.localdate()
    row = qs.aggregate(
        **{state: Count("id", filter=state_q(state, today)) for state in State.values}
    )
    return {state: row[state] or 0 for state in State.values}


def filter_options(qs: QuerySet[Decision]) -> dict[str, Any]:
    """The owners, districts, themes and bodies the decisions of ``qs`` name (for the
    filters): one pass over the distinct combinations, then the bodies through the scope."""
    rows = (
        qs.order_by()
        .values_list("owner_id", "owner__name", "owner__name_sort", "district_id", "district__name")
        .distinct()
    )
    owners: dict[int, tuple[str, str]] = {}
    districts: dict[int, str] = {}
    for owner_id, owner, owner_sort, district_id, district in rows:
        owners[owner_id] = (owner_sort, owner)
        if district_id is not None:
            districts[district_id] = district
    used = set(qs.order_by().values_list("theme", "body_id").distinct())
    themes = {theme for theme, _body in used if theme}
    body_ids = {body for _theme, body in used if body is not None}
    # Read through the scope: a public page names only the public bodies.
    bodies = Body.objects.filter(pk__in=body_ids).order_by("name_sort").only("name_tr", "name_en")
    return {
        "owners": [(pk, name) for pk, (_sort, name) in sorted(owners.items(), key=lambda o: o[1])],
        "districts": sorted(districts.items(), key=lambda d: sort_key(d[1])),
        "themes": [(value, label) for value, label in Sector.choices if value in themes],
        "bodies": [(b.pk, b.name) for b in bodies],
    }


def milestones_of(decision: Decision) -> list[Milestone]:
    return list(
        unscoped_manager(Milestone, reason="the milestones of the decision given").filter(
            decision=decision
        )
    )


def links_of(decision: Decision, *, public: bool) -> list[DecisionLink]:
    """The decision's links; on a public page only those whose target is public too."""
    links = list(
        unscoped_manager(DecisionLink, reason="the links of the decision given")
        .filter(decision=decision)
        .select_related("project", "call", "event")
    )
    if not public:
        return links
    shown = []
    for link in links:
        target = link.target
        if target is None or type(target)._default_manager.filter(pk=target.pk).exists():
            shown.append(link)
    return shown


def history_of(decision: Decision) -> list[Update]:
    return list(
        unscoped_manager(Update, reason="the history of the decision given")
        .filter(decision=decision)
        .select_related("author")
    )


def decision_for_link(office: Any, pk: int) -> Decision | None:
    """The decision a signed owner's link names, in the office of the page."""
    return (
        unscoped_manager(Decision, reason="a signed owner's link names this decision")
        .select_related("office", "owner", "body", "meeting")
        .filter(pk=pk, office=office)
        .first()
    )


# --- for the boards app (declared in apps.py, read through kopru.core.registry) ---------


def agenda_items(meeting: Meeting) -> list[dict[str, Any]]:
    """The body's open actions, for the agenda draft of ``meeting`` (an AgendaSource).

    Every decision of the meeting's body still planned or in progress that was taken
    before this meeting (late ones first), with its owner, due date and progress.
    """
    open_actions = (
        Decision.objects.filter(body_id=meeting.body_id, status__in=OPEN_STATUSES)
        .exclude(meeting=meeting)
        .filter(decided_on__lte=timezone.localtime(meeting.starts_at).date())
        .select_related("owner")
        .order_by("due_date", "id")
    )
    items = []
    for d in open_actions:
        description = _("Sorumlu: {owner} · Bitiş: {due} · İlerleme: %{progress} ({state})").format(
            owner=d.owner.name,
            due=d.due_date.strftime("%d.%m.%Y"),
            progress=d.progress,
            state=d.state_label,
        )
        items.append(
            {
                "key": f"decisions.action:{d.pk}",
                "title_tr": f"{d.reference} {d.title_tr}".strip(),
                "title_en": f"{d.reference} {d.title_en}".strip() if d.title_en else "",
                "description": description,
                "presenter": d.owner.name,
            }
        )
    return items


def meeting_decisions(meeting: Meeting) -> list[dict[str, Any]]:
    """The decisions taken in ``meeting``, for its minutes (a MeetingDecisions source)."""
    return [
        {
            "text": f"{d.reference} {d.title_tr}: {d.text_tr}".strip(),
            "owner": d.owner.name,
            "due_on": d.due_date,
            "status": d.state_label,
            "agenda_item_id": d.agenda_item_id,
        }
        for d in Decision.objects.filter(meeting=meeting).select_related("owner").order_by("id")
    ]


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's public decisions (:mod:`kopru.core.sitesearch`): matched
    in Python (Turkish folding and the bilingual thesaurus) on the title and reference,
    soonest due first. Public scope."""
    rows = (
        Decision.objects.filter(Decision.public_q())
        .only("id", "title_tr", "title_en", "reference", "due_date", "status")
        .order_by("due_date", "id")
    )

    def hit(d: Decision) -> sitesearch.Hit:
        url = reverse("public:decisions:detail", kwargs={"office_slug": office.slug, "pk": d.pk})
        title = sitesearch.hit_of(d, url, summary="", when=d.due_date, note=d.get_status_display())
        return title

    return sitesearch.search_rows(
        rows,
        query,
        texts=lambda d: (f"{d.title_tr} {d.title_en}", d.reference),
        hit=hit,
        limit=limit,
    )


def work_items(user: Any, office: Any, today: Any) -> tuple[list[WorkItem], int]:
    """The panel home's "my work" (:mod:`kopru.core.mywork`): the office's open decisions
    and actions due within 14 days or late, whose progress the office must follow up."""
    qs = Decision.objects.filter(
        office=office,
        status__in=OPEN_STATUSES,
        due_date__lte=today + dt.timedelta(days=14),
    )
    rows = list(
        qs.only("id", "reference", "title_tr", "title_en", "due_date", "progress").order_by(
            "due_date", "id"
        )[:LIMIT]
    )
    total = len(rows) if len(rows) < LIMIT else qs.count()
    return [
        WorkItem(
            title=str(d),
            url=reverse("panel:decisions:detail", kwargs={"office_slug": office.slug, "pk": d.pk}),
            due=d.due_date,
            note=_("ilerleme %%%(p)d") % {"p": d.progress},
        )
        for d in rows
    ], total
