"""Reads of public consultations: the lists, a consultation's sections with their
counts, a section's contributions (paged), the participation figures, the report."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.core import sitesearch
from kopru.core.scoping import unscoped_manager
from kopru.geo.models import District

from .models import (
    AgeGroup,
    AuthorKind,
    Consultation,
    Contribution,
    Moderation,
    Outcome,
    PriorityGroup,
    Section,
)

VISIBLE = Q(contributions__moderation=Moderation.VISIBLE)


def public_consultations() -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(Consultation.public_q())
        .annotate(n=Count("contributions", filter=VISIBLE))
        .order_by("-opens_at", "-id")
    )


PANEL_SORTS = {
    "period": ("opens_at", "closes_at"),
    "status": ("status", "-opens_at"),
    "contributions": ("n", "-opens_at"),
    "waiting": ("waiting", "-opens_at"),
}


def managed_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.annotate(
        n=Count("contributions"),
        waiting=Count(
            "contributions",
            filter=Q(contributions__outcome="", contributions__moderation=Moderation.VISIBLE),
        ),
    ).order_by("-opens_at", "-id")


def sections_of(consultation: Consultation) -> list[Section]:
    """The sections, each with ``n`` (visible contributions) and ``changed_by`` (the
    contributions accepted or partly accepted, for the final text's links back)."""
    sections: list[Section] = list(
        unscoped_manager(Section, reason="the sections of the consultation given")
        .filter(consultation=consultation)
        .annotate(n=Count("contributions", filter=VISIBLE))
        .order_by("number", "id")
    )
    changed: dict[int, list[int]] = {}
    if consultation.answers_published_at is not None:
        for section_id, pk in (
            contributions_of(consultation)
            .filter(outcome__in=[Outcome.ACCEPTED, Outcome.PARTLY])
            .values_list("section_id", "pk")
            .order_by("pk")
        ):
            changed.setdefault(section_id, []).append(pk)
    for section in sections:
        section.changed_by = changed.get(section.pk, [])  # type: ignore[attr-defined]
    return sections


def contributions_of(consultation: Consultation) -> QuerySet[Contribution]:
    return unscoped_manager(
        Contribution, reason="the contributions of the consultation given"
    ).filter(consultation=consultation)


def section_contributions(section: Section, *, visible_only: bool = True) -> QuerySet[Contribution]:
    """A section's contributions as its public page lists them (only the columns shown)."""
    qs = unscoped_manager(Contribution, reason="the contributions of the section given").filter(
        section=section
    )
    if visible_only:
        qs = qs.filter(moderation=Moderation.VISIBLE)
    return qs.select_related("organisation").only(*PUBLIC_CONTRIBUTION).order_by("created_at", "id")


# What the public shows of a contribution (``_contribution.html``): never the address,
# the consent or the self-description.
PUBLIC_CONTRIBUTION = (
    "office_id",
    "consultation_id",
    "section_id",
    "created_at",
    "body",
    "language",
    "author_kind",
    "author_name",
    "erased_at",
    "outcome",
    "answer_tr",
    "answer_en",
    "organisation__name",
)


def managed_contributions(
    consultation: Consultation, *, section_id: int | None = None, waiting: bool = False
) -> QuerySet[Contribution]:
    qs = contributions_of(consultation).select_related("section", "organisation", "district")
    if section_id:
        qs = qs.filter(section_id=section_id)
    if waiting:
        qs = qs.filter(outcome="", moderation=Moderation.VISIBLE)
    return qs.order_by("section__number", "created_at", "id")


def _rows(counter: Counter[str], choices: list[tuple[str, Any]]) -> list[tuple[str, int]]:
    labels = dict(choices)
    rows = [(str(labels.get(k, k)), n) for k, n in counter.items() if k]
    rows.sort(key=lambda r: -r[1])
    unknown = counter.get("", 0)
    if unknown:
        rows.append(("—", unknown))
    return rows


def participation(consultation: Consultation) -> dict[str, Any]:
    """Who took part: every contribution (hidden and erased ones included, so the counts
    stay right), by kind, section, district, age group and priority group, and the
    outcomes of the answers. One grouped query."""
    grouped = (
        contributions_of(consultation)
        .order_by()
        .values(
            "author_kind", "section_id", "district_id", "age_group", "priority_group", "outcome"
        )
        .annotate(n=Count("id"))
    )
    kinds: Counter[str] = Counter()
    sections: Counter[int] = Counter()
    districts: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    total = 0
    for row in grouped:
        n = row["n"]
        total += n
        kinds[row["author_kind"]] += n
        sections[row["section_id"]] += n
        districts[str(row["district_id"] or "")] += n
        ages[row["age_group"]] += n
        groups[row["priority_group"]] += n
        outcomes[row["outcome"]] += n
    district_names = dict(
        District.objects.filter(pk__in=[int(k) for k in districts if k]).values_list("pk", "name")
    )
    district_choices = [(str(pk), name) for pk, name in district_names.items()]
    priority = sum(n for k, n in groups.items() if k and k != PriorityGroup.NONE)
    kind_rows = _rows(kinds, AuthorKind.choices)
    group_rows = _rows(groups, PriorityGroup.choices)
    age_rows = _rows(ages, AgeGroup.choices)
    district_rows = _rows(districts, district_choices)
    return {
        "tables": [
            (_("Katılımcı türüne göre"), kind_rows),
            (_("Öncelikli gruplara göre"), group_rows),
            (_("Yaş grubuna göre"), age_rows),
            (_("İlçeye göre"), district_rows),
        ],
        "total": total,
        "kinds": kind_rows,
        "districts": district_rows,
        "ages": age_rows,
        "groups": group_rows,
        "priority_total": priority,
        "outcomes": _rows(outcomes, Outcome.choices),
        "described": total - ages.get("", 0) if total else 0,
        "sections": sections,
    }


def contribution_for_link(office: Any, pk: int) -> Contribution | None:
    return (
        unscoped_manager(Contribution, reason="a signed contributor's link names this contribution")
        .select_related("consultation", "section", "organisation")
        .filter(pk=pk, office=office)
        .first()
    )


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's public consultations (:mod:`kopru.core.sitesearch`):
    matched in Python (Turkish folding and the bilingual thesaurus), latest first. Public
    scope."""
    fields = ("id", "title_tr", "title_en", "summary_tr", "summary_en", "opens_at", "closes_at")
    rows = (
        Consultation.objects.filter(Consultation.public_q())
        .only(*fields)
        .order_by("-opens_at", "-id")
    )

    def hit(c: Consultation) -> sitesearch.Hit:
        url = reverse(
            "public:consultations:detail", kwargs={"office_slug": office.slug, "pk": c.pk}
        )
        return sitesearch.hit_of(c, url, when=c.closes_at)

    return sitesearch.search_rows(
        rows,
        query,
        texts=lambda c: (f"{c.title_tr} {c.title_en}", c.summary_tr, c.summary_en),
        hit=hit,
        limit=limit,
    )
