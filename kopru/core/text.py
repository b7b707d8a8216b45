"""Turkish text: case folding, search keys and collation.

Every search and every sort of user-visible names goes through this module.
Python's ``str.lower()`` turns ``I`` into ``i`` (Turkish wants ``ı``) and ``İ`` into
``i̇`` (an ``i`` followed by a combining dot); SQLite's ``LOWER()`` only knows ASCII.
So we never rely on either.

Three functions, three purposes:

* :func:`tr_lower` / :func:`tr_upper` – correct Turkish case mapping, for display and
  exact comparison (``tr_lower("ISPARTA") == "ısparta"``).
* :func:`search_key` – the folded form stored beside searchable text and applied to
  every query. It lower-cases the Turkish way *and* removes the Turkish diacritics,
  so ``izmir`` finds ``İZMİR``, ``ısparta`` and ``isparta`` both find ``ISPARTA``, and
  the ASCII-folded names common in EU data (``KUCUK VE ORTA OLCEKLI``) meet their
  Turkish spelling (``Küçük ve Orta Ölçekli``).
* :func:`sort_key` – a string whose plain (binary or C-locale) order is the Turkish
  alphabetical order: ``Ç`` after ``C``, ``Ğ`` after ``G``, ``I`` before ``İ``, ``Ö``
  after ``O``, ``Ş`` after ``S``, ``Ü`` after ``U``. It contains only lower-case ASCII
  letters, so it sorts the same in SQLite and in PostgreSQL whatever the collation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

_UPPER_TO_LOWER = {"I": "ı", "İ": "i"}
_LOWER_TO_UPPER = {"i": "İ", "ı": "I"}

# The Turkish alphabet, with the letters foreign words bring (q, w, x) where
# Turkish dictionaries put them. Circumflexed vowels sort with their base letter.
TURKISH_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_SECONDARY = {"â": "a", "î": "i", "û": "u", "ê": "e", "ô": "o"}

# ASCII folding of the Turkish letters (after lower-casing).
_ASCII_FOLD = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"})

_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def tr_lower(text: str) -> str:
    """Lower-case ``text`` by Turkish rules (``I`` → ``ı``, ``İ`` → ``i``)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    return "".join(_UPPER_TO_LOWER.get(ch, ch) for ch in text).lower()


def tr_upper(text: str) -> str:
    """Upper-case ``text`` by Turkish rules (``i`` → ``İ``, ``ı`` → ``I``)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    return "".join(_LOWER_TO_UPPER.get(ch, ch) for ch in text).upper()


def tr_title(text: str) -> str:
    """Title-case ``text`` by Turkish rules (``İZMİR İLİ`` → ``İzmir İli``)."""
    words = tr_lower(text).split(" ")
    return " ".join(tr_upper(w[:1]) + w[1:] for w in words)


def tr_equal(a: str, b: str) -> bool:
    """Whether two strings are equal ignoring Turkish case."""
    return tr_lower(a) == tr_lower(b)


def search_key(text: str | None) -> str:
    """The folded, accent-free form used for searching.

    Punctuation becomes a space and runs of white space collapse, so the key can
    be fed to a full-text index or compared with ``LIKE``.
    """
    if not text:
        return ""
    # Decompose first (ç → c + cedilla, İ → I + dot, ﬁ → fi, 𝐀 → A), drop the marks,
    # then lower-case the Turkish way and fold the dotless ı.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = tr_lower(stripped).translate(_ASCII_FOLD)
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    folded = _NON_WORD.sub(" ", folded).replace("_", " ")
    return _WS.sub(" ", folded).strip()


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into folded terms (empty terms dropped)."""
    return [t for t in search_key(query).split(" ") if t]


def matches(query: str, text: str) -> bool:
    """Whether every term of ``query`` occurs in ``text`` (both folded)."""
    haystack = search_key(text)
    return all(term in haystack for term in search_terms(query))


def _char_rank(ch: str) -> tuple[int, int]:
    """Primary and secondary rank of one lower-cased character."""
    if ch in _SECONDARY:
        return 100 + TURKISH_ALPHABET.index(_SECONDARY[ch]), 1
    idx = TURKISH_ALPHABET.find(ch)
    if idx >= 0:
        return 100 + idx, 0
    if ch.isdigit():
        return 10 + int(unicodedata.digit(ch, 0)), 0
    if ch.isspace() or not ch.isalnum():
        return 1, 0
    # A letter outside the Turkish alphabet: fold its accents and rank it as its
    # base letter, after every plain letter of that rank.
    base = unicodedata.normalize("NFKD", ch)[:1]
    idx = TURKISH_ALPHABET.find(base)
    if idx >= 0:
        return 100 + idx, 2
    return 600, ord(ch) % 26


def _encode(rank: int) -> str:
    return chr(ord("a") + rank // 26) + chr(ord("a") + rank % 26)


def sort_key(text: str | None) -> str:
    """A key whose plain string order is the Turkish alphabetical order.

    Primary ranks (letters, digits, spaces) come first; the secondary ranks
    (circumflexes, foreign accents) break ties; the key is ASCII-only.
    """
    if not text:
        return ""
    lowered = tr_lower(_WS.sub(" ", text.strip()))
    ranks = [_char_rank(ch) for ch in lowered]
    primary = "".join(_encode(p) for p, _ in ranks)
    secondary = "".join(chr(ord("a") + s) for _, s in ranks)
    # "aa" never occurs as a primary rank (ranks start at 1), so it separates the
    # two levels without ever sorting a longer primary before a shorter one.
    return primary + "aa" + secondary


def sorted_turkish(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Sort ``items`` in Turkish alphabetical order (by ``key(item)`` if given)."""
    getter: Callable[[T], str] = key or (lambda item: str(item))
    return sorted(items, key=lambda item: sort_key(getter(item)))


_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normalise_email(email: str | None) -> str:
    """An e-mail address for comparison: trimmed, ASCII letters lower-cased.

    Addresses are not Turkish text: ``İ`` has no place in them and must not fold.
    """
    return (email or "").strip().translate(_ASCII_UPPER)
