"""One-line text from the sources: mojibake repaired, white space collapsed; and a guess
at a title's language."""

from __future__ import annotations

import re
import unicodedata

from kopru.core.text import search_terms

from ..richtext import drop_invisible, repair_mojibake


def clean_text(value: object) -> str:
    """One line of text: mojibake repaired, NFC, white space collapsed, trimmed."""
    if value is None:
        return ""
    text = repair_mojibake(str(value))
    text = drop_invisible(unicodedata.normalize("NFC", text))
    return " ".join(text.split())


_TURKISH_WORDS = frozenset(
    """ve ile icin yili yilinda programi destek destegi cagri cagrisi cagrilari duyuru
    duyurusu hibe ilan edildi kapsaminda projesi basvuru basvurulari""".split()  # noqa: SIM905
)


def looks_turkish(text: str) -> bool:
    """A rough guess used to put a title in ``title_tr`` rather than ``title_en``.

    Turkish letters (ç ğ ı ş İ) or common Turkish words (ve, ile, için, programı...)
    mean Turkish; anything else is taken as English.
    """
    if re.search("[çğışİÇĞŞ]", text):
        return True
    return not _TURKISH_WORDS.isdisjoint(search_terms(text))
