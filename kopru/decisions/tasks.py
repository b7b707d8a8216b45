"""Periodic work of the decisions register: reminding owners before due dates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kopru.core.scheduler import periodic

from . import services


@periodic(
    "decisions.remind_owners",
    "0 9 * * *",
    description=_("Bitiş tarihi yaklaşan ve geciken kararların sorumlularına hatırlatma gönderir"),
)
def remind_owners() -> dict[str, int]:
    return {"reminded": services.decisions_remind()}
