"""Who really applies to a call: the table per programme and action type, and the ranking.

A call's explicit eligibility (``applicant_types``) says who *may* apply; it is often
empty for EU topics (the portal does not give it in a field) or lists every legal
entity. Who *actually* leads a proposal depends on the programme and the type of
action: a Horizon Europe research and innovation action (RIA) is led by a research
consortium — universities, research centres, companies — and a municipality at most
joins it as a partner; a LIFE standard action project, a CERV or an Interreg call is
led by municipalities, public bodies and NGOs; Erasmus+ KA1/KA2 by schools, NGOs and
youth groups.

:data:`DEFAULT_RULES` is that table, written from the programmes and action types of the
real files (``../shared/data/eu-ft-calls-2026``: ``programme`` and ``actionType`` /
``typesOfAction`` of the 629 topics; the Horizon Europe 2024 topics; the development
agencies' and the AB Başkanlığı's announcements). An office changes it for its catalogue
with :class:`~kopru.calls.models.WhoAppliesRule` rows (panel: "Kimler başvurur"), which
come before the defaults. The first rule whose programme and action type match the call
applies.

:func:`rank` scores one call for one profile and gives the reasons shown with the result:
explicit eligibility, the who-applies rule (lead / only a possible partner / neither),
sectors and target groups in common (the office's priority groups weigh more), the
deadline (time enough to prepare) and the grant size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core.text import search_key
from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup
from kopru.organisations.models import OrganisationType

RESEARCH = ("university", "sme", "large_company")
PUBLIC = ("municipality", "public_body", "local_administration")
CIVIC = ("ngo", "cooperative", "chamber")


@dataclass(frozen=True)
class Rule:
    """Who leads and who joins the calls of a programme (and action types)."""

    key: str
    programme: str  # folded words the call's programme must contain ("" = any)
    actions: tuple[str, ...]  # folded action-type words, any of ("" = any)
    leads: tuple[str, ...]
    partners: tuple[str, ...] = ()
    note_tr: str = ""
    note_en: str = ""
    levels: tuple[str, ...] = ()  # call levels the rule is for ("" = any)
    office_rule_id: int | None = field(default=None, compare=False)

    def matches(self, programme: str, action: str, level: str) -> bool:
        if self.levels and level not in self.levels:
            return False
        if self.programme and self.programme not in programme:
            return False
        return not self.actions or any(_action_has(action, a) for a in self.actions)


def _action_has(action: str, word: str) -> bool:
    return f" {word} " in f" {action} "


_HORIZON_RESEARCH = ("ria", "ia", "cofund", "pcp", "ppi", "fpa", "eic", "equ", "ipr")

#: The defaults (see the module), most specific first.
DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "horizon-msca",
        "horizon",
        ("msca",),
        leads=("university", "large_company", "sme"),
        note_tr="araştırmacı hareketliliği: üniversiteler ve araştırma kuruluşları başvurur",
        note_en="researcher mobility: universities and research organisations apply",
    ),
    Rule(
        "horizon-research",
        "horizon",
        _HORIZON_RESEARCH,
        leads=RESEARCH,
        partners=("public_body", "municipality", "ngo", "chamber", "cooperative"),
        note_tr="genellikle araştırma konsorsiyumları (üniversiteler, araştırma merkezleri, "
        "şirketler) başvurur; %(type)s ortak olarak katılır",
        note_en="usually applied for by research consortia (universities, research centres, "
        "companies); a %(type)s joins as a partner",
    ),
    Rule(
        "horizon-csa",
        "horizon",
        ("csa",),
        leads=(*RESEARCH, "ngo", "public_body", "chamber"),
        partners=("municipality", "school", "cooperative", "local_administration"),
        note_tr="koordinasyon ve destek eylemi: ağlar, üniversiteler ve kuruluşlar yürütür; "
        "%(type)s ortak olarak katılır",
        note_en="coordination and support action: run by networks, universities and "
        "organisations; a %(type)s joins as a partner",
    ),
    Rule("horizon-prize", "horizon", ("prize",), leads=(*RESEARCH, "ngo", "young_entrepreneur")),
    Rule(
        "horizon-other",
        "horizon",
        (),
        leads=RESEARCH,
        partners=("public_body", "municipality", "ngo", "chamber"),
        note_tr="genellikle araştırma konsorsiyumları başvurur; %(type)s ortak olarak katılır",
        note_en="usually applied for by research consortia; a %(type)s joins as a partner",
    ),
    Rule("euratom", "euratom", (), leads=RESEARCH),
    Rule("rfcs", "rfcs", (), leads=RESEARCH),
    Rule(
        "defence",
        "defence",
        (),
        leads=("large_company", "sme"),
        partners=("university",),
    ),
    Rule(
        "life",
        "life",
        (),
        leads=(*PUBLIC, "ngo", "sme", "large_company", "university"),
        partners=("cooperative", "chamber", "school"),
    ),
    Rule(
        "cerv",
        "cerv",
        (),
        leads=(*PUBLIC, "ngo"),
        partners=("university", "school", "chamber"),
    ),
    Rule("justice", "justice", (), leads=("ngo", "public_body", "university")),
    Rule("interreg", "interreg", (), leads=(*PUBLIC, "university", "chamber", "ngo", "sme")),
    Rule("ipa", "ipa", (), leads=(*PUBLIC, "ngo", "chamber", "cooperative", "university")),
    Rule(
        "erasmus",
        "erasmus",
        (),
        leads=("school", "ngo", "university", "municipality", "public_body"),
        partners=("sme", "chamber", "local_administration"),
    ),
    Rule(
        "creative-europe",
        "creative europe",
        (),
        leads=("ngo", "sme"),
        partners=("municipality", "university", "public_body"),
    ),
    Rule(
        "digital-europe",
        "digital europe",
        (),
        leads=("sme", "large_company", "public_body", "university"),
        partners=("municipality", "chamber", "ngo"),
    ),
    Rule(
        "cef",
        "connecting europe",
        (),
        leads=("public_body", "large_company", "municipality"),
        partners=("sme", "university"),
    ),
    Rule(
        "eu-social",
        "esf",
        (),
        leads=(*PUBLIC, "ngo"),
        partners=("university", "chamber", "cooperative"),
    ),
    Rule("emfaf", "emfaf", (), leads=(*PUBLIC, "ngo", "cooperative", "sme", "university")),
    # EuropeAid calls for one partner country (Jamaica, Benin, North Macedonia, ...):
    # organisations of that country apply, not Turkish ones.
    Rule("eu-external", "external action", (), leads=()),
    Rule(
        "eu-other",
        "",
        (),
        leads=(*PUBLIC, "ngo", "university", "sme", "large_company", "chamber"),
        levels=("eu",),
    ),
)


def call_programme(call: Any) -> str:
    return search_key(f"{call.programme} {call.programme_code}")


def call_action(call: Any) -> str:
    """The folded action type, split into its words (``HORIZON-JU-RIA`` → ``horizon ju ria``)."""
    return search_key(call.action_type or "")


def rule_for(call: Any, office_rules: list[Rule] | tuple[Rule, ...] = ()) -> Rule | None:
    programme, action = call_programme(call), call_action(call)
    for rule in (*office_rules, *DEFAULT_RULES):
        if rule.matches(programme, action, call.level):
            return rule
    return None


def rule_text(rule: Rule) -> str:
    labels = dict(OrganisationType.choices)
    leads = ", ".join(str(labels.get(t, t)) for t in rule.leads)
    out = _("başvuranlar: %(leads)s") % {"leads": leads}
    if rule.partners:
        partners = ", ".join(str(labels.get(t, t)) for t in rule.partners)
        out += "; " + _("ortak olarak: %(partners)s") % {"partners": partners}
    return out


@dataclass
class Ranked:
    call: Any
    score: float
    reasons: list[str]
    partner_note: str = ""


def rank(
    call: Any,
    *,
    org_type: str,
    sectors: list[str],
    target_groups: list[str],
    plate: str = "",
    office_rules: list[Rule] | tuple[Rule, ...] = (),
    priority_groups: frozenset[str] = PRIORITY_TARGET_GROUPS,
    now: dt.datetime | None = None,
) -> Ranked | None:
    """The score and reasons of ``call`` for the profile; ``None`` if it cannot apply."""
    now = now or timezone.now()
    type_label = str(dict(OrganisationType.choices).get(org_type, org_type))
    reasons: list[str] = []
    score = 0.0
    partner_note = ""
    if call.applicant_types:
        if org_type not in call.applicant_types:
            return None
        reasons.append(_("çağrıda %(type)s başvurabilir diye yazıyor") % {"type": type_label})
        score += 3
    if call.eligible_plates:
        if not plate or plate not in call.eligible_plates:
            return None
        reasons.append(_("ilinizdeki kuruluşlara açık"))
        score += 2
    rule = rule_for(call, office_rules)
    if rule is not None:
        if org_type in rule.leads:
            score += 2 if rule.key.endswith("-other") else 4
            reasons.append(_("bu programa genellikle %(type)s da başvurur") % {"type": type_label})
        elif org_type in rule.partners:
            score -= 3
            english = (translation.get_language() or "tr")[:2] == "en"
            template = (rule.note_en if english else rule.note_tr) or _(
                "genellikle başka kuruluşlar başvurur; %(type)s ortak olarak katılır"
            )
            try:
                partner_note = template % {"type": type_label}
            except (KeyError, TypeError, ValueError):
                partner_note = template
        elif not call.applicant_types:
            return None  # neither leads nor joins calls of this kind
    common_targets = [t for t in call.target_groups if t in target_groups]
    target_labels = dict(TargetGroup.choices)
    for t in common_targets:
        reasons.append(_("hedef grup: %(g)s") % {"g": target_labels.get(t, t)})
        score += 4 if t in priority_groups else 3
    common_sectors = [s for s in call.sectors if s in sectors]
    sector_labels = dict(Sector.choices)
    # A call tagged with many sectors says less about each of them.
    per_sector = 2 * min(1.0, 2 / max(len(call.sectors), 1))
    for s in common_sectors[:3]:
        reasons.append(_("sektör: %(s)s") % {"s": sector_labels.get(s, s)})
        score += per_sector
    no_overlap = (sectors or target_groups) and not (common_sectors or common_targets)
    if no_overlap and (call.sectors or call.target_groups):
        return None
    deadline = call.next_deadline
    if deadline is not None and deadline >= now:
        days = (deadline - now).days
        if days < 10:
            score -= 1
            reasons.append(_("son başvuruya %(d)d gün var: hazırlık için az") % {"d": days})
        elif days <= 180:
            score += 0.5
    small = org_type in ("municipality", "ngo", "school", "cooperative", "local_administration")
    grant = call.grant_max or call.budget_total
    if small and grant is not None and call.grant_max is not None:
        if Decimal(call.grant_max) <= Decimal(2_000_000):
            score += 0.5
        elif Decimal(call.grant_max) > Decimal(5_000_000):
            score -= 1
            reasons.append(_("proje başına bütçe büyük (konsorsiyum ölçeğinde)"))
    if not reasons and not partner_note:
        reasons.append(_("başvuru koşulları kuruluş türünü sınırlamıyor"))
    return Ranked(call, score, reasons, partner_note)
