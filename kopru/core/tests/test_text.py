"""Turkish case folding, search keys and collation (property-based where it matters)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kopru.core.text import (
    TURKISH_ALPHABET,
    matches,
    search_key,
    sort_key,
    sorted_turkish,
    tr_lower,
    tr_title,
    tr_upper,
)

TURKISH_LETTERS = TURKISH_ALPHABET + tr_upper(TURKISH_ALPHABET)
turkish_words = st.text(alphabet=TURKISH_LETTERS + " ", min_size=0, max_size=30)


def test_the_pairs_of_the_issue_fold_together() -> None:
    for a, b in [
        ("İZMİR", "izmir"),
        ("ISPARTA", "ısparta"),
        ("Iğdır", "ığdır"),
        ("ÇANAKKALE", "çanakkale"),
    ]:
        assert tr_lower(a) == tr_lower(b) == b
        assert search_key(a) == search_key(b)
        assert matches(b, f"{a} VALİLİĞİ")


def test_python_lower_is_wrong_and_ours_is_right() -> None:
    assert "ISPARTA".lower() == "isparta"  # what we must not use
    assert tr_lower("ISPARTA") == "ısparta"
    assert "İ".lower() != "i"  # Python: i + combining dot
    assert tr_lower("İ") == "i"
    assert tr_upper("izmir") == "İZMİR"
    assert tr_upper("ısparta") == "ISPARTA"
    assert tr_title("İZMİR İL MİLLİ EĞİTİM") == "İzmir İl Milli Eğitim"


def test_turkish_alphabetical_order() -> None:
    words = [
        "Zonguldak",
        "Uşak",
        "Ünye",
        "Şile",
        "Sinop",
        "Ödemiş",
        "Ordu",
        "İzmir",
        "Isparta",
        "Iğdır",
        "Ğ",
        "Giresun",
        "Çorum",
        "Cide",
        "Ağrı",
        "Aksaray",
    ]
    assert sorted_turkish(words) == [
        "Ağrı",
        "Aksaray",
        "Cide",
        "Çorum",
        "Giresun",
        "Ğ",
        "Iğdır",
        "Isparta",
        "İzmir",
        "Ordu",
        "Ödemiş",
        "Sinop",
        "Şile",
        "Uşak",
        "Ünye",
        "Zonguldak",
    ]


def test_order_of_the_special_letters() -> None:
    for before, after in [
        ("c", "ç"),
        ("g", "ğ"),
        ("ı", "i"),
        ("o", "ö"),
        ("s", "ş"),
        ("u", "ü"),
        ("ç", "d"),
        ("ğ", "h"),
        ("i", "j"),
        ("ö", "p"),
        ("ş", "t"),
        ("ü", "v"),
        ("I", "İ"),
        ("Ç", "D"),
    ]:
        assert sort_key(before) < sort_key(after), (before, after)


def test_a_prefix_sorts_first_and_space_before_letters() -> None:
    assert sorted_turkish(["Alim", "Ali Veli", "Ali"]) == ["Ali", "Ali Veli", "Alim"]


@given(turkish_words)
def test_case_does_not_change_the_search_key(text: str) -> None:
    assert search_key(tr_upper(text)) == search_key(tr_lower(text)) == search_key(text)


@given(turkish_words)
def test_upper_lower_round_trip(text: str) -> None:
    assert tr_lower(tr_upper(text)) == tr_lower(text)
    assert tr_upper(tr_lower(text)) == tr_upper(text)


@given(turkish_words)
def test_case_does_not_change_the_sort_order_primary_key(text: str) -> None:
    primary = lambda s: sort_key(s).split("aa")[0]  # noqa: E731
    assert primary(tr_upper(text)) == primary(tr_lower(text))


@given(st.lists(turkish_words, max_size=20))
def test_sort_key_is_a_total_order_consistent_with_letters(words: list[str]) -> None:
    ordered = sorted_turkish(words)
    keys = [sort_key(w) for w in ordered]
    assert keys == sorted(keys)


@given(turkish_words, turkish_words)
def test_sort_key_compares_letter_by_letter(a: str, b: str) -> None:
    """For words of Turkish letters only, the key order is the alphabet's lexicographic order."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    ranks = lambda s: [TURKISH_ALPHABET.index(c) for c in tr_lower(s)]  # noqa: E731
    if ranks(a) != ranks(b):
        assert (sort_key(a) < sort_key(b)) == (ranks(a) < ranks(b))


@given(st.text(max_size=40))
def test_search_key_is_idempotent_and_never_fails(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert key == key.strip()
    assert "  " not in key
