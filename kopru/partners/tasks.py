"""Periodic upkeep of partner searches."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kopru.core.scheduler import periodic

from . import services


@periodic(
    "partners.close_expired",
    "10 0 * * *",
    description=_("Süresi dolan ortak arama ilanlarını kapatır"),
)
def close_expired_posts() -> dict[str, int]:
    return {"closed": services.posts_close_expired()}
