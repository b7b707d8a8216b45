"""Reads of the stories: the facts a story is drafted from, the public listing with its
facets, the stories of a project, and the expert's story candidates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kopru.core import sitesearch
from kopru.core.countries import country_label
from kopru.core.scoping import unscoped_manager
from kopru.core.text import search_key
from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup
from kopru.geo.models import District
from kopru.projects.models import Indicator, Partner, Project, Stage

from .models import Funder, Label, Quote, Story, StoryPhoto, StoryStatus

# Stages in which a project has finished its work: only these can make a success story.
FINISHED_STAGES = (Stage.COMPLETED, Stage.CLOSED)
# How long after completion a project stays among the story candidates.
CANDIDATE_DAYS = 365

# Funders by the start of the programme's name (the inventory stores the programme).
FUNDERS: list[tuple[tuple[str, ...], Funder]] = [
    (("IPA", "IPARD", "FRIT"), Funder.EU_PRE_ACCESSION),
    (
        (
            "Erasmus",
            "Horizon",
            "LIFE",
            "CERV",
            "COSME",
            "EU4Health",
            "Interreg",
            "Single Market",
            "Creative Europe",
            "European Solidarity",
            "Avrupa Dayanışma",
        ),
        Funder.EU,
    ),
    (("GMKA", "İZKA", "IZKA", "Kalkınma"), Funder.DEVELOPMENT_AGENCY),
]


def funder_of(programme: str) -> str:
    """The ``Funder`` code of a programme ("" when unknown)."""
    for prefixes, funder in FUNDERS:
        if programme.strip().upper().startswith(tuple(p.upper() for p in prefixes)):
            return funder.value
    return ""


def funder_label(code: str) -> str:
    """A funder code's label in the active language (an unknown value as it is)."""
    return str(dict(Funder.choices).get(code, code))


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _met(indicator: Indicator) -> bool | None:
    """Whether the latest value reached the target (``None``: nothing measured)."""
    actual = indicator.latest_value
    if actual is None:
        return None
    if indicator.target >= indicator.baseline:
        return actual >= indicator.target
    return actual <= indicator.target


def project_facts(projects: list[Project]) -> dict[str, Any]:
    """What a story says about its projects, as JSON (kept on the story as drafted)."""
    ids = [p.pk for p in projects]
    partners = list(Partner.objects.filter(project_id__in=ids).order_by("project_id", "position"))
    indicators = list(Indicator.objects.filter(project_id__in=ids).order_by("project_id", "id"))
    district_rows = list(
        District.objects.filter(
            pk__in=Project.districts.through.objects.filter(project_id__in=ids).values(
                "district_id"
            )
        ).order_by("name_sort")
    )
    grants: dict[str, Decimal] = {}
    sectors: list[str] = []
    groups: list[str] = []
    for p in projects:
        if p.grant_amount is not None:
            grants[p.currency] = grants.get(p.currency, Decimal(0)) + p.grant_amount
        sectors += [s for s in p.sectors if s not in sectors]
        groups += [g for g in p.target_groups if g not in groups]
    starts = [p.start_date for p in projects if p.start_date]
    ends = [p.end_date for p in projects if p.end_date]
    programmes = list(dict.fromkeys(p.programme for p in projects if p.programme))
    seen_partners: set[tuple[str, str]] = set()
    partner_rows = []
    for x in partners:
        if (x.name, x.country) in seen_partners:
            continue
        seen_partners.add((x.name, x.country))
        partner_rows.append({"name": x.name, "country": x.country, "role": x.role})
    return {
        "projects": [
            {
                "id": p.pk,
                "acronym": p.acronym,
                "title_tr": p.title_tr,
                "title_en": p.title_en,
                "title": str(p),
                "stage": p.stage,
                "programme": p.programme,
                "owner": p.owner_display,
                "published": p.is_published,
            }
            for p in projects
        ],
        "programmes": programmes,
        "funders": list(dict.fromkeys(f for f in map(funder_of, programmes) if f)),
        "grants": {currency: _decimal(amount) for currency, amount in sorted(grants.items())},
        "partners": partner_rows,
        "countries": sorted({x["country"] for x in partner_rows if x["country"]}),
        "districts": [{"id": d.pk, "name": d.name} for d in district_rows],
        "start": min(starts).isoformat() if starts else None,
        "end": max(ends).isoformat() if ends else None,
        "year": (max(ends) if ends else max(starts)).year if (ends or starts) else None,
        "sectors": sectors,
        "target_groups": groups,
        "priority_groups": [g for g in groups if g in PRIORITY_TARGET_GROUPS],
        "indicators": [
            {
                "project": i.project_id,
                "name": i.name,
                "unit": i.unit,
                "baseline": _decimal(i.baseline),
                "actual": _decimal(i.latest_value),
                "target": _decimal(i.target),
                "met": _met(i),
            }
            for i in indicators
        ],
        "all_finished": bool(projects) and all(p.stage in FINISHED_STAGES for p in projects),
    }


def facts_display(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts with labels in the active language, for the pages."""
    sectors = dict(Sector.choices)
    groups = dict(TargetGroup.choices)
    return {
        **facts,
        "funder_labels": [funder_label(f) for f in facts.get("funders", [])],
        "sector_labels": [str(sectors.get(s, s)) for s in facts.get("sectors", [])],
        "group_labels": [
            (str(groups.get(g, g)), g in PRIORITY_TARGET_GROUPS)
            for g in facts.get("target_groups", [])
        ],
        "partner_rows": [
            {**x, "country_label": country_label(x["country"])} for x in facts.get("partners", [])
        ],
        "country_labels": [country_label(c) for c in facts.get("countries", [])],
        "start_date": dt.date.fromisoformat(facts["start"]) if facts.get("start") else None,
        "end_date": dt.date.fromisoformat(facts["end"]) if facts.get("end") else None,
    }


# -- staff lists -----------------------------------------------------------------------


PANEL_SORTS = {
    "status": ("status", "-updated_at"),
    "title": ("title_sort",),
    "label": ("label", "title_sort"),
    "updated": ("updated_at",),
}


def staff_stories(*, status: str = "") -> QuerySet[Story]:
    qs = Story.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-updated_at", "-id")


def draftable_projects() -> QuerySet[Project]:
    """Projects a story can be told about: approved and beyond."""
    return Project.objects.filter(
        stage__in=[Stage.APPROVED, Stage.IN_IMPLEMENTATION, *FINISHED_STAGES]
    ).order_by("title_sort", "id")


def story_candidates(*, today: dt.date | None = None) -> list[Project]:
    """Newly completed projects whose measured indicators all met their targets and
    that no story tells yet (the office's, in the active scope)."""
    today = today or timezone.localdate()
    since = timezone.now() - dt.timedelta(days=CANDIDATE_DAYS)
    indicators = unscoped_manager(Indicator, reason="correlated with the scoped projects")
    told = Story.projects.through.objects.filter(project_id=OuterRef("pk"))
    projects = list(
        Project.objects.filter(
            stage__in=FINISHED_STAGES,
            stage_changed_at__gte=since,
        )
        .filter(Exists(indicators.filter(project_id=OuterRef("pk"))))
        .exclude(Exists(told))
        .select_related("owner")
        .order_by("-stage_changed_at", "-id")[:100]
    )
    if not projects:
        return []
    by_project: dict[int, list[Indicator]] = {}
    for i in indicators.filter(project_id__in=[p.pk for p in projects]):
        by_project.setdefault(i.project_id, []).append(i)
    return [p for p in projects if all(_met(i) for i in by_project.get(p.pk, []))]


# -- the public listing ----------------------------------------------------------------


class StoryFilterForm(forms.Form):
    """The listing's query parameters; anything invalid is a 400."""

    q = forms.CharField(required=False, max_length=200)
    etiket = forms.ChoiceField(required=False, choices=[("", ""), *list(Label.choices)])
    program = forms.CharField(required=False, max_length=200)
    sektor = forms.ChoiceField(required=False, choices=[("", ""), *list(Sector.choices)])
    ilce = forms.IntegerField(required=False, min_value=1, max_value=10**9)
    yil = forms.IntegerField(required=False, min_value=1990, max_value=2100)
    grup = forms.ChoiceField(
        required=False,
        choices=[("", "")] + [c for c in TargetGroup.choices if c[0] in PRIORITY_TARGET_GROUPS],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)


@dataclass
class StoryFilters:
    q: str = ""
    label: str = ""
    programme: str = ""
    sector: str = ""
    district: int | None = None
    year: int | None = None
    group: str = ""
    page: int = 1
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_query(cls, query: Any) -> StoryFilters:
        form = StoryFilterForm(query)
        if not form.is_valid():
            raise BadRequest("; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()))
        d = form.cleaned_data
        return cls(
            q=d["q"].strip(),
            label=d["etiket"],
            programme=d["program"].strip(),
            sector=d["sektor"],
            district=d["ilce"],
            year=d["yil"],
            group=d["grup"],
            page=d["page"] or 1,
            params={k: v for k, v in d.items() if v not in ("", None) and k != "page"},
        )


def filter_stories(qs: QuerySet[Story], f: StoryFilters, *, skip: str = "") -> QuerySet[Story]:
    if f.q:
        for word in search_key(f.q).split()[:8]:
            qs = qs.filter(search_document__contains=word)
    if f.label and skip != "label":
        qs = qs.filter(label=f.label)
    if f.programme and skip != "programme":
        qs = qs.filter(programme=f.programme)
    if f.sector and skip != "sector":
        qs = qs.filter(tags__contains=f" s:{f.sector} ")
    if f.district and skip != "district":
        qs = qs.filter(tags__contains=f" d:{f.district} ")
    if f.year and skip != "year":
        qs = qs.filter(year=f.year)
    if f.group and skip != "group":
        qs = qs.filter(tags__contains=f" g:{f.group} ")
    return qs


def annual_report_stories(office: Any, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The office's stories published between ``start`` and ``end`` (and still
    published), oldest first, in both languages: section III of the annual activity
    report (the ``annualreports.stories`` provider; read with an explicit office filter,
    as the report is drawn by a background task)."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    stories = (
        unscoped_manager(Story, reason="the annual report of the office given")
        .filter(office=office, status=StoryStatus.PUBLISHED)
        .filter(published_at__gte=first, published_at__lt=after)
        .order_by("published_at", "id")
    )
    return [
        {
            "id": story.pk,
            "title": {"tr": story.title_tr, "en": story.title_en},
            "summary": {"tr": story.summary_tr, "en": story.summary_en},
            "label": {"tr": _label(story, "tr"), "en": _label(story, "en")},
            "published_on": timezone.localdate(story.published_at).isoformat(),
        }
        for story in stories
    ]


def _label(story: Story, language: str) -> str:
    with translation.override(language):
        return str(story.get_label_display())


def public_stories() -> QuerySet[Story]:
    """The office's published stories (the caller's public scope)."""
    return Story.objects.filter(status=StoryStatus.PUBLISHED).order_by("-published_at", "-id")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    query: str = ""  # the listing's query string with this value chosen (or removed)


@dataclass
class Facet:
    key: str  # the query parameter
    label: Any
    values: list[FacetValue]


def facets(base: QuerySet[Story], f: StoryFilters) -> list[Facet]:
    """Counts of every facet value among the stories matching the other filters.

    One query reads the facet columns of the office's published stories (a few hundred
    at most); the counts are made in Python for each facet with its own filter left out.
    """
    rows = list(base.values_list("label", "programme", "year", "tags"))
    matching_q = _match_rows(f)
    labels = dict(Label.choices)
    sectors = dict(Sector.choices)
    groups = dict(TargetGroup.choices)
    district_ids: set[int] = set()
    counters: dict[str, Counter[str]] = {
        k: Counter() for k in ("label", "programme", "year", "sector", "district", "group")
    }
    for label, programme, year, tags in rows:
        tag_list = tags.split()
        for key in counters:
            if not matching_q(label, programme, year, tag_list, skip=key):
                continue
            if key == "label":
                counters[key][label] += 1
            elif key == "programme" and programme:
                counters[key][programme] += 1
            elif key == "year" and year:
                counters[key][str(year)] += 1
            else:
                prefix = {"sector": "s:", "district": "d:", "group": "g:"}.get(key)
                if prefix:
                    for t in tag_list:
                        if t.startswith(prefix):
                            counters[key][t[2:]] += 1
                            if key == "district":
                                district_ids.add(int(t[2:]))
    districts = dict(District.objects.filter(pk__in=district_ids).values_list("pk", "name"))
    current = {
        "label": f.label,
        "programme": f.programme,
        "year": str(f.year or ""),
        "sector": f.sector,
        "district": str(f.district or ""),
        "group": f.group,
    }

    def values(key: str, names: dict[Any, Any], *, by_count: bool = True) -> list[FacetValue]:
        items = [
            FacetValue(v, str(names.get(v, v)), n, current[key] == v)
            for v, n in counters[key].items()
        ]
        if by_count:
            items.sort(key=lambda x: (-x.count, x.label))
        else:
            items.sort(key=lambda x: x.value, reverse=True)
        return items

    result = [
        Facet("etiket", _("Etiket"), values("label", labels)),
        Facet("program", _("Program"), values("programme", {})),
        Facet("sektor", _("Sektör"), values("sector", sectors)),
        Facet("ilce", _("İlçe"), values("district", {str(k): v for k, v in districts.items()})),
        Facet("yil", _("Yıl"), values("year", {}, by_count=False)),
        Facet("grup", _("Öncelikli grup"), values("group", groups)),
    ]
    for facet in result:
        for v in facet.values:
            params = {k: str(x) for k, x in f.params.items()}
            if v.selected:
                params.pop(facet.key, None)
            else:
                params[facet.key] = v.value
            v.query = "?" + urlencode(params) if params else "?"
    return result


def _match_rows(f: StoryFilters) -> Any:
    def match(label: str, programme: str, year: int | None, tags: list[str], *, skip: str) -> bool:
        if f.label and skip != "label" and label != f.label:
            return False
        if f.programme and skip != "programme" and programme != f.programme:
            return False
        if f.year and skip != "year" and year != f.year:
            return False
        if f.sector and skip != "sector" and f"s:{f.sector}" not in tags:
            return False
        if f.district and skip != "district" and f"d:{f.district}" not in tags:
            return False
        return not (f.group and skip != "group" and f"g:{f.group}" not in tags)

    return match


def public_story(pk: int) -> Story | None:
    return public_stories().filter(pk=pk).first()


def public_quotes(story: Story) -> list[Quote]:
    return list(Quote.objects.filter(story=story))


def stories_of_project(project: Project) -> list[Story]:
    """Published stories told about ``project`` (for the project's public page)."""
    return list(
        Story.objects.filter(status=StoryStatus.PUBLISHED, projects=project).order_by(
            "-published_at"
        )[:10]
    )


def published_projects_of(story: Story) -> set[int]:
    """Ids of the story's projects that have a public page."""
    return set(story.projects.filter(is_published=True).values_list("pk", flat=True))


# What a card of the listing shows (the narrative and facts stay in the database).
LIST_FIELDS = (
    "id",
    "office_id",
    "label",
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "programme",
    "year",
    "published_at",
)


def story_photos(story: Story, *, public: bool = False) -> list[StoryPhoto]:
    """The story's photos (on public pages only those that may be shown: processed, and
    with people only once their consent is recorded)."""
    photos = list(StoryPhoto.objects.filter(story=story).select_related("image"))
    if public:
        photos = [p for p in photos if p.image.ready and p.image.publishable]
    return photos


def covers(stories: list[Story]) -> dict[int, StoryPhoto]:
    """The first showable photo of each story of a listing page (one query)."""
    found: dict[int, StoryPhoto] = {}
    photos = StoryPhoto.objects.filter(story__in=[s.pk for s in stories]).select_related("image")
    for photo in photos.order_by("story_id", "position", "id"):
        if photo.story_id not in found and photo.image.ready and photo.image.publishable:
            found[photo.story_id] = photo
    return found


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's stories (:mod:`kopru.core.sitesearch`): the public list's
    own search (``?q=``), titles that match first. Public scope."""
    qs = filter_stories(public_stories(), StoryFilters(q=query))
    fields = ("id", "title_tr", "title_en", "summary_tr", "summary_en", "label", "published_at")
    rows = list(qs.only(*fields)[:100])

    def hit(s: Story) -> sitesearch.Hit:
        url = reverse("public:stories:detail", kwargs={"office_slug": office.slug, "pk": s.pk})
        return sitesearch.hit_of(s, url, when=s.published_at, note=s.get_label_display())

    return sitesearch.ranked_hits(
        rows,
        query,
        count=qs.count() if len(rows) == 100 else len(rows),
        title=lambda s: f"{s.title_tr} {s.title_en}",
        hit=hit,
        limit=limit,
        expanded=False,
    )
