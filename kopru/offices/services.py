from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from kopru.core.errors import ApplicationError
from kopru.core.registry import registry
from kopru.core.services import model_update

from .models import Office

if TYPE_CHECKING:
    from kopru.accounts.models import User


def office_update(
    *, office: Office, data: dict[str, Any], actor: User, expected_version: int | None
) -> Office:
    """Change the office's profile (coordinator or national admin)."""
    office, _changes = model_update(
        instance=office,
        data=data,
        actor=actor,
        action="offices.office.updated",
        expected_version=expected_version,
    )
    return office


#: At most this many items featured in one home block.
MAX_FEATURED = 6


def office_home_layout_update(
    *, office: Office, layout: list[dict[str, Any]], actor: User, expected_version: int | None
) -> Office:
    """Which blocks the public home shows, in what order, and the items each features
    (``[{"key", "shown", "featured": [pk, ...]}, ...]`` in page order); audited.

    Every key must be a declared block, at most once; featured items must be among the
    block's candidates (its public records) and at most ``MAX_FEATURED``."""
    declared = {s.section_key: s for s in registry.home_sections}
    clean: list[dict[str, Any]] = []
    for row in layout:
        key = row.get("key")
        if key not in declared or key in {r["key"] for r in clean}:
            raise ApplicationError(_("Bilinmeyen ana sayfa bölümü: %(key)s") % {"key": key})
        section = declared[key]
        featured = [int(pk) for pk in row.get("featured") or []]
        if featured:
            if section.featurable is None:
                raise ApplicationError(_("Bu bölümde öne çıkarılacak içerik seçilemez."))
            if len(featured) > MAX_FEATURED:
                raise ApplicationError(
                    _("Bir bölümde en çok %(n)d içerik öne çıkarılabilir.") % {"n": MAX_FEATURED}
                )
            allowed = {pk for pk, _title in section.featurable(office)}
            if not set(featured) <= allowed:
                raise ApplicationError(
                    _("Öne çıkarılan içeriklerden biri yayında değil ya da bu ofisin değil.")
                )
        clean.append({"key": key, "shown": bool(row.get("shown")), "featured": featured})
    office, _changes = model_update(
        instance=office,
        data={"home_layout": clean},
        actor=actor,
        action="offices.home_layout.updated",
        expected_version=expected_version,
    )
    return office
