from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from kopru.statistics.periods import Period, PeriodError


def test_parse_and_key_round_trip() -> None:
    for text in ("2025", "2025-Q2", "2025-03-01_2025-08-31"):
        assert Period.parse(text).key == text
    q = Period.parse("2025-q4")
    assert (q.start, q.end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_previous_periods() -> None:
    assert Period.parse("2025").previous().key == "2024"
    assert Period.parse("2025-Q1").previous().key == "2024-Q4"
    assert Period.parse("2025-03-01_2025-03-10").previous().key == "2025-02-19_2025-02-28"


@pytest.mark.parametrize(
    "params, message",
    [
        ("kind=custom&start=2025-05-01&end=2025-04-01", "bitişi başlangıcından önce"),
        ("kind=custom&start=2010-01-01&end=2024-01-01", "en çok 10 yıl"),
        ("kind=custom&start=2025-13-01&end=2025-12-01", "YYYY-AA-GG"),
        ("kind=year&year=abc", "Yıl 1990 ile 2100"),
        ("kind=year&year=3000", "Yıl 1990 ile 2100"),
        ("kind=quarter&year=2025&quarter=5", "Çeyrek"),
        ("kind=week", "Dönem türü"),
        ("period=2025-Q9", "Dönem YYYY"),
    ],
)
def test_bad_periods_say_why(params: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        Period.from_params(QueryDict(params))


def test_ten_years_is_the_limit() -> None:
    assert Period.from_params(QueryDict("kind=custom&start=2015-01-01&end=2024-12-31")).days > 3600
    assert Period.from_params(QueryDict("")).kind == "year"
