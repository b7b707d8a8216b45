"""Panel lists: sortable columns, page size, pages — one validated state from the query.

A view names the columns a user may sort by and the fields each sorts on, then pages::

    listing = paged_list(request, qs, sorts={"title": ("title_sort",),
                                             "start": ("start_date", "title_sort")},
                         default="title")
    render(..., {"page": listing.page, "listing": listing})

``?sort=start`` sorts ascending, ``?sort=-start`` descending; ``?size=`` is one of
:data:`PAGE_SIZES`; ``?page=`` a page number (out of range: the last page). An unknown
sort key or page size is a 400 (``BadRequest``), never a silent default. The template
tags ``sort_header`` (``kopru`` library: a column header with its link and ``aria-sort``)
and ``includes/pagination.html`` (first/last, page jump, page size, the count in words)
read ``listing``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet

PAGE_SIZES = (10, 25, 50, 100)


@dataclass(frozen=True)
class Listing:
    page: Page[Any]
    sort: str  # the key, without its sign
    descending: bool
    size: int
    default_size: int
    sizes: tuple[int, ...]

    @property
    def sort_param(self) -> str:
        return f"-{self.sort}" if self.descending else self.sort

    def direction_of(self, key: str) -> str:
        """``ascending``, ``descending`` or ``none`` (the value of ``aria-sort``)."""
        if key != self.sort:
            return "none"
        return "descending" if self.descending else "ascending"


def _order(fields: Sequence[str], descending: bool) -> list[Any]:
    """A field named ``-field`` sorts the other way round from the column (newest first
    as a tie-break of an ascending status column, say); empty values always come last."""
    order = []
    for field in fields:
        reverse = field.startswith("-") != descending
        expr = F(field.lstrip("-"))
        order.append(expr.desc(nulls_last=True) if reverse else expr.asc(nulls_last=True))
    return order


def paged_list(
    request: Any,
    qs: QuerySet[Any],
    *,
    sorts: Mapping[str, Sequence[str]],
    default: str,
    default_size: int = 25,
    sizes: tuple[int, ...] = PAGE_SIZES,
) -> Listing:
    """Sort and page ``qs`` as the query asks (400 for an unknown sort or size)."""
    raw = str(request.GET.get("sort", "") or default).strip()
    descending = raw.startswith("-")
    key = raw.lstrip("-")
    if key not in sorts:
        raise BadRequest(f"sort: one of {', '.join(sorted(sorts))} (prefix - to reverse)")
    size_raw = str(request.GET.get("size", "") or "").strip()
    if size_raw:
        if not size_raw.isdigit() or int(size_raw) not in sizes:
            raise BadRequest(f"size: one of {', '.join(map(str, sizes))}")
        size = int(size_raw)
    else:
        size = default_size
    ordered = qs.order_by(*_order(sorts[key], descending), "-pk" if descending else "pk")
    page = Paginator(ordered, size).get_page(request.GET.get("page"))
    return Listing(page, key, descending, size, default_size, sizes)
