"""Sector and target-group tags of imported calls, from the source's own fields first.

The EU portal says what a topic is about in fields of its own: the programme, the call
identifier (``HORIZON-CL5-2026-...`` is cluster 5, climate, energy and mobility;
``CEF-T-...`` is transport), the cluster, the types of action and the portal keywords
("Climate change adaptation", "Agriculture / Rural Development / Fisheries"). Those
decide the tags. Free text (title and description) is used only for what the fields
leave open, whole words only (``spor`` is not in ``transport``, ``sme`` not in
``assessment``) and only above a threshold: a sector needs two occurrences of its
words, a target group two occurrences (or one in the title or keywords). The reasons
are kept with the call (``tagging_reason``: "çevre: program LIFE; anahtar sözcük
climate"), shown to staff; an expert's correction is kept over re-imports
(``tags_by_expert``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kopru.core.text import search_key

#: (folded identifier prefix, sectors): the most specific first.
IDENTIFIER_SECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("horizon cl1", ("health",)),
    ("horizon hlth", ("health",)),
    ("horizon cl2", ("culture", "social")),
    ("horizon cl3", ("space",)),
    ("horizon cl4 2026 space", ("space", "digital")),
    ("horizon cl4 2027 space", ("space", "digital")),
    ("horizon cl4", ("digital", "industry")),
    ("horizon cl5", ("energy", "environment")),
    ("horizon cl6", ("agriculture", "environment")),
    ("horizon miss", ()),
    ("horizon widera", ("research",)),
    ("horizon msca", ("research", "education")),
    ("horizon eic", ("industry", "research")),
    ("horizon infra", ("research",)),
    ("horizon euratom", ("energy", "research")),
    ("horizon ju chips", ("digital",)),
    ("horizon ju gh", ("health",)),
    ("cef t", ("transport",)),
    ("cef e", ("energy",)),
    ("cef dig", ("digital",)),
    ("erasmus sport", ("youth",)),
    ("erasmus youth", ("youth",)),
    ("erasmus edu", ("education",)),
    ("erasmus", ("education",)),
    ("cerv", ("social", "governance")),
    ("life", ("environment",)),
    ("edf", ("space",)),
    ("rfcs", ("industry", "energy")),
    ("digital", ("digital",)),
    ("emfaf", ("agriculture", "environment")),
    ("esf", ("social",)),
    ("isf", ("space",)),
    ("just", ("governance",)),
    ("crea", ("culture",)),
    ("i3", ("industry", "research")),
)
#: Missions by their identifier word.
MISSION_SECTORS = {
    "cancer": ("health",),
    "clima": ("environment",),
    "ocean": ("environment",),
    "soil": ("agriculture", "environment"),
    "cit": ("transport", "environment"),
}
#: LIFE sub-programmes: clean energy transition is energy, not environment.
LIFE_CET = ("energy",)

#: Sector words (folded, whole words or phrases) for portal keywords and free text.
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "agriculture": (
        "agriculture",
        "agricultural",
        "rural",
        "farming",
        "fisheries",
        "food",
        "tarim",
        "kirsal",
    ),
    "culture": ("culture", "cultural", "heritage", "creative", "kultur", "kulturel"),
    "digital": (
        "digital",
        "artificial intelligence",
        "cybersecurity",
        "data",
        "software",
        "dijital",
    ),
    "education": ("education", "training", "school", "schools", "learning", "egitim", "okul"),
    "energy": ("energy", "renewable", "hydrogen", "electricity", "enerji"),
    "environment": (
        "environment",
        "environmental",
        "climate",
        "biodiversity",
        "circular economy",
        "pollution",
        "cevre",
        "iklim",
    ),
    "health": ("health", "disease", "diseases", "medical", "cancer", "saglik"),
    "industry": ("industry", "industrial", "sme", "smes", "manufacturing", "sanayi", "kobi"),
    "research": ("research", "innovation", "arastirma", "inovasyon"),
    "social": ("social inclusion", "inclusion", "employment", "poverty", "sosyal", "istihdam"),
    "space": ("space", "satellite", "defence", "security", "uzay", "savunma"),
    "tourism": ("tourism", "turizm"),
    "transport": ("transport", "mobility", "vehicles", "aviation", "rail", "ulasim"),
    "youth": ("youth", "young people", "sport", "genclik", "genc", "spor"),
}
TARGET_WORDS: dict[str, tuple[str, ...]] = {
    "youth": ("youth", "young people", "genc", "gencler"),
    "young_entrepreneurs": ("young entrepreneurs", "genc girisimci"),
    "youth_workers": ("youth workers", "youth worker", "genclik calisanlari"),
    "disadvantaged": ("disadvantaged", "fewer opportunities", "vulnerable", "dezavantajli"),
    "women": ("women", "gender", "kadin", "kadinlar"),
    "disabled": ("disabilities", "disability", "engelli", "engelliler"),
    "migrants": ("migrants", "refugees", "gocmen", "multeci"),
    "researchers": ("researchers", "arastirmaci"),
    "students": ("students", "ogrenci", "ogrenciler"),
    "entrepreneurs": ("smes", "sme", "start ups", "startups", "entrepreneurs", "girisimci", "kobi"),
    "farmers": ("farmers", "ciftci", "ciftciler"),
}
#: Occurrences of a group's words in free text needed to tag it.
TEXT_THRESHOLD = 2


@dataclass
class Tags:
    sectors: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, code: str, reason: str) -> None:
        target = self.sectors if kind == "sector" else self.target_groups
        if code not in target:
            target.append(code)
        self.reasons.setdefault(f"{kind}:{code}", []).append(reason)

    def reason_text(self) -> str:
        return "; ".join(
            f"{key.split(':', 1)[1]}: {', '.join(r)}" for key, r in self.reasons.items()
        )


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


_SECTOR_RE = {code: _pattern(words) for code, words in SECTOR_WORDS.items()}
# "social mobility" and "learning mobility" are not transport.
_SECTOR_RE["transport"] = re.compile(
    r"\b(?:transport|(?<!social )(?<!learning )mobility|vehicles|aviation|rail|ulasim)\b"
)
_TARGET_RE = {code: _pattern(words) for code, words in TARGET_WORDS.items()}


def derive(
    *,
    programme: str,
    identifier: str,
    keywords: list[str],
    title: str,
    text: str,
    cross_cutting: str = "",
) -> Tags:
    """The tags of one imported call and why (see the module)."""
    tags = Tags()
    ident = search_key(identifier)
    prog = search_key(programme)
    for prefix, sectors in IDENTIFIER_SECTORS:
        if ident.startswith(prefix + " ") or ident == prefix:
            chosen = sectors
            if prefix == "life" and " cet" in f" {ident}":
                chosen = LIFE_CET
            if prefix == "horizon miss":
                chosen = next(
                    (s for w, s in MISSION_SECTORS.items() if f" {w} " in f" {ident} "), ()
                )
            for code in chosen:
                tags.add("sector", code, f"identifier {identifier.split('-20')[0]}")
            break
    if not tags.sectors and prog:
        for prefix, sectors in IDENTIFIER_SECTORS:
            if prog.startswith(prefix):
                for code in sectors:
                    tags.add("sector", code, f"programme {programme}")
                break
    folded_keywords = [search_key(k) for k in keywords]
    for keyword, folded in zip(keywords, folded_keywords, strict=True):
        for code, pattern in _SECTOR_RE.items():
            if pattern.search(folded):
                tags.add("sector", code, f"keyword {keyword}")
        for code, pattern in _TARGET_RE.items():
            if pattern.search(folded):
                tags.add("target", code, f"keyword {keyword}")
    folded_title = search_key(title)
    for code, pattern in _TARGET_RE.items():
        if pattern.search(folded_title):
            tags.add("target", code, "title")
    body = search_key(f"{title} {text} {cross_cutting}")
    if not tags.sectors:
        for code, pattern in _SECTOR_RE.items():
            n = len(pattern.findall(body))
            if n >= TEXT_THRESHOLD:
                tags.add("sector", code, f"text ×{n}")
    # A transport or energy topic is not about young people because its text says
    # "young" twice; its fields would have said so.
    technical = {"transport", "energy", "space"} & set(tags.sectors)
    youthful = {"youth", "education", "social"} & set(tags.sectors)
    for code, pattern in _TARGET_RE.items():
        if code in tags.target_groups:
            continue
        if code.startswith("youth") and technical and not youthful:
            continue
        n = len(pattern.findall(body))
        if n >= TEXT_THRESHOLD:
            tags.add("target", code, f"text ×{n}")
    return tags
