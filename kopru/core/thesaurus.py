"""The bilingual thesaurus at work: query expansion and the words of a record's tags.

The entries are :data:`kopru.core.vocabularies.THESAURUS` (built in) plus the words staff
added (:class:`kopru.core.models.ThesaurusWord`). Two uses:

* :func:`expand` turns a query into groups of alternatives: a query word (or phrase)
  that is a word of an entry, or that word with a Turkish ending (``gençlere``,
  ``kadınlar``, ``çevrenin``), is replaced by *any word of every entry it belongs to*
  in both languages. ``çevre`` becomes ``çevre | environment | climate | iklim | ...``.
  Words that are not in the thesaurus stay as they are. :mod:`kopru.core.search`
  turns the groups into the full-text query (AND of groups, OR inside a group).
* :func:`tag_words` gives the words a record's search document carries for its tags
  (the built-in words of both languages), so a call tagged ``environment`` and written
  only in English is found by ``çevre`` even with no expansion, and a call written only
  in Turkish by ``environment``.

Alternatives of five letters or more match as prefixes (``iklim`` finds ``iklimin``);
shorter ones only as whole words (``veri`` must not find ``verimlilik``, ``arts`` not
``artsy``). Turkish folding is :func:`kopru.core.text.search_key`, as everywhere.

Staff words are read from the database at most every :data:`TTL` seconds per process
(and at once in the process that changed them).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.apps import apps

from .text import search_key, search_terms
from .vocabularies import THESAURUS

#: Seconds a process keeps the staff words before reading them again.
TTL = 30.0
#: Alternatives this long or longer match as prefixes; shorter ones as whole words.
PREFIX_MIN = 5
#: Endings after which a four-letter thesaurus word still names the entry
#: (``genç`` → ``gençler``, ``gençlere``; ``okul`` → ``okullar``), folded.
_TURKISH_ENDINGS = frozenset(
    [
        "ler",
        "lar",
        "lere",
        "lara",
        "leri",
        "lari",
        "lerin",
        "larin",
        "lerde",
        "larda",
        "lerden",
        "lardan",
        "lik",
        "lig",
        "ligi",
        "lige",
        "ligin",
        "liginde",
        "lu",
        "luk",
        "lugu",
        "li",
        "lilar",
        "liler",
        "si",
        "su",
        "sina",
        "sine",
        "nin",
        "nun",
        "in",
        "un",
        "e",
        "a",
        "i",
        "u",
        "de",
        "da",
        "den",
        "dan",
        "te",
        "ta",
        "ten",
        "tan",
        "yi",
        "yu",
        "ya",
        "ye",
    ]
)


@dataclass(frozen=True)
class Alternative:
    """One way a query group may match: folded words (a phrase if more than one)."""

    words: tuple[str, ...]
    prefix: bool


Group = tuple[Alternative, ...]


class _Entries:
    def __init__(self, extra: list[tuple[str, str, str]]) -> None:
        words: dict[tuple[str, str], set[str]] = {}
        for key, (tr, en) in THESAURUS.items():
            words[key] = {search_key(w) for w in (*tr, *en)} - {""}
        for kind, code, word in extra:
            folded = search_key(word)
            if folded and (kind, code) in words:
                words[(kind, code)].add(folded)
        self.words = words
        #: folded word or phrase → the entries it belongs to.
        self.entries_of: dict[str, list[tuple[str, str]]] = {}
        for key, ws in words.items():
            for w in ws:
                self.entries_of.setdefault(w, []).append(key)
        self.longest = max((len(w.split(" ")) for w in self.entries_of), default=1)


_lock = threading.Lock()
_cache: dict[str, tuple[float, _Entries]] = {}


def _staff_words() -> list[tuple[str, str, str]]:
    model = apps.get_model("core", "ThesaurusWord")  # kopru.core.search is read by models
    return list(model.objects.values_list("kind", "code", "word"))


def _entries() -> _Entries:
    now = time.monotonic()
    cached = _cache.get("entries")
    if cached is not None and now - cached[0] < TTL:
        return cached[1]
    with _lock:
        entries = _Entries(_staff_words())
        _cache["entries"] = (now, entries)
    return entries


def forget() -> None:
    """Drop this process's copy (after staff changed a word)."""
    _cache.clear()


def entry_words(kind: str, code: str) -> list[str]:
    """Every folded word of one entry (built in and staff), sorted."""
    return sorted(_entries().words.get((kind, code), ()))


def _entries_of_term(entries: _Entries, term: str) -> list[tuple[str, str]]:
    found = entries.entries_of.get(term)
    if found:
        return found
    out: list[tuple[str, str]] = []
    for cut in range(len(term) - 1, 3, -1):  # the longest known stem first
        stem = term[:cut]
        keys = entries.entries_of.get(stem)
        if keys and (cut >= PREFIX_MIN or term[cut:] in _TURKISH_ENDINGS):
            out = keys
            break
    return out


def _alternative(word: str) -> Alternative:
    words = tuple(word.split(" "))
    return Alternative(words, prefix=len(words[-1]) >= PREFIX_MIN)


def expand(query: str | None) -> list[Group]:
    """The query's groups of alternatives (see the module); empty without terms."""
    terms = search_terms(query)
    if not terms:
        return []
    entries = _entries()
    groups: list[Group] = []
    i = 0
    while i < len(terms):
        # A phrase of the thesaurus first (longest), else the single word.
        for size in range(min(entries.longest, len(terms) - i), 0, -1):
            chunk = " ".join(terms[i : i + size])
            keys = entries.entries_of.get(chunk) if size > 1 else _entries_of_term(entries, chunk)
            if size > 1 and not keys:
                continue
            own = Alternative(tuple(chunk.split(" ")), prefix=True)
            alternatives = [own]
            for key in keys or []:
                alternatives += [_alternative(w) for w in sorted(entries.words[key])]
            groups.append(tuple(dict.fromkeys(alternatives)))
            i += size
            break
    return groups


def tag_words(tags: dict[str, list[str]]) -> str:
    """The built-in words (both languages) of a record's tags, as one text.

    ``tags``: kind (``sector``, ``target``, ``applicant``) → codes. Only built-in words,
    so the stored document does not depend on staff edits (expansion covers those).
    """
    out: list[str] = []
    for kind, codes in tags.items():
        for code in codes:
            tr, en = THESAURUS.get((kind, str(code)), ((), ()))
            out += [*tr, *en]
    return " ".join(dict.fromkeys(out))
