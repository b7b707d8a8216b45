"""Cross-language recall of the call catalogue's search (issue 17, point 1).

    python bench/calls_crosslang.py [--regenerate]

Builds (once; reused while it exists) ``var/bench-crosslang.sqlite3``: migrates it,
creates the two demo offices and imports the real files of ``../shared/data`` through
the importer (``calls_import``): the EU Funding & Tenders portal exports (English only),
Horizon Europe topics, the development agencies' and the AB Başkanlığı's announcements
that are calls (Turkish only), plus the demo's Turkish regional, national and local
calls; all published. Few calls are written only in Turkish (the real Turkish files are
mostly news, not calls), so the English → Turkish figures rest on few calls.

Then, for each Turkish word and the facet value it names, prints the share of the
calls tagged with that value (and written in English: no Turkish title) that the
catalogue search ``q=<word>`` finds — and the same for English words against the calls
written only in Turkish. Goal: at least 90 % for every word. The search is the one the
page, the API and the alerts share (the full-text part of ``selectors.find_calls``). The last column is the
recall of the search as it was before the thesaurus: the word (folded, as a prefix) in
the call's own text, without the thesaurus words its tags add to its search document.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-crosslang.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "False")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from kopru.calls.demo import EXAMPLES, _example  # noqa: E402
from kopru.calls.models import Call, CallSettings, State, search_document_of  # noqa: E402
from kopru.calls.services.imports import calls_import  # noqa: E402
from kopru.core.scoping import unscoped  # noqa: E402
from kopru.core.search import fulltext_filter  # noqa: E402
from kopru.core.text import search_terms  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FILES = [
    "eu-ft-calls-2026/open.jsonl.gz",
    "eu-ft-calls-2026/calls.json",
    "horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx",
    "tr-kalkinma-ajanslari-duyurular/ka_liste.json",
    "tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv",
]
#: Turkish word → (facet, value) it names.
TURKISH = [
    ("çevre", "sectors", "environment"),
    ("iklim", "sectors", "environment"),
    ("gençlik", "sectors", "youth"),
    ("dijital", "sectors", "digital"),
    ("sağlık", "sectors", "health"),
    ("tarım", "sectors", "agriculture"),
    ("kültür", "sectors", "culture"),
    ("enerji", "sectors", "energy"),
    ("eğitim", "sectors", "education"),
    ("ulaşım", "sectors", "transport"),
    ("araştırma", "sectors", "research"),
    ("sanayi", "sectors", "industry"),
    ("turizm", "sectors", "tourism"),
    ("uzay", "sectors", "space"),
    ("gençler", "target_groups", "youth"),
    ("kadın", "target_groups", "women"),
    ("göçmen", "target_groups", "migrants"),
    ("araştırmacılar", "target_groups", "researchers"),
]
#: English word → (facet, value), against the calls written only in Turkish.
ENGLISH = [
    ("environment", "sectors", "environment"),
    ("youth", "sectors", "youth"),
    ("digital", "sectors", "digital"),
    ("health", "sectors", "health"),
    ("agriculture", "sectors", "agriculture"),
    ("culture", "sectors", "culture"),
    ("energy", "sectors", "energy"),
    ("education", "sectors", "education"),
    ("research", "sectors", "research"),
    ("industry", "sectors", "industry"),
    ("tourism", "sectors", "tourism"),
    ("social", "sectors", "social"),
    ("women", "target_groups", "women"),
    ("entrepreneurs", "target_groups", "entrepreneurs"),
]


def build() -> None:
    DB.parent.mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    with unscoped("bench: offices"):
        from kopru.core.demodata import DemoContext
        from kopru.offices import demo as offices_demo
        from kopru.offices.models import Office

        with transaction.atomic():
            offices_demo.load(DemoContext())
        office = Office.objects.get(slug="izmir")
        CallSettings.objects.get_or_create(office=office)
        for rel in FILES:
            path = DATA / rel
            if not path.exists():
                print(f"  (missing, skipped: {rel})")
                continue
            report = calls_import(
                office=office, data=path.read_bytes(), filename=path.name, actor=None
            )
            print(f"  {rel}: {report.created} calls")
        # The demo's Turkish regional, national and local calls (real-shaped examples).
        for slug, specs in EXAMPLES.items():
            owner = Office.objects.get(slug=slug)
            for spec in specs:
                _example(owner, spec)
                # and a copy written only in Turkish, as a local funder would publish it
                turkish = {k: v for k, v in spec.items() if not k.endswith("_en")}
                _example(owner, turkish | {"source_id": f"{spec.get('source_id', '')}-tr"})
        Call.objects.update(state=State.PUBLISHED)


def _text_only(call: Call) -> set[str]:
    """The words of a call's own text: its search document without its tags' words."""
    call.sectors, call.target_groups, call.applicant_types = [], [], []
    return set(search_document_of(call).split())


def _plain_match(word: str, words: set[str]) -> bool:
    """Search as it was before the thesaurus: every folded term a prefix of a word."""
    return all(any(w.startswith(t) for w in words) for t in search_terms(word))


def recall(rows: list[tuple[str, str, str]], population: Q, label: str) -> list[float]:
    print(f"\n{label}")
    print(f"{'word':<18}{'facet':<30}{'tagged':>7}{'found':>7}{'recall':>8}{'before':>9}")
    shares = []
    base = Call.objects.filter(population, state=State.PUBLISHED)
    texts = {c.pk: _text_only(c) for c in base}
    for word, facet, value in rows:
        tagged = {pk for pk, tags in base.values_list("pk", facet) if value in tags}
        if not tagged:
            print(f"{word:<18}{facet + '=' + value:<30}{0:>7}   (no tagged call)")
            continue
        found = (
            set(fulltext_filter(base, word, expanded=True).values_list("pk", flat=True)) & tagged
        )
        plain = {pk for pk in tagged if _plain_match(word, texts[pk])}
        share = len(found) / len(tagged)
        shares.append(share)
        print(
            f"{word:<18}{facet + '=' + value:<30}{len(tagged):>7}{len(found):>7}"
            f"{share:>8.0%}{len(plain) / len(tagged):>9.0%}"
        )
    if shares:
        print(
            f"lowest {min(shares):.0%}, mean {sum(shares) / len(shares):.0%} over {len(shares)} words"
        )
    return shares


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    if args.regenerate and DB.exists():
        DB.unlink()
    if not DB.exists():
        print("importing the real files…")
        build()
    with unscoped("bench: reading"):
        english_only = Q(title_tr="") & ~Q(title_en="")
        turkish_only = ~Q(title_tr="") & Q(title_en="")
        print(
            f"{Call.objects.filter(english_only).count()} calls written only in English, "
            f"{Call.objects.filter(turkish_only).count()} only in Turkish"
        )
        tr = recall(
            TURKISH, english_only, "Turkish words → English-only calls tagged with the value"
        )
        en = recall(
            ENGLISH, turkish_only, "English words → Turkish-only calls tagged with the value"
        )
    ok = all(s >= 0.9 for s in tr + en)
    print(f"\ngoal (every word ≥ 90 %): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
