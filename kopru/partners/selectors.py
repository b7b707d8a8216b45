"""Reads of the partner search: the public catalogue, the kurum and panel lists, threads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kopru.core import sitesearch
from kopru.core.scoping import unscoped_manager
from kopru.core.search import fulltext_filter
from kopru.organisations.models import Organisation, OrganisationType

from .countries import COUNTRIES
from .models import Answer, AnswerMessage, PartnerSearch, PostKind, PostState, PostStatus, Side

SORTS = ("yeni", "son-tarih")


@dataclass(frozen=True)
class PostFilters:
    """The public list's filters, read from the query string; unknown values are ignored."""

    q: str = ""
    kind: str = ""
    country: str = ""
    organisation_type: str = ""
    call: int | None = None
    programme: str = ""
    sort: str = "yeni"

    @classmethod
    def from_params(cls, params: Any) -> PostFilters:
        def one(name: str, allowed: Any = None) -> str:
            value = str(params.get(name, "") or "").strip()[:200]
            return value if allowed is None or value in allowed else ""

        call = one("cagri")
        country = one("ulke").upper()
        return cls(
            q=one("q"),
            kind=one("tur", PostKind.values),
            country=country if country in COUNTRIES else "",
            organisation_type=one("kurum_turu", OrganisationType.values),
            call=int(call) if call.isdigit() and len(call) < 10 else None,
            programme=one("program"),
            sort=one("siralama", SORTS) or "yeni",
        )

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.kind
            or self.country
            or self.organisation_type
            or self.call
            or self.programme
        )


def _listed(qs: QuerySet[PartnerSearch]) -> QuerySet[PartnerSearch]:
    return qs.select_related("organisation", "call", "office")


def apply_filters(qs: QuerySet[PartnerSearch], f: PostFilters) -> QuerySet[PartnerSearch]:
    qs = fulltext_filter(qs, f.q, expanded=True)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.country:  # a post that names no country welcomes every country
        qs = qs.filter(Q(countries_index__contains=f"|{f.country}|") | Q(countries_index=""))
    if f.organisation_type:
        qs = qs.filter(Q(types_index__contains=f"|{f.organisation_type}|") | Q(types_index=""))
    if f.call:
        qs = qs.filter(call_id=f.call)
    if f.programme:
        qs = qs.filter(programme=f.programme)
    return qs


def public_posts(f: PostFilters) -> QuerySet[PartnerSearch]:
    """Open, unexpired posts of the scope, filtered and sorted."""
    qs = apply_filters(_listed(PartnerSearch.objects.filter(PartnerSearch.public_q())), f)
    if f.sort == "son-tarih":
        return qs.order_by("expires_on", "-created_at", "-id")
    return qs.order_by("-created_at", "-id")


def public_filter_options() -> dict[str, Any]:
    """The calls and programmes that open posts name (for the filter lists)."""
    visible = PartnerSearch.objects.filter(PartnerSearch.public_q())
    calls = {
        row["call_id"]: row
        for row in visible.filter(call__state="published")
        .values("call_id", "call__title_tr", "call__title_en")
        .order_by("call__title_tr")
    }
    programmes = sorted(
        set(visible.exclude(programme="").values_list("programme", flat=True)[:200])
    )
    return {"calls": list(calls.values()), "programmes": programmes}


def latest_open(limit: int = 4) -> list[PartnerSearch]:
    return list(
        _listed(PartnerSearch.objects.filter(PartnerSearch.public_q())).order_by(
            "-created_at", "-id"
        )[:limit]
    )


def _unread_q() -> Q:
    return Q(answers__last_side=Side.RESPONDER) & (
        Q(answers__poster_seen_at__isnull=True)
        | Q(answers__poster_seen_at__lt=F("answers__last_message_at"))
    )


def _with_answer_counts(qs: QuerySet[PartnerSearch]) -> QuerySet[PartnerSearch]:
    return qs.annotate(
        answer_count=Count("answers", distinct=True),
        unread_count=Count("answers", filter=_unread_q(), distinct=True),
    )


POST_SORTS = {
    "created": ("created_at",),
    "title": ("title_sort",),
    "kind": ("kind", "title_sort"),
    "organisation": ("organisation__name_sort", "title_sort"),
    "expires": ("expires_on", "title_sort"),
    "answers": ("answer_count", "title_sort"),
}


def managed_posts(
    *, organisation_id: int | None = None, q: str = "", state: str = ""
) -> QuerySet[PartnerSearch]:
    """Posts of the office (or of one organisation) with their answer counts."""
    qs = PartnerSearch.objects.all()
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    today = timezone.localdate()
    if state == PostState.OPEN:
        qs = qs.filter(status=PostStatus.OPEN, expires_on__gte=today)
    elif state == PostState.EXPIRED:
        qs = qs.filter(status=PostStatus.OPEN, expires_on__lt=today)
    elif state == PostState.CLOSED:
        qs = qs.filter(status=PostStatus.CLOSED)
    qs = fulltext_filter(qs, q)
    return _with_answer_counts(_listed(qs)).order_by("-created_at", "-id")


def post_answers(post: PartnerSearch) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(post=post)
        .select_related("responder_organisation")
        .annotate(message_count=Count("messages"))
        .order_by("-last_message_at", "-id")
    )


def thread(answer: Answer) -> list[AnswerMessage]:
    return list(
        unscoped_manager(AnswerMessage, reason="the thread of the answer given")
        .filter(answer=answer)
        .select_related("author")
        .order_by("created_at", "id")
    )


POST_RELATED = ("organisation", "call", "office")


def post_for_public_page(office: Any, pk: Any) -> tuple[PartnerSearch, bool] | None:
    """A post's public page and whether the post is still listed. A closed or expired
    post of this office is still shown, as such (its page may be bookmarked or linked
    from an e-mail), though the public scope no longer lists it."""
    post = PartnerSearch.objects.select_related(*POST_RELATED).filter(pk=pk).first()
    if post is not None:
        return post, True
    post = (
        unscoped_manager(PartnerSearch, reason="a closed post of this office is shown as closed")
        .select_related(*POST_RELATED)
        .filter(pk=pk, office=office)
        .first()
    )
    return (post, False) if post is not None else None


def organisation_answer(post: PartnerSearch, organisation_id: int) -> Answer | None:
    """The answer an organisation already sent to ``post`` (a signed-in member's own)."""
    return (
        unscoped_manager(Answer, reason="the member's own organisation's answer to the post")
        .filter(post=post, responder_organisation_id=organisation_id, erased_at__isnull=True)
        .first()
    )


def answer_for_link(office: Any, answer_id: int) -> Answer | None:
    """The answer a signed private link names (the token authorises the responder, who
    may have no account: the public scope would not show an answer)."""
    return (
        unscoped_manager(Answer, reason="a signed private link names this answer")
        .select_related("post", "post__organisation", "post__office", "post__call")
        .filter(pk=answer_id, office=office)
        .first()
    )


def organisations_with_posts() -> QuerySet[Organisation]:
    """The organisations of the scope that posted (the panel list's filter)."""
    return (
        Organisation.objects.filter(partner_searches__isnull=False)
        .distinct()
        .order_by("name_sort")
        .only("id", "name")
    )


def sent_answers(organisation_id: int) -> QuerySet[Answer]:
    """Answers the member's organisation sent to posts of this office."""
    return (
        Answer.objects.filter(responder_organisation_id=organisation_id)
        .select_related("post", "post__organisation", "post__office")
        .order_by("-last_message_at", "-id")
    )


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's partner searches (:mod:`kopru.core.sitesearch`): the
    public list's own search (``?q=``), titles that match first. Public scope."""
    qs = public_posts(PostFilters(q=query))
    rows = list(qs[:100])

    def hit(p: PartnerSearch) -> sitesearch.Hit:
        url = reverse("public:partners:detail", kwargs={"office_slug": office.slug, "pk": p.pk})
        return sitesearch.hit_of(
            p, url, summary="description", when=p.expires_on, note=p.get_kind_display()
        )

    return sitesearch.ranked_hits(
        rows,
        query,
        count=qs.count() if len(rows) == 100 else len(rows),
        title=lambda p: f"{p.title_tr} {p.title_en}",
        hit=hit,
        limit=limit,
    )
