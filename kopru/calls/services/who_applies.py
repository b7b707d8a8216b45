"""Writes of an office's lines of the who-applies table (:mod:`kopru.calls.matching`):
add, change and remove a line; each one audited, a change guarded by the line's version.

A line says, for the calls of a programme (and action types), which types of
organisation *apply* (lead a proposal) and which only *join as a partner*. The office's
lines come before the national defaults; the public matching page reads them at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.core.text import search_key
from kopru.organisations.models import OrganisationType

from ..matching import action_words
from ..models import WhoAppliesRule

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office

FIELDS = ("programme", "action_types", "leads", "partners", "note")


def _types(values: Iterable[str]) -> list[str]:
    """Known types of organisation, in the vocabulary's order, each once."""
    wanted = set(values)
    unknown = wanted - set(OrganisationType.values)
    if unknown:
        raise ApplicationError(
            _("Bilinmeyen kuruluş türü: %(types)s") % {"types": ", ".join(sorted(unknown))}
        )
    return [t for t in OrganisationType.values if t in wanted]


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    programme = " ".join(str(data.get("programme") or "").split())
    if not search_key(programme):
        raise ApplicationError(_("Programın adını yazın (ör. “Horizon Europe”, “LIFE”)."))
    actions = [" ".join(a.split()) for a in str(data.get("action_types") or "").split(",")]
    leads = _types(data.get("leads") or [])
    partners = _types(data.get("partners") or [])
    both = [str(OrganisationType(t).label) for t in leads if t in partners]
    if both:
        raise ApplicationError(
            _("Bir kuruluş türü hem başvuran hem ortak olamaz: %(types)s")
            % {"types": ", ".join(both)}
        )
    return {
        "programme": programme,
        "action_types": ", ".join(dict.fromkeys(a for a in actions if search_key(a))),
        "leads": leads,
        "partners": partners,
        "note": " ".join(str(data.get("note") or "").split()),
    }


def _refuse_duplicate(office_id: int, data: Mapping[str, Any], *, other_than: int | None) -> None:
    """One line per programme and action types: a second one would never apply."""
    key = (search_key(data["programme"]), set(action_words(data["action_types"])))
    rows = unscoped_manager(
        WhoAppliesRule, reason="the office's lines, to refuse a duplicate"
    ).filter(office_id=office_id)
    if other_than is not None:
        rows = rows.exclude(pk=other_than)
    for row in rows:
        if (search_key(row.programme), set(action_words(row.action_types))) == key:
            raise ApplicationError(
                _(
                    "Bu program ve faaliyet türleri için bir satırınız zaten var "
                    "(“%(line)s”); onu değiştirin."
                )
                % {"line": str(row)}
            )


@transaction.atomic
def who_applies_rule_create(
    *, office: Office, data: Mapping[str, Any], actor: User
) -> WhoAppliesRule:
    """Add a line to the office's table (before the national defaults)."""
    clean = _clean(data)
    _refuse_duplicate(office.pk, clean, other_than=None)
    return model_create(
        model=WhoAppliesRule,
        data={"office": office, **clean},
        actor=actor,
        action="calls.whoappliesrule.created",
    )


@transaction.atomic
def who_applies_rule_update(
    *,
    rule: WhoAppliesRule,
    data: Mapping[str, Any],
    actor: User,
    expected_version: int | None = None,
) -> WhoAppliesRule:
    """Change an office's line; refused if it changed since ``expected_version``."""
    clean = _clean({**{f: getattr(rule, f) for f in FIELDS}, **data})
    _refuse_duplicate(rule.office_id, clean, other_than=rule.pk)
    rule, _changes = model_update(
        instance=rule,
        data=clean,
        actor=actor,
        action="calls.whoappliesrule.updated",
        expected_version=expected_version,
    )
    return rule


@transaction.atomic
def who_applies_rule_remove(*, rule: WhoAppliesRule, actor: User) -> None:
    """Remove an office's line: the national default applies again."""
    audit_log(
        actor=actor,
        action="calls.whoappliesrule.deleted",
        obj=rule,
        data={f: getattr(rule, f) for f in FIELDS},
    )
    rule.delete()
