from __future__ import annotations

from django.db.models import QuerySet

from kopru.core.text import search_key

from .models import District, Province


def province_list() -> QuerySet[Province]:
    return Province.objects.order_by("name_sort")


def district_list(*, province: Province | None = None, q: str = "") -> QuerySet[District]:
    qs = District.objects.select_related("province").order_by("province__name_sort", "name_sort")
    if province is not None:
        qs = qs.filter(province=province).order_by("name_sort")
    if q:
        qs = qs.filter(name_search__contains=search_key(q))
    return qs
