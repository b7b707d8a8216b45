"""Periodic upkeep of partner searches."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.scheduler import periodic
from kopru.core.scoping import unscoped

from .models import PartnerSearch, PostStatus


@periodic(
    "partners.close_expired",
    "10 0 * * *",
    description=_("Süresi dolan ortak arama ilanlarını kapatır"),
)
def close_expired_posts() -> dict[str, int]:
    """Close every open post past its date (audited, as the system), in every office.

    An expired post already leaves the public list; closing it records when it ended
    and stops its private links from taking answers.
    """
    from .services import post_close

    closed = 0
    with unscoped("expired partner searches of every office"):
        posts = list(
            PartnerSearch.objects.filter(
                status=PostStatus.OPEN, expires_on__lt=timezone.localdate()
            ).select_related("office")
        )
        for post in posts:
            post_close(post=post, actor=None)
            closed += 1
    return {"closed": closed}
