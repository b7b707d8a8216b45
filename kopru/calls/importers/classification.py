"""Which announcements are funding calls: a visible, explained rule (see
``docs/calls-imports.md``); the rules are shown on the import page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kopru.core.text import search_key


@dataclass(frozen=True)
class AnnouncementRule:
    id: str
    include: bool  # True: makes a call; False: excludes
    explanation_tr: str
    explanation_en: str
    patterns: tuple[str, ...]
    #: Programme name given to calls matched by this rule ("" = none).
    programme: str = ""

    def match(self, key: str) -> str | None:
        """The matched words in the folded title ``key``, or None (``re`` caches the
        compiled patterns)."""
        found = next((m for m in (re.search(p, key) for p in self.patterns) if m), None)
        return found.group(0).strip() if found else None


def _exclude(rule_id: str, tr: str, en: str, *patterns: str) -> AnnouncementRule:
    return AnnouncementRule(rule_id, False, tr, en, patterns)


def _include(
    rule_id: str, tr: str, en: str, *patterns: str, programme: str = ""
) -> AnnouncementRule:
    return AnnouncementRule(rule_id, True, tr, en, patterns, programme)


ANNOUNCEMENT_RULES: Final[tuple[AnnouncementRule, ...]] = (
    # --- exclusions (checked first) ---------------------------------------------
    _exclude("results",
        "Bir başvuru döneminin sonuçlarını, kazananlarını veya sözleşme listesini duyuruyor; "
        "yeni bir çağrı değil.",
        "Announces the results, winners or contract list of a round; not a new call.",
        r"\bsonuc(?!\w* odakli)\w*",  # sonuç, sonuçları (but not "Sonuç Odaklı Program")
        r"\bhak kazan\w*", r"\bkazanan\w*", r"\bsozlesme listesi", r"\bcontract list",
        r"\bresults?\b", r"\bwinners?\b"),
    _exclude("extension",
        "Mevcut bir çağrının veya başvurunun süresinin uzatıldığını duyuruyor; yeni bir çağrı "
        "değil.",
        "Announces a deadline extension of an existing call; not a new call.",
        r"\bsure\w* uzat\w*", r"\bsure uzatim\w*", r"\buzatil\w*", r"\bdeadline extension",
        r"\bextended\b"),
    _exclude("call_support_material",
        "Duyurulmuş bir çağrı için destek malzemesi veya hizmeti (sıkça sorulan sorular, "
        "değişiklik, mentörlük, yardım masası); çağrının kendisi değil.",
        "Support material or service for an announced call (FAQ, amendment, mentoring, help "
        "desk); not the call itself.",
        r"\bsikca sorulan\w*", r"\bsss\b", r"\bfaq\b",
        r"\b(rehber|ilan|cagri|program|basvuru)\w* (degisiklik|guncelleme|duzeltme)\w*",
        r"\b(degisiklik|duzeltme) (ilani|duyurusu|hk|hakkinda)\b", r"\bzeyilname\w*",
        r"\bmentor\w*", r"\byardim masasi\w*"),
    _exclude("event_or_training",
        "Bir toplantı, eğitim, bilgilendirme veya etkinlik duyurusu; çağrı değil.",
        "Announces a meeting, training, information session or event; not a call.",
        r"\btoplanti\w*",
        r"\begitim\w*( programi)? (duzenlen|verilecek|gerceklestiril|yapilacak|basl)\w*",
        r"\begitim(i|leri) (duyurusu|hk|hakkinda)\b", r"\begitim(i|leri)$", r"\bbilgilendirme\w*",
        r"\betkinli\w* (duzenlen|gerceklestiril|yapilacak|yapildi)\w*", r"\bseminer\w*",
        r"\bcalistay\w*", r"\bwebinar\w*", r"\bproje pazari\w*", r"\btoren\w*", r"\bmeeting\w*",
        r"\btraining\w*"),
    _exclude("scholarship",
        "Bireylere yönelik bir burs programı; kurumlara açık bir destek çağrısı değil.",
        "A scholarship for individuals; not a funding call for organisations.",
        r"\bburs(u|un|unu|una|lar|lari|larina|iyer\w*)?\b",  # not "Bursa"
        r"\bscholarship\w*", r"\bstipendium\b"),
    _exclude("exam",
        "Bir sınav, sınav sonucu veya aday listesi duyurusu.",
        "An exam, exam result or candidate list.",
        r"\bsinav\w*", r"\bkpss\b", r"\bexam(s|ination\w*)?\b"),
    _exclude("recruitment",
        "Personel alımı veya atama duyurusu (ör. AB İşleri Uzman Yardımcılığı).",
        "A staff recruitment or appointment notice (e.g. EU Affairs Assistant Expert).",
        r"\buzman yardimci\w*", r"\b(uzman|uzmani|personel|personeli|eleman|isci)\w* alim\w*",
        r"\b(uzman|uzmani|personel|personeli|eleman|isci)\w* alin\w*", r"\balim ilan\w*",
        r"\bis ilani\w*", r"\batama\w*", r"\brecruitment\b", r"\bvacanc\w*"),
    # --- inclusions, in order -----------------------------------------------------
    _include("interest_free_credit_programme",
        "Faizsiz kredi destek programı duyurusu (ör. TURGEP).",
        "An interest-free credit support programme (e.g. TURGEP).",
        r"\bfaizsiz kredi\w*", programme="Faizsiz Kredi Destek Programı"),
    _include("credit_programme",
        "Kredi destek programı duyurusu.",
        "A credit support programme.",
        r"\bkredi\w* deste[kg]\w* program\w*", r"\bkredi program\w*",
        programme="Kredi Destek Programı"),
    _include("technical_support_programme",
        "Kalkınma ajansı teknik destek programı ilanı.",
        "A development agency technical support programme is announced.",
        r"\bteknik deste[kg]\w* program\w*", programme="Teknik Destek Programı"),
    _include("financial_support_programme",
        "Mali destek programı (MDP) ilanı.",
        "A financial support programme (MDP, grant scheme) is announced.",
        r"\bmali deste[kg]\w* program\w*", r"\bmdp\b", programme="Mali Destek Programı"),
    _include("grant_call",
        "Hibe çağrısı veya hibe duyurusu.",
        "A grant call or grant announcement.",
        r"\bhibe\w*", r"\bgrants?\b"),
    _include("call_for_proposals",
        "Teklif veya başvuru çağrısı; başvuru süreci başladı.",
        "A call for proposals or applications; the application period has started.",
        r"\bteklif cagri\w*", r"\bcagri\w*", r"\bbasvuru sureci basla\w*",
        r"\bdeste[kg]\w* program\w* (ilan edil|yayimlan|basvuru\w* basla|basvuruya acil)\w*",
        r"\bcalls? for (proposals|applications)\b"),
)  # fmt: skip

NO_CALL_KEYWORD = _exclude(
    "no_call_keyword",
    "Başlıkta bir destek çağrısını gösteren ifade yok (hibe, çağrı, mali/teknik destek "
    "programı, kredi destek programı...).",
    "The title has no words that indicate a funding call (grant, call, financial/technical "
    "support programme, credit support programme...).",
)

_INSTRUMENT_RULES: Final = (
    (re.compile(r"\bfaizsiz kredi"), "interest_free_credit"),
    (re.compile(r"\bkredi"), "credit"),
    (re.compile(r"\bteknik destek"), "technical_support"),
    (re.compile(r"\b(odul|prize|award)"), "prize"),
)

_PROGRAMME_HINTS: Final = (
    (re.compile(r"\binterreg\b"), "Interreg"),
    (re.compile(r"\bipa\b|\bkatilim oncesi mali yardim"), "IPA"),
    (re.compile(r"\berasmus\b"), "Erasmus+"),
    (re.compile(r"\bhorizon europe\b|\bufuk avrupa\b"), "Horizon Europe"),
    (re.compile(r"\blife\b"), "LIFE"),
)


@dataclass(frozen=True)
class Classification:
    is_funding_call: bool
    rule: AnnouncementRule
    matched: str  # the folded words that matched ("" for no_call_keyword)
    instrument: str  # grant | credit | interest_free_credit | technical_support | prize

    @property
    def reason(self) -> str:
        """The decision explained in Turkish and English."""
        verdict_tr = "Çağrı" if self.is_funding_call else "Çağrı değil"
        verdict_en = "Call" if self.is_funding_call else "Not a call"
        words = f" «{self.matched}»" if self.matched else ""
        return (
            f"{verdict_tr} — kural {self.rule.id}{words}: {self.rule.explanation_tr} / "
            f"{verdict_en} — rule {self.rule.id}{words}: {self.rule.explanation_en}"
        )


def _first(table: tuple[tuple[re.Pattern[str], str], ...], text: str, default: str) -> str:
    key = search_key(text)
    return next((value for pattern, value in table if pattern.search(key)), default)


def instrument_from_text(text: str) -> str:
    """The support instrument a title or description names (default ``grant``)."""
    return _first(_INSTRUMENT_RULES, text, "grant")


def programme_hint(text: str) -> str:
    """A well-known programme named in an announcement title ("" when none)."""
    return _first(_PROGRAMME_HINTS, text, "")


def classify_announcement(title: str) -> Classification:
    """Decide whether an announcement title is a funding call (see the module doc)."""
    key = search_key(title)
    instrument = instrument_from_text(title)
    for rule in sorted(ANNOUNCEMENT_RULES, key=lambda r: r.include):  # exclusions first
        matched = rule.match(key)
        if matched is not None:
            return Classification(rule.include, rule, matched, instrument)
    return Classification(False, NO_CALL_KEYWORD, "", instrument)
