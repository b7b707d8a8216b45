from __future__ import annotations

from django.db.models import QuerySet

from kopru.core.text import search_key

from .models import Organisation


def organisation_list(
    *, q: str = "", type: str = "", district_id: int | None = None
) -> QuerySet[Organisation]:
    """Organisations visible in the active scope, in Turkish alphabetical order."""
    qs = Organisation.objects.select_related("district", "district__province").order_by("name_sort")
    for term in search_key(q).split():
        qs = qs.filter(name_search__contains=term)
    if type:
        qs = qs.filter(type=type)
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs
