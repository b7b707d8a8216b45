"""The office-wide public search: one box, every app's published records.

Each app that has public records declares a :class:`SearchProvider` on its
``AppConfig`` (core knows no app)::

    SearchProvider(
        key="calls",
        label=_("Çağrılar"),
        search=ref("kopru.calls.selectors.site_search"),
        list_url_name="public:calls:list",  # "see all": the app's own list with ?q=
        order=20,
    )

The page (``/<office>/ara/``, :mod:`kopru.offices.views`) checks the query
(:func:`parse_query`), then calls ``search(office, query, limit)`` of every provider
inside the request's **public scope**, so a provider reads through the scoped managers
and only sees what the model calls public for that office. It returns :class:`Hits`:
the number of matches and the first ``limit`` of them, best first, as :class:`Hit`.

Folding is :func:`kopru.core.text.search_key` everywhere. Apps with a full-text column
use :func:`kopru.core.search.fulltext_filter` (calls with the bilingual thesaurus);
small collections without one match in Python with :func:`text_matcher`, which gives a
query the same meaning (the thesaurus' groups, prefixes from five letters) over
folded texts. :func:`rank` puts records whose title matches first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .i18n import current_language, localized
from .registry import Declaration, registry
from .text import search_key, search_terms
from .thesaurus import Alternative, Group, expand

#: The longest query accepted (characters, after trimming).
MAX_QUERY = 100
#: The shortest query (folded characters): one letter finds everything.
MIN_QUERY = 2
#: Results shown per kind on the page of every kind; a kind's own page shows more.
PER_KIND = 5
KIND_LIMIT = 50


@dataclass(frozen=True)
class Hit:
    """One result: what the page shows of a record."""

    title: str
    url: str
    summary: str = ""
    when: Any = None  # a date or datetime shown beside the title
    note: str = ""  # a short status ("Açık", "Tamamlandı")
    lang: str = ""  # the language of title/summary when it is not the page's


@dataclass(frozen=True)
class Hits:
    count: int
    items: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchProvider(Declaration):
    """An app's public records for the office-wide search.

    ``search(office, query, limit)`` -> :class:`Hits`, called in the public scope of
    ``office``; ``list_url_name`` is the app's public list that filters by ``?q=`` the
    same way (its "see all" link); without one, "see all" opens the search page on this
    kind alone.
    """

    kind = "search_providers"
    key: str
    label: Any  # a lazy translation (plural: "Çağrılar")
    search: Callable[[Any, str, int], Hits]
    list_url_name: str = ""
    query_param: str = "q"

    def unique_key(self) -> str:
        return self.key


def providers() -> list[SearchProvider]:
    return registry.of(SearchProvider)


@dataclass(frozen=True)
class Query:
    text: str = ""
    kind: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.text) and not self.error


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_query(params: Any) -> Query:
    """``?q=<text>&tur=<kind>`` checked: a message for the form, never an exception."""
    raw_q = params.getlist("q") if hasattr(params, "getlist") else [params.get("q", "")]
    raw_kind = params.get("tur", "") or ""
    kinds = {p.key for p in providers()}
    kind = raw_kind if raw_kind in kinds else ""
    if raw_kind and not kind:
        return Query(kind="", error=str(_("Bilinmeyen bir kayıt türü seçildi.")))
    if len(raw_q) > 1:
        return Query(kind=kind, error=str(_("Tek bir arama metni yazın.")))
    q = (raw_q[0] if raw_q else "") or ""
    if _CONTROL.search(q):
        return Query(kind=kind, error=str(_("Arama metninde geçersiz karakterler var.")))
    q = " ".join(q.split())
    if not q:
        return Query(kind=kind)
    if len(q) > MAX_QUERY:
        return Query(
            text=q[:MAX_QUERY],
            kind=kind,
            error=str(_("Arama metni en çok %(n)d karakter olabilir.") % {"n": MAX_QUERY}),
        )
    if len("".join(search_terms(q))) < MIN_QUERY:
        return Query(
            text=q,
            kind=kind,
            error=str(_("En az %(n)d harf ya da rakam yazın.") % {"n": MIN_QUERY}),
        )
    return Query(text=q, kind=kind)


@dataclass
class ResultGroup:
    provider: SearchProvider
    hits: Hits


def run(office: Any, query: str, *, kind: str = "", limit: int = PER_KIND) -> list[ResultGroup]:
    """Every provider's hits for ``query`` (or only ``kind``'s), in declaration order;
    call inside the office's public scope."""
    out = []
    for provider in providers():
        if kind and provider.key != kind:
            continue
        out.append(ResultGroup(provider, provider.search(office, query, limit)))
    return out


# -- matching in Python (collections without a full-text column) ---------------------


def _pattern(alt: Alternative) -> str:
    phrase = re.escape(" ".join(alt.words))
    return r"(?<![a-z0-9])" + phrase + ("" if alt.prefix else r"(?![a-z0-9])")


def groups_of(query: str, *, expanded: bool = True) -> list[Group]:
    """The query's groups of alternatives (the thesaurus' when ``expanded``)."""
    if expanded:
        return expand(query)
    return [(Alternative((t,), prefix=True),) for t in search_terms(query)]


def text_matcher(query: str, *, expanded: bool = True) -> Callable[[str], bool]:
    """A test of a **folded** text (:func:`search_key`) against ``query``: every group
    has an alternative at the start of a word of the text (a whole word for short
    thesaurus words), as the full-text index would match."""
    patterns = [
        re.compile("|".join(_pattern(a) for a in group))
        for group in groups_of(query, expanded=expanded)
    ]
    if not patterns:
        return lambda text: False
    return lambda text: all(p.search(text) for p in patterns)


def matching(
    rows: Iterable[Any], query: str, texts: Callable[[Any], Sequence[str]], *, expanded: bool = True
) -> list[Any]:
    """The rows whose texts (raw, folded here) match ``query``, ranked by :func:`rank`
    on the first text (the title), stable otherwise."""
    test = text_matcher(query, expanded=expanded)
    found = []
    for row in rows:
        parts = [search_key(t) for t in texts(row)]
        if test(" ".join(parts)):
            found.append((row, parts[0] if parts else ""))
    titled = rank([title for _row, title in found], query, expanded=expanded)
    return [found[i][0] for i in titled]


def rank(titles: Sequence[str], query: str, *, expanded: bool = True) -> list[int]:
    """The positions of ``titles`` (folded or not) reordered: titles that match the whole
    query first, then those matching more of its groups, the given order otherwise."""
    groups = groups_of(query, expanded=expanded)
    patterns = [re.compile("|".join(_pattern(a) for a in g)) for g in groups]

    def score(i: int) -> tuple[int, int]:
        folded = search_key(titles[i])
        hit = sum(1 for p in patterns if p.search(folded))
        return (-(hit == len(patterns) and hit > 0), -hit)

    return sorted(range(len(titles)), key=lambda i: (*score(i), i))


def hit_of(
    obj: Any, url: str, *, title: str = "title", summary: str = "summary", **extra: Any
) -> Hit:
    """A :class:`Hit` of a record with ``<title>_tr/_en`` and ``<summary>_tr/_en`` fields,
    in the page's language where it has one (``lang`` says when it has not)."""
    lang = current_language()
    shown = localized(obj, title)
    other = "" if getattr(obj, f"{title}_{lang}", "") else ("en" if lang == "tr" else "tr")
    text = localized(obj, summary, other or lang) if summary else ""
    return Hit(title=shown, url=url, summary=excerpt(text), lang=other, **extra)


def excerpt(text: str | None, length: int = 180) -> str:
    """A plain one-line excerpt of ``text`` (HTML tags dropped)."""
    plain = " ".join(re.sub(r"<[^>]+>", " ", text or "").split())
    if len(plain) <= length:
        return plain
    return plain[: length - 1].rsplit(" ", 1)[0] + "…"


def search_rows(
    rows: Iterable[Any],
    query: str,
    *,
    texts: Callable[[Any], Sequence[str]],
    hit: Callable[[Any], Hit],
    limit: int,
    expanded: bool = True,
) -> Hits:
    """:class:`Hits` of the ``rows`` (a small collection read whole) matching ``query``
    in Python; ``texts(row)`` gives the title first."""
    found = matching(rows, query, texts, expanded=expanded)
    return Hits(count=len(found), items=[hit(row) for row in found[:limit]])


def ranked_hits(
    rows: Iterable[Any],
    query: str,
    *,
    count: int,
    title: Callable[[Any], str],
    hit: Callable[[Any], Hit],
    limit: int,
    expanded: bool = True,
) -> Hits:
    """:class:`Hits` of candidate ``rows`` the database matched (``count`` in all),
    those whose title matches the query first."""
    rows = list(rows)
    order = rank([title(row) for row in rows], query, expanded=expanded)
    return Hits(count=count, items=[hit(rows[i]) for i in order[:limit]])
