"""Languages a team member works in: ISO 639-1 codes stored, names shown translated."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kopru.core.text import search_key

# The languages the province's project teams use (EU partners, neighbours, migrants).
LANGUAGES: list[tuple[str, object]] = [
    ("tr", _("Türkçe")),
    ("en", _("İngilizce")),
    ("de", _("Almanca")),
    ("fr", _("Fransızca")),
    ("es", _("İspanyolca")),
    ("it", _("İtalyanca")),
    ("nl", _("Felemenkçe")),
    ("pt", _("Portekizce")),
    ("el", _("Yunanca")),
    ("bg", _("Bulgarca")),
    ("ro", _("Romence")),
    ("pl", _("Lehçe")),
    ("hu", _("Macarca")),
    ("cs", _("Çekçe")),
    ("sv", _("İsveççe")),
    ("fi", _("Fince")),
    ("da", _("Danca")),
    ("hr", _("Hırvatça")),
    ("sr", _("Sırpça")),
    ("bs", _("Boşnakça")),
    ("sq", _("Arnavutça")),
    ("mk", _("Makedonca")),
    ("ru", _("Rusça")),
    ("uk", _("Ukraynaca")),
    ("ka", _("Gürcüce")),
    ("az", _("Azerice")),
    ("ar", _("Arapça")),
    ("fa", _("Farsça")),
    ("ku", _("Kürtçe")),
    ("zh", _("Çince")),
    ("ja", _("Japonca")),
    ("ko", _("Korece")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)
_NAMES = dict(LANGUAGES)


def language_names(codes: Iterable[str]) -> list[str]:
    """The names of ``codes`` in the active language (unknown codes as they are)."""
    return [str(_NAMES.get(code, code)) for code in codes]


def _by_name() -> dict[str, str]:
    """Folded Turkish and English names (and the codes themselves) → code."""
    out = {code: code for code in LANGUAGE_CODES}
    for lang in ("tr", "en"):
        with translation.override(lang):
            out.update({search_key(str(label)): code for code, label in LANGUAGES})
    return out


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    """``"tr, EN; Almanca"`` → ``(["tr", "en", "de"], [])``: codes or names (Turkish or
    English, any case); what is not recognised comes back second."""
    names = _by_name()
    known: list[str] = []
    unknown: list[str] = []
    for part in text.replace(";", ",").replace("/", ",").split(","):
        part = part.strip()
        if not part:
            continue
        code = names.get(search_key(part))
        if code:
            known.append(code)
        else:
            unknown.append(part)
    return list(dict.fromkeys(known)), unknown
