"""The one vocabulary of sectors and target groups, shared by every capability.

Calls, projects and whatever matches or reports across them (a call for a project,
an organisation's profile, the offices' statistics) tag records with these codes,
so a code means the same thing everywhere. The codes are stored (JSON lists, the
calls' facet index, the projects' ``tags`` column, saved searches); the labels are
not, so a label may be reworded freely but a code only with a data migration.

How the two former lists were merged (calls' ``kopru.calls`` and the project
inventory's ``kopru.projects`` choices, until the migrations ``calls 0007`` and
``projects 0003``):

Sectors

* ``transport`` ("Ulaşım, hareketlilik ve kentsel gelişme") is the calls' ``mobility``
  and the projects' ``transport``. The code is ``transport`` because in EU
  programmes "mobility" mostly means *learning* mobility (Erasmus+ key action 1),
  which is education and youth, not a sector of its own.
* ``industry`` ("Sanayi, KOBİ'ler ve girişimcilik") is the calls' ``industry``
  ("Sanayi ve KOBİ") and the projects' ``economy`` ("Ekonomi ve girişimcilik"): both
  lists had exactly one sector for supporting enterprises, and they were used for
  the same calls and projects (SME support, competitiveness, entrepreneurship).
  The calls' code is kept: far more stored calls than projects carry it.
* ``culture`` ("Kültür ve yaratıcı sektörler") and ``tourism`` stay apart, the finer
  distinction the calls already made (development agencies announce tourism
  programmes of their own). The projects' ``culture`` was "Kültür ve turizm": their
  migration keeps ``culture`` and adds ``tourism`` to the projects whose texts speak
  of tourism.
* ``space`` (calls only), ``disaster`` and ``governance`` (projects only) are kept:
  EU programmes fund each of them and neither list had a synonym.
* Where both lists had a code with different labels, the wider label is kept
  ("Eğitim ve öğretim", "Gençlik ve spor", "Sosyal içerme ve istihdam"): the calls'
  keyword rules already tag training, sport and employment with those codes.

Target groups

* ``migrants`` ("Göçmenler ve mülteciler", the label both lists had) is the calls'
  ``migrants`` and the projects' ``refugees``.
* ``entrepreneurs`` ("Girişimciler ve KOBİ'ler") is the calls' ``entrepreneurs`` and
  the projects' ``smes`` ("KOBİ'ler").
* ``public_staff`` (projects only) is kept.

Former codes and labels are still *read*: :data:`SECTOR_ALIASES` and
:data:`TARGET_GROUP_ALIASES` map them to the current codes, so old links, feeds,
saved searches and filled-in templates keep working (:func:`sector_code`,
:func:`target_group_code`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Tarım ve kırsal kalkınma")
    CULTURE = "culture", _("Kültür ve yaratıcı sektörler")
    DIGITAL = "digital", _("Dijital dönüşüm")
    DISASTER = "disaster", _("Afet ve dayanıklılık")
    EDUCATION = "education", _("Eğitim ve öğretim")
    ENERGY = "energy", _("Enerji")
    ENVIRONMENT = "environment", _("Çevre ve iklim")
    GOVERNANCE = "governance", _("Yönetişim ve sivil toplum")
    HEALTH = "health", _("Sağlık")
    INDUSTRY = "industry", _("Sanayi, KOBİ'ler ve girişimcilik")
    RESEARCH = "research", _("Araştırma ve yenilik")
    SOCIAL = "social", _("Sosyal içerme ve istihdam")
    SPACE = "space", _("Uzay ve güvenlik")
    TOURISM = "tourism", _("Turizm")
    TRANSPORT = "transport", _("Ulaşım, hareketlilik ve kentsel gelişme")
    YOUTH = "youth", _("Gençlik ve spor")


class TargetGroup(models.TextChoices):
    DISADVANTAGED = "disadvantaged", _("Dezavantajlı gruplar")
    YOUTH = "youth", _("Gençler")
    YOUNG_ENTREPRENEURS = "young_entrepreneurs", _("Genç girişimciler")
    YOUTH_WORKERS = "youth_workers", _("Gençlik çalışanları")
    WOMEN = "women", _("Kadınlar")
    CHILDREN = "children", _("Çocuklar")
    ELDERLY = "elderly", _("Yaşlılar")
    DISABLED = "disabled", _("Engelliler")
    MIGRANTS = "migrants", _("Göçmenler ve mülteciler")
    STUDENTS = "students", _("Öğrenciler")
    TEACHERS = "teachers", _("Öğretmenler")
    RESEARCHERS = "researchers", _("Araştırmacılar")
    FARMERS = "farmers", _("Çiftçiler")
    ENTREPRENEURS = "entrepreneurs", _("Girişimciler ve KOBİ'ler")
    PUBLIC_STAFF = "public_staff", _("Kamu personeli")


#: The groups the offices give priority to (their seeds name them): flagged in lists,
#: weighed more in matching, counted apart in statistics.
PRIORITY_TARGET_GROUPS: frozenset[str] = frozenset(
    {
        TargetGroup.DISADVANTAGED,
        TargetGroup.YOUTH,
        TargetGroup.YOUNG_ENTREPRENEURS,
        TargetGroup.YOUTH_WORKERS,
    }
)

#: Former sector codes and labels (Turkish and English) → the current code.
SECTOR_ALIASES: dict[str, str] = {
    "mobility": Sector.TRANSPORT,
    "economy": Sector.INDUSTRY,
    "Ulaşım ve hareketlilik": Sector.TRANSPORT,
    "Transport and mobility": Sector.TRANSPORT,
    "Ulaşım ve kentsel gelişme": Sector.TRANSPORT,
    "Transport and urban development": Sector.TRANSPORT,
    "Sanayi ve KOBİ": Sector.INDUSTRY,
    "Industry and SMEs": Sector.INDUSTRY,
    "Ekonomi ve girişimcilik": Sector.INDUSTRY,
    "Economy and entrepreneurship": Sector.INDUSTRY,
    "Kültür ve turizm": Sector.CULTURE,
    "Culture and tourism": Sector.CULTURE,
    "Eğitim": Sector.EDUCATION,
    "Education": Sector.EDUCATION,
    "Gençlik": Sector.YOUTH,
    "Youth": Sector.YOUTH,
    "Sosyal içerme": Sector.SOCIAL,
    "Social inclusion": Sector.SOCIAL,
}

#: Former target-group codes and labels (Turkish and English) → the current code.
TARGET_GROUP_ALIASES: dict[str, str] = {
    "refugees": TargetGroup.MIGRANTS,
    "smes": TargetGroup.ENTREPRENEURS,
    "KOBİ'ler": TargetGroup.ENTREPRENEURS,
    "SMEs": TargetGroup.ENTREPRENEURS,
}


def sector_code(value: str) -> str:
    """The current code of a sector code, former code or former label (else ``value``)."""
    return str(SECTOR_ALIASES.get(value, value))


def target_group_code(value: str) -> str:
    """The current code of a target-group code, former code or former label (else ``value``)."""
    return str(TARGET_GROUP_ALIASES.get(value, value))


# -- the bilingual thesaurus ----------------------------------------------------------------
#
# Every sector, target group and applicant type with its Turkish and English words and
# common synonyms. Searches expand a query word found here to every word of its entry
# (``kopru.core.thesaurus``), and a record's search document carries these words for
# its tags, so "çevre" finds a call written only in English and tagged environment, and
# "youth" a call written only in Turkish. Staff extend the entries from the national
# panel (``kopru.core.models.ThesaurusWord``); these built-in words are not removable.
# Multi-word phrases match as phrases. Words are written as users write them; they are
# folded (``kopru.core.text.search_key``) when used.

#: Kinds of thesaurus entries: the facet of the codes they describe.
THESAURUS_KINDS = ("sector", "target", "applicant")

#: (kind, code) → (Turkish words, English words).
THESAURUS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("sector", "agriculture"): (
        ("tarım", "kırsal", "kırsal kalkınma", "gıda", "hayvancılık", "ormancılık", "balıkçılık"),
        ("agriculture", "agricultural", "rural", "food", "farming", "forestry", "fisheries"),
    ),
    ("sector", "culture"): (
        ("kültür", "kültürel", "sanat", "kültürel miras", "yaratıcı", "müze"),
        ("culture", "cultural", "arts", "heritage", "creative", "museum"),
    ),
    ("sector", "digital"): (
        ("dijital", "sayısal", "yapay zeka", "bilişim", "siber", "veri"),
        ("digital", "artificial intelligence", "cyber", "data", "software", "ict"),
    ),
    ("sector", "disaster"): (
        ("afet", "deprem", "dayanıklılık", "acil durum"),
        ("disaster", "earthquake", "resilience", "emergency", "civil protection"),
    ),
    ("sector", "education"): (
        ("eğitim", "öğretim", "okul", "mesleki eğitim", "öğrenme"),
        ("education", "educational", "training", "school", "learning", "vocational"),
    ),
    ("sector", "energy"): (
        ("enerji", "yenilenebilir", "enerji verimliliği", "hidrojen", "güneş enerjisi"),
        ("energy", "renewable", "energy efficiency", "hydrogen", "solar"),
    ),
    ("sector", "environment"): (
        ("çevre", "çevresel", "iklim", "iklim değişikliği", "doğa", "biyoçeşitlilik", "atık"),
        (
            "environment",
            "environmental",
            "climate",
            "climate change",
            "nature",
            "biodiversity",
            "waste",
            "circular economy",
        ),
    ),
    ("sector", "governance"): (
        ("yönetişim", "sivil toplum", "demokrasi", "katılım", "yerel yönetim"),
        ("governance", "civil society", "democracy", "participation", "citizens"),
    ),
    ("sector", "health"): (
        ("sağlık", "hastalık", "tıp", "tıbbi", "kanser", "halk sağlığı"),
        ("health", "disease", "medical", "medicine", "cancer", "public health"),
    ),
    ("sector", "industry"): (
        ("sanayi", "KOBİ", "girişimcilik", "imalat", "işletme", "rekabet"),
        ("industry", "industrial", "SME", "entrepreneurship", "manufacturing", "business"),
    ),
    ("sector", "research"): (
        ("araştırma", "Ar-Ge", "yenilik", "inovasyon", "bilim"),
        ("research", "innovation", "science", "scientific"),
    ),
    ("sector", "social"): (
        ("sosyal", "sosyal içerme", "istihdam", "yoksulluk", "eşitlik"),
        ("social", "social inclusion", "employment", "poverty", "equality"),
    ),
    ("sector", "space"): (
        ("uzay", "uydu", "güvenlik", "savunma"),
        ("space", "satellite", "security", "defence"),
    ),
    ("sector", "tourism"): (("turizm", "turist"), ("tourism", "tourist")),
    ("sector", "transport"): (
        ("ulaşım", "ulaştırma", "hareketlilik", "kentsel", "kent"),
        ("transport", "mobility", "urban", "cities"),
    ),
    ("sector", "youth"): (
        ("gençlik", "genç", "gençler", "spor"),
        ("youth", "young people", "sport"),
    ),
    ("target", "disadvantaged"): (
        ("dezavantajlı", "kırılgan", "yoksul"),
        ("disadvantaged", "vulnerable", "fewer opportunities"),
    ),
    ("target", "youth"): (("genç", "gençler", "gençlik"), ("youth", "young people")),
    ("target", "young_entrepreneurs"): (
        ("genç girişimci",),
        ("young entrepreneurs", "young entrepreneur"),
    ),
    ("target", "youth_workers"): (
        ("gençlik çalışanı", "gençlik çalışanları"),
        ("youth workers", "youth worker"),
    ),
    ("target", "women"): (
        ("kadın", "kadınlar", "toplumsal cinsiyet"),
        ("women", "woman", "gender"),
    ),
    ("target", "children"): (("çocuk", "çocuklar"), ("children", "child")),
    ("target", "elderly"): (("yaşlı", "yaşlılar"), ("elderly", "older people", "ageing")),
    ("target", "disabled"): (
        ("engelli", "engelliler"),
        ("disability", "disabilities", "disabled"),
    ),
    ("target", "migrants"): (
        ("göçmen", "mülteci", "göç"),
        ("migrants", "migrant", "refugees", "refugee", "migration"),
    ),
    ("target", "students"): (("öğrenci", "öğrenciler"), ("students", "student", "learners")),
    ("target", "teachers"): (("öğretmen", "öğretmenler"), ("teachers", "teacher", "educators")),
    ("target", "researchers"): (("araştırmacı", "araştırmacılar"), ("researchers", "researcher")),
    ("target", "farmers"): (("çiftçi", "çiftçiler", "üretici"), ("farmers", "farmer")),
    ("target", "entrepreneurs"): (
        ("girişimci", "girişimciler", "KOBİ"),
        ("entrepreneurs", "entrepreneur", "SMEs", "start-ups", "startups"),
    ),
    ("target", "public_staff"): (
        ("kamu personeli", "kamu çalışanı"),
        ("public servants", "civil servants", "public officials"),
    ),
    ("applicant", "public_body"): (
        ("kamu kurumu", "kamu kuruluşu", "valilik"),
        ("public body", "public authority", "public authorities"),
    ),
    ("applicant", "municipality"): (
        ("belediye", "belediyeler"),
        ("municipality", "municipalities", "local authority", "local authorities"),
    ),
    ("applicant", "local_administration"): (("muhtarlık", "köy"), ("village",)),
    ("applicant", "university"): (("üniversite", "üniversiteler"), ("university", "universities")),
    ("applicant", "school"): (("okul", "okullar"), ("school", "schools")),
    ("applicant", "ngo"): (
        ("dernek", "vakıf", "STK", "sivil toplum kuruluşu"),
        ("NGO", "NGOs", "non-governmental", "associations", "foundation"),
    ),
    ("applicant", "cooperative"): (("kooperatif",), ("cooperative", "cooperatives")),
    ("applicant", "chamber"): (("oda", "birlik"), ("chamber", "chambers")),
    ("applicant", "sme"): (("KOBİ", "işletme"), ("SME", "SMEs", "companies")),
    ("applicant", "young_entrepreneur"): (("genç girişimci",), ("young entrepreneur",)),
}
