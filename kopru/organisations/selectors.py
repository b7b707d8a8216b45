"""Reads of the stakeholder directory (every query runs in the active office scope)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from kopru.core import sitesearch
from kopru.core.search import fulltext_filter
from kopru.core.text import search_key, search_terms
from kopru.geo.models import District

from .models import MERGE_FIELDS, PUBLIC_TYPES, Organisation, TeamMember, TeamRole, TeamStatus


def organisation_page() -> QuerySet[Organisation]:
    """Organisations of the scope with the place their page shows."""
    return Organisation.objects.select_related("office", "district", "district__province")


def districts_of(office: Any) -> list[District]:
    """The districts of the office's province, in Turkish alphabetical order."""
    return list(District.objects.filter(province=office.province).order_by("name_sort"))


def district(pk: Any) -> District | None:
    return District.objects.filter(pk=pk).first()


def organisations_by_id(ids: set[int]) -> dict[int, Organisation]:
    """The organisations of the scope among ``ids`` (fewer when some are not)."""
    return {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}


#: The columns of the panel's directory list a user may sort by (kopru.core.lists).
ORGANISATION_SORTS = {
    "name": ("name_sort",),
    "type": ("type", "name_sort"),
    "district": ("district__name_sort", "name_sort"),
    "public": ("is_public", "name_sort"),
}


def organisation_list(
    *, q: str = "", type: str = "", district_id: int | None = None
) -> QuerySet[Organisation]:
    """Organisations visible in the active scope, in Turkish alphabetical order.

    ``q`` is a short lookup: every folded term must occur anywhere in the name or
    short name (``kesir`` finds ``Balıkesir``), for staff pick lists and the panel.
    """
    qs = Organisation.objects.select_related("district", "district__province").order_by("name_sort")
    for term in search_key(q).split():
        qs = qs.filter(name_search__contains=term)
    if type:
        qs = qs.filter(type=type)
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs


def directory_search(
    *, q: str = "", type: str = "", district_id: int | None = None
) -> QuerySet[Organisation]:
    """The public directory (and the API): full-text search of the public text.

    Each term matches a word prefix (``bel`` finds ``Belediyesi``), Turkish-aware on
    both databases, and a thesaurus word any word of its entries in both languages
    (``youth`` finds ``Gençlik ve Spor İl Müdürlüğü``, :mod:`kopru.core.thesaurus`);
    results in Turkish alphabetical order.
    """
    qs = Organisation.objects.select_related("district", "district__province")
    if type:
        qs = qs.filter(type=type)
    if district_id:
        qs = qs.filter(district_id=district_id)
    if search_terms(q):
        qs = fulltext_filter(qs, q, expanded=True)
    return qs.order_by("name_sort")


def published_projects(organisation: Organisation) -> list[Any]:
    """The organisation's projects visible in the active scope (the public ones on a
    public page), found through the relation the projects app declares: this app does
    not import it. Empty when no such relation exists."""
    for rel in Organisation._meta.related_objects:
        model: Any = rel.related_model
        if model._meta.label_lower == "projects.project" and rel.one_to_many:
            qs = model._default_manager.filter(**{rel.field.name: organisation})
            return list(qs.order_by("-pk")[:20])
    return []


# --- project teams ---------------------------------------------------------------


def team_members(organisation: Organisation) -> QuerySet[TeamMember]:
    """The team: its contact point first, then by role (leader first) and name."""
    role_rank = Case(
        *[When(role=value, then=Value(i)) for i, value in enumerate(TeamRole.values)],
        default=Value(len(TeamRole.values)),
        output_field=IntegerField(),
    )
    return TeamMember.objects.filter(organisation=organisation).order_by(
        "-is_contact_point", role_rank, "name_sort"
    )


@dataclass
class TeamOverview:
    """Public bodies of the office and their team status, with counts per status."""

    rows: QuerySet[Organisation]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def team_overview(
    *, status: str = "", type: str = "", district_id: int | None = None, q: str = ""
) -> TeamOverview:
    """The public-type organisations (``PUBLIC_TYPES``), those without a team first.

    The counts ignore the status filter (so they read as "of these, how many..."),
    and come from one aggregate query.
    """
    base = Organisation.objects.filter(type__in=PUBLIC_TYPES)
    if type:
        base = base.filter(type=type)
    if district_id:
        base = base.filter(district_id=district_id)
    for term in search_key(q).split():
        base = base.filter(name_search__contains=term)
    counts = base.aggregate(
        **{
            s.value: Count("pk", filter=Q(team_status=s.value))
            for s in TeamStatus  # type: ignore[attr-defined]
        }
    )
    rows = base.filter(team_status=status) if status else base
    rows = (
        rows.select_related("district")
        .annotate(
            member_count=Count("team_members", distinct=True),
            status_rank=Case(
                When(team_status=TeamStatus.NONE, then=Value(0)),
                When(team_status=TeamStatus.FORMING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("status_rank", "name_sort")
    )
    return TeamOverview(rows=rows, counts={k: int(v or 0) for k, v in counts.items()})


def team_figures() -> dict[str, int]:
    """Public bodies of the scope's office by team status (one query)."""
    counts = Organisation.objects.filter(type__in=PUBLIC_TYPES).aggregate(
        total=Count("pk"),
        formed=Count("pk", filter=Q(team_status=TeamStatus.FORMED)),
        none=Count("pk", filter=Q(team_status=TeamStatus.NONE)),
    )
    return {k: int(v or 0) for k, v in counts.items()}


# --- duplicates -----------------------------------------------------------------


@dataclass
class DuplicateGroup:
    organisations: list[Organisation]
    reasons: list[str]

    @property
    def suggested(self) -> Organisation:
        """The record to keep by default: the most complete one, else the oldest."""
        return max(self.organisations, key=_completeness)


def duplicate_groups() -> list[DuplicateGroup]:
    """Groups of likely duplicates in the active scope: the same folded name
    (``duplicate_key``) or the same official id. Overlapping groups are joined; a group
    whose records were all reviewed as distinct organisations is left out."""
    keys = list(
        Organisation.objects.exclude(duplicate_key="")
        .values("duplicate_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("duplicate_key", flat=True)
    )
    official = list(
        Organisation.objects.exclude(official_id="")
        .values("official_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("official_id", flat=True)
    )
    if not keys and not official:
        return []
    candidates = list(
        Organisation.objects.filter(Q(duplicate_key__in=keys) | Q(official_id__in=official))
        .select_related("district")
        .order_by("name_sort", "pk")
    )
    parent: dict[int, int] = {o.pk: o.pk for o in candidates}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    by_value: dict[tuple[str, str], int] = {}
    key_set, official_set = set(keys), set(official)
    for o in candidates:
        for kind, value, wanted in (
            ("name", o.duplicate_key, key_set),
            ("official_id", o.official_id, official_set),
        ):
            if value and value in wanted:
                first = by_value.setdefault((kind, value), o.pk)
                parent[find(o.pk)] = find(first)
    groups: dict[int, list[Organisation]] = {}
    for o in candidates:
        groups.setdefault(find(o.pk), []).append(o)
    out = []
    for members in groups.values():
        if len(members) < 2 or all(o.distinct_reviewed for o in members):
            continue
        reasons = []
        if len({o.duplicate_key for o in members}) < len(members):
            reasons.append("name")
        ids = [o.official_id for o in members if o.official_id]
        if len(set(ids)) < len(ids):
            reasons.append("official_id")
        out.append(DuplicateGroup(organisations=members, reasons=reasons))
    return out


def _completeness(o: Organisation) -> tuple[int, int]:
    filled = sum(
        1
        for name in MERGE_FIELDS
        if getattr(o, f"{name}_id" if name == "district" else name) not in (None, "")
    )
    return (filled + (2 if o.team_status == TeamStatus.FORMED else 0), -o.pk)


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's organisations (:mod:`kopru.core.sitesearch`): the public
    directory's own search (``?q=``), names that match first. Public scope."""
    qs = directory_search(q=query)
    rows = list(qs.select_related(None).only("id", "name", "type", "description")[:100])

    def hit(o: Organisation) -> sitesearch.Hit:
        url = reverse(
            "public:organisations:organisation", kwargs={"office_slug": office.slug, "pk": o.pk}
        )
        return sitesearch.Hit(
            title=o.name,
            url=url,
            summary=sitesearch.excerpt(o.description),
            note=o.get_type_display(),
        )

    return sitesearch.ranked_hits(
        rows,
        query,
        count=qs.count() if len(rows) == 100 else len(rows),
        title=lambda o: o.name,
        hit=hit,
        limit=limit,
    )
