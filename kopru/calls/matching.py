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
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core import thesaurus
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
    # folded words of the portal identifier naming a strand of the programme, any of
    # ("cerv 2026 citizens town tt" has "citizens town"); empty: every call
    topics: tuple[str, ...] = ()
    # of ``leads``, the types that lead most often (empty: all alike); the others apply
    # too, less often (a university leads a Horizon IA, companies lead most)
    main: tuple[str, ...] = ()
    office_rule_id: int | None = field(default=None, compare=False)

    def matches(self, programme: str, action: str, level: str, identifier: str = "") -> bool:
        if self.levels and level not in self.levels:
            return False
        if self.programme and self.programme not in programme:
            return False
        if self.topics and not any(_action_has(identifier, t) for t in self.topics):
            return False
        return not self.actions or any(_action_has(action, a) for a in self.actions)


def _action_has(action: str, word: str) -> bool:
    return f" {word} " in f" {action} "


_HORIZON_RESEARCH = ("ria", "cofund", "pcp", "ppi", "fpa", "ipr")

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
    # Who coordinates (CORDIS, H2020 participations of the files): research and innovation
    # actions, research organisations and universities (80-87 %), companies 13-17 %;
    # innovation actions, companies 24-50 %, research organisations and universities the
    # rest; the EIC's accelerator and equity, start-ups and SMEs.
    Rule(
        "horizon-eic",
        "horizon",
        ("eic", "equ"),
        leads=("sme", "young_entrepreneur", "large_company", "university"),
        main=("sme", "young_entrepreneur"),
    ),
    Rule(
        "horizon-ia",
        "horizon",
        ("ia",),
        leads=RESEARCH,
        partners=("public_body", "municipality", "ngo", "chamber", "cooperative"),
        note_tr="genellikle şirketlerin ve araştırma kuruluşlarının konsorsiyumları başvurur; "
        "%(type)s ortak olarak katılır",
        note_en="usually applied for by consortia of companies and research organisations; "
        "a %(type)s joins as a partner",
        main=("sme", "large_company"),
    ),
    Rule(
        "horizon-research",
        "horizon",
        _HORIZON_RESEARCH,
        main=("university",),
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
        # A CSA funds coordination (networks, platforms, dissemination), not a small
        # company's own product: SMEs join (CORDIS, H2020: companies, most of them
        # consultancies, coordinate 10-20 % of CSAs; universities, research organisations,
        # public bodies and associations the rest).
        leads=("university", "large_company", "ngo", "public_body", "chamber"),
        partners=("sme", "municipality", "school", "cooperative", "local_administration"),
        note_tr="koordinasyon ve destek eylemi: ağlar, üniversiteler ve kuruluşlar yürütür; "
        "%(type)s ortak olarak katılır",
        note_en="coordination and support action: run by networks, universities and "
        "organisations; a %(type)s joins as a partner",
    ),
    # The Horizon prizes of the files: EDCTP3's prizes for scientists and research teams,
    # the Gender Equality Champions for organisations with a gender equality plan
    # (research organisations, universities).
    Rule("horizon-prize", "horizon", ("prize",), leads=RESEARCH),
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
    # LIFE operating grants (NGO-OG-FPA/SGA): "non-profit making entities ... primarily
    # active in the field of environment or climate action".
    Rule("life-ngo", "life", (), leads=("ngo",), topics=("ngo og",)),
    Rule(
        "life",
        "life",
        (),
        leads=(*PUBLIC, "ngo", "sme", "large_company", "university"),
        partners=("cooperative", "chamber", "school"),
    ),
    # CERV town twinning and networks of towns: towns, municipalities and their twinning
    # committees (portal keywords "Local authorities, Local governance").
    Rule(
        "cerv-towns",
        "cerv",
        (),
        leads=("municipality", "local_administration", "public_body"),
        partners=("ngo", "school", "university", "chamber", "cooperative"),
        note_tr="kardeş şehir ve şehir ağları: belediyeler başvurur; %(type)s ortak olarak katılır",
        note_en="town twinning and networks of towns: municipalities apply; a %(type)s joins "
        "as a partner",
        topics=("citizens town", "citizens net"),
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
    # Digital Europe deploys rather than researches: companies and administrations lead;
    # universities lead its advanced digital skills strand (the SKILLS topics: master's
    # programmes, skills hubs) and join the others; its "best use" strand (BESTUSE: digital
    # health services, Safer Internet Centres, multi-country projects) is for public bodies.
    Rule(
        "digital-europe-skills",
        "digital europe",
        (),
        leads=("university", "sme", "large_company", "public_body", "ngo"),
        partners=("school", "chamber", "municipality"),
        topics=("skills",),
    ),
    Rule(
        "digital-europe-bestuse",
        "digital europe",
        (),
        leads=("public_body", "ngo"),
        partners=("university", "sme", "large_company", "municipality"),
        note_tr="kamu hizmetinin dijitalleşmesi: kamu kurumları yürütür; %(type)s ortak olarak "
        "katılır",
        note_en="digital public services: public bodies run them; a %(type)s joins as a partner",
        topics=("bestuse",),
    ),
    Rule(
        "digital-europe",
        "digital europe",
        (),
        leads=("sme", "large_company", "public_body"),
        partners=("university", "municipality", "chamber", "ngo"),
        note_tr="dijital çözümlerin yaygınlaştırılması: şirketler ve kamu kurumları yürütür; "
        "%(type)s ortak olarak katılır",
        note_en="deploying digital solutions: companies and public bodies run it; a %(type)s "
        "joins as a partner",
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


#: The programmes' own names, for the panel's table (the rules match folded words).
PROGRAMME_NAMES = {
    "horizon": "Horizon Europe",
    "euratom": "Euratom",
    "rfcs": "Research Fund for Coal and Steel (RFCS)",
    "defence": "European Defence Fund (EDF)",
    "life": "LIFE",
    "cerv": "CERV",
    "justice": "Justice",
    "interreg": "Interreg",
    "ipa": "IPA",
    "erasmus": "Erasmus+",
    "creative europe": "Creative Europe",
    "digital europe": "Digital Europe",
    "connecting europe": "Connecting Europe Facility (CEF)",
    "esf": "ESF+",
    "emfaf": "EMFAF",
    "external action": "EU external action (EuropeAid)",
}


def rule_title(rule: Rule) -> str:
    """The programme a line is for, as staff read it."""
    if rule.office_rule_id is None and not rule.programme:
        return _("Diğer bütün AB çağrıları")
    return PROGRAMME_NAMES.get(rule.programme, rule.programme)


def rule_actions(rule: Rule) -> str:
    """The action types a line is for, as staff read them (empty: every call)."""
    return ", ".join(a.upper() for a in rule.actions)


def rule_topics(rule: Rule) -> str:
    """The strands of the programme a line is for, as the portal's identifiers write them."""
    return ", ".join(t.upper().replace(" ", "-") for t in rule.topics)


def default_rule(key: str) -> Rule | None:
    """The built-in line named ``key``."""
    return next((rule for rule in DEFAULT_RULES if rule.key == key), None)


def action_words(text: str) -> tuple[str, ...]:
    """An office line's action types (``"RIA, IA"``) as folded words, empty ones left out."""
    return tuple(w for w in (search_key(part) for part in text.split(",")) if w)


#: The placeholder an office's note writes for the visitor's type of organisation.
TYPE_PLACEHOLDERS = ("{tür}", "{type}")


def office_rule(row: Any) -> Rule:
    """An office's :class:`~kopru.calls.models.WhoAppliesRule` as a :class:`Rule`; its
    note is one text for both languages, ``{tür}`` standing for the type of organisation
    (and a ``%`` written by staff stays a ``%``)."""
    note = row.note.replace("%", "%%")
    for placeholder in TYPE_PLACEHOLDERS:
        note = note.replace(placeholder, "%(type)s")
    return Rule(
        key=f"office-{row.pk}",
        programme=search_key(row.programme),
        actions=action_words(row.action_types),
        leads=tuple(row.leads),
        partners=tuple(row.partners),
        note_tr=note,
        note_en=note,
        office_rule_id=row.pk,
    )


def note_for_display(rule: Rule, *, placeholder: str | None = None) -> str:
    """The rule's note in the active language: the type of organisation shown as
    "‹kuruluş türü›" (staff write ``{tür}`` there: ``placeholder="{tür}"``)."""
    english = (translation.get_language() or "tr")[:2] == "en"
    note = (rule.note_en if english else rule.note_tr) or rule.note_tr
    if placeholder is None:
        placeholder = _("‹kuruluş türü›")
    return note.replace("%(type)s", placeholder).replace("%%", "%")


@dataclass(frozen=True)
class CallKind:
    """What :func:`rule_for` reads of a call (a row of ``values()``, not a model)."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "programme",
        "programme_code",
        "action_type",
        "level",
        "call_identifier",
        "source_id",
    )

    programme: str
    programme_code: str
    action_type: str
    level: str
    call_identifier: str
    source_id: str


def call_programme(call: Any) -> str:
    return search_key(f"{call.programme} {call.programme_code}")


def call_action(call: Any) -> str:
    """The folded action type, split into its words (``HORIZON-JU-RIA`` → ``horizon ju ria``)."""
    return search_key(call.action_type or "")


def call_identifiers(call: Any) -> str:
    """The folded portal identifiers of the call and its topic, split into words."""
    return search_key(f"{call.call_identifier or ''} {call.source_id or ''}")


def rule_for(call: Any, office_rules: list[Rule] | tuple[Rule, ...] = ()) -> Rule | None:
    programme, action = call_programme(call), call_action(call)
    identifier = call_identifiers(call)
    for rule in (*office_rules, *DEFAULT_RULES):
        if rule.matches(programme, action, call.level, identifier):
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


@functools.lru_cache(maxsize=512)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def title_names(call: Any, sector: str) -> bool:
    """Whether the call's title names ``sector`` with a word of its thesaurus entry (either
    language, whole words): "data" in "exploitation of space data" is digital."""
    words = tuple(thesaurus.entry_words("sector", sector))
    title = search_key(f"{call.title_en or ''} {call.title_tr or ''}")
    return bool(words and title and _words_pattern(words).search(title))


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
            if rule.key.endswith("-other"):
                score += 2
            else:
                score += 4 if not rule.main or org_type in rule.main else 3
            reasons.append(
                _("bu programa başvuranlar arasında genellikle %(type)s yer alır")
                % {"type": type_label}
            )
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
    common_sectors = [s for s in call.sectors if s in sectors]
    # A group in common says less when the call is about other sectors than the
    # profile's work ("researchers" and "young people" are named by many topics).
    other_subject = bool(sectors and call.sectors and not common_sectors)
    target_labels = dict(TargetGroup.choices)
    for t in common_targets:
        reasons.append(_("hedef grup: %(g)s") % {"g": target_labels.get(t, t)})
        weight = 4 if t in priority_groups else 3
        score += weight / 2 if other_subject else weight
    sector_labels = dict(Sector.choices)
    # The first sector is the call's main subject (its programme or cluster: space for a
    # Horizon space topic, digital only second); the others say less, and less still
    # when a call carries many.
    per_other = min(1.0, 2 / max(len(call.sectors), 1))
    for s in common_sectors[:3]:
        reasons.append(_("sektör: %(s)s") % {"s": sector_labels.get(s, s)})
        score += 2 if s == call.sectors[0] else per_other
    titled = [s for s in sectors if title_names(call, s)]
    if titled:
        reasons.append(_("başlığında geçiyor: %(s)s") % {"s": sector_labels.get(titled[0])})
        score += 1.5
    if other_subject:
        score -= 2
    no_overlap = (sectors or target_groups) and not (common_sectors or common_targets)
    if no_overlap:
        if call.sectors or call.target_groups:
            return None  # about something else
        if partner_note:
            return None  # a partner's place in a call that says nothing of the profile's work
        if rule is None and not call.applicant_types:
            return None  # says neither who applies nor what it is about
    main_subject = bool(call.sectors) and call.sectors[0] in sectors
    if partner_note and (sectors or target_groups) and not (main_subject or common_targets):
        # Only a possible partner, in a call mainly about something else (a school and a
        # cancer research network tagged "education" too): not a match.
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
        # Up to 2 million euros a project a municipality, NGO or school can lead; above it
        # the call is consortium-scale, the more so above 5 million.
        if Decimal(call.grant_max) <= Decimal(2_000_000):
            score += 0.5
        else:
            score -= 2 if Decimal(call.grant_max) > Decimal(5_000_000) else 1
            reasons.append(_("proje başına bütçe büyük (konsorsiyum ölçeğinde)"))
    if not reasons and not partner_note:
        reasons.append(_("başvuru koşulları kuruluş türünü sınırlamıyor"))
    return Ranked(call, score, reasons, partner_note)
