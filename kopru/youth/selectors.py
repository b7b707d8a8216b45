"""Reads of the youth opportunities: the public finder, feeds, saved searches, and the
figures of the young people the Eurodesk point reached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core import sitesearch
from kopru.core.countries import country_choices
from kopru.core.scoping import office_scope, public_scope
from kopru.core.text import search_key
from kopru.guidance.models import Case, Channel

from .models import MAX_AGE, MIN_AGE, Opportunity, OpportunityType, PublicationState, YouthSearch

FEED_SIZE = 50


class FinderForm(forms.Form):
    """The finder's query parameters (Turkish names, as the other public lists)."""

    q = forms.CharField(label=_("Ara"), required=False, max_length=200)
    yas = forms.IntegerField(
        label=_("Yaşınız"), required=False, min_value=MIN_AGE, max_value=MAX_AGE
    )
    ulke = forms.ChoiceField(label=_("Ülke"), required=False)
    tur = forms.ChoiceField(
        label=_("Tür"), required=False, choices=[("", _("Tümü")), *OpportunityType.choices]
    )
    acik = forms.BooleanField(label=_("Yalnız şu an başvuruya açık olanlar"), required=False)
    tr = forms.BooleanField(label=_("Türkiye'de yaşayanlar başvurabilir"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ulke"].choices = [("", _("Tümü")), *country_choices()]  # type: ignore[attr-defined]


@dataclass
class Finder:
    q: str = ""
    age: int | None = None
    country: str = ""
    type: str = ""
    open_now: bool = False
    turkiye: bool = False
    page: int = 1
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_query(cls, query: Any) -> Finder:
        """The finder of a query string (or a saved search's params); 400 if invalid."""
        form = FinderForm(query)
        if not form.is_valid():
            raise BadRequest("; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()))
        d = form.cleaned_data
        params = {k: v for k, v in d.items() if v not in ("", None, False) and k != "page"}
        return cls(
            q=d["q"].strip(),
            age=d["yas"],
            country=d["ulke"],
            type=d["tur"],
            open_now=d["acik"],
            turkiye=d["tr"],
            page=d["page"] or 1,
            params={k: ("1" if v is True else v) for k, v in params.items()},
        )


def published() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(state=PublicationState.PUBLISHED)


def open_q(now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    return Q(deadline__gte=now) & (Q(opens_on__isnull=True) | Q(opens_on__lte=today))


def find(qs: QuerySet[Opportunity], f: Finder, *, now: dt.datetime | None = None) -> Any:
    now = now or timezone.now()
    if f.q:
        for word in search_key(f.q).split()[:8]:
            qs = qs.filter(search_document__contains=word)
    if f.age is not None:
        qs = qs.filter(age_min__lte=f.age, age_max__gte=f.age)
    if f.country:
        qs = qs.filter(host_country=f.country)
    if f.type:
        qs = qs.filter(type=f.type)
    if f.turkiye:
        qs = qs.filter(turkiye_eligible=True)
    if f.open_now:
        qs = qs.filter(open_q(now))
    return qs


def finder_results(f: Finder, *, now: dt.datetime | None = None) -> QuerySet[Opportunity]:
    """The office's published opportunities matching ``f``: still open first (by
    deadline), then the closed ones (latest first)."""
    now = now or timezone.now()
    qs = find(published(), f, now=now)
    if f.open_now:
        return qs.order_by("deadline", "id")
    return qs.filter(deadline__gte=now).order_by("deadline", "id")


def closed_results(f: Finder, *, now: dt.datetime | None = None) -> QuerySet[Opportunity]:
    now = now or timezone.now()
    return find(published(), f, now=now).filter(deadline__lt=now).order_by("-deadline", "-id")


def public_opportunity(pk: int) -> Opportunity | None:
    return published().filter(pk=pk).first()


def upcoming_deadlines(
    *, limit: int = FEED_SIZE, pks: list[int] | None = None
) -> list[Opportunity]:
    """Published opportunities whose deadline has not passed (the feeds and the home);
    ``pks``: only these."""
    qs = published().filter(deadline__gte=timezone.now())
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return list(qs.order_by("deadline", "id")[:limit])


PANEL_SORTS = {
    "deadline": ("deadline",),
    "title": ("title_sort",),
    "type": ("type", "title_sort"),
    "state": ("state", "-deadline"),
    "opens": ("opens_on", "deadline"),
}


def staff_opportunities(*, state: str = "") -> QuerySet[Opportunity]:
    qs = Opportunity.objects.all()
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-deadline", "-id")


def search_by_token(office: Any, token: str) -> YouthSearch | None:
    with office_scope(office):
        return YouthSearch.objects.filter(token=token).first()


def opportunities_for_search(
    search: YouthSearch, *, since: dt.datetime | None = None
) -> list[Opportunity]:
    """Open published opportunities of the search's office matching it (published
    ``since``, for an alert digest)."""
    finder = Finder.from_query(search.params)
    finder.open_now = True
    with public_scope(search.office):
        qs = find(published(), finder)
        if since is not None:
            qs = qs.filter(published_at__gt=since)
        return list(qs.order_by("deadline", "id")[:50])


def young_people_reached(
    *, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, int]:
    """Young people the office's Eurodesk point reached in a period (the active office
    scope): Eurodesk enquiries answered through the guidance desk, and confirmed
    subscribers of youth-opportunity alerts. ``reached`` counts each address once."""
    cases = Case.objects.filter(channel=Channel.EURODESK)
    alerts = YouthSearch.objects.filter(alert_confirmed_at__isnull=False).exclude(email="")
    if start is not None:
        cases = cases.filter(opened_at__gte=start)
        alerts = alerts.filter(alert_confirmed_at__gte=start)
    if end is not None:
        cases = cases.filter(opened_at__lt=end)
        alerts = alerts.filter(alert_confirmed_at__lt=end)
    case_emails = set(cases.exclude(requester_email="").values_list("requester_email", flat=True))
    anonymous = cases.filter(requester_email="").count()
    alert_emails = set(alerts.values_list("email", flat=True))
    return {
        "enquiries": cases.count(),
        "subscribers": len(alert_emails),
        "reached": len({e.lower() for e in case_emails | alert_emails}) + anonymous,
    }


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's youth opportunities (:mod:`kopru.core.sitesearch`): the
    finder's own search (``?q=``), open ones first (soonest deadline), then closed ones;
    titles that match first. Public scope."""
    now = timezone.now()
    f = Finder(q=query)
    fields = ("id", "title_tr", "title_en", "description_tr", "description_en", "type", "deadline")
    rows = list(finder_results(f, now=now).only(*fields)[:100])
    rows += list(closed_results(f, now=now).only(*fields)[: 100 - len(rows)])

    def hit(o: Opportunity) -> sitesearch.Hit:
        url = reverse("public:youth:detail", kwargs={"office_slug": office.slug, "pk": o.pk})
        return sitesearch.hit_of(
            o, url, summary="description", when=o.deadline, note=o.get_type_display()
        )

    return sitesearch.ranked_hits(
        rows,
        query,
        count=find(published(), f, now=now).count() if len(rows) == 100 else len(rows),
        title=lambda o: f"{o.title_tr} {o.title_en}",
        hit=hit,
        limit=limit,
        expanded=False,
    )
