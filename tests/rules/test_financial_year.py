"""The financial year: 1 April is its first day, 31 March the last day of the one before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given

from assure.core.clock import FinancialYear
from assure.core.errors import ValidationError
from tests.rules.strategies import RULES, days, start_years


def test_1_april_is_the_first_day_of_its_own_year() -> None:
    year = FinancialYear.of(date(2026, 4, 1))
    assert year == FinancialYear(2026)
    assert year.start == date(2026, 4, 1)
    assert year.contains(date(2026, 4, 1))


def test_31_march_is_the_last_day_of_the_previous_year() -> None:
    year = FinancialYear.of(date(2026, 3, 31))
    assert year == FinancialYear(2025)
    assert year.end == date(2026, 3, 31)
    assert year.contains(date(2026, 3, 31))
    assert not FinancialYear(2026).contains(date(2026, 3, 31))


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2026, 1, 1), 2025),
        (date(2026, 3, 31), 2025),
        (date(2026, 4, 1), 2026),
        (date(2026, 4, 30), 2026),
        (date(2026, 5, 1), 2026),
        (date(2026, 12, 31), 2026),
    ],
)
def test_of(day: date, start_year: int) -> None:
    assert FinancialYear.of(day).start_year == start_year


def test_start_end_label_and_neighbours() -> None:
    year = FinancialYear(2025)
    assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert year.label == "2025-26"
    assert str(year) == "2025-26"
    assert year.previous() == FinancialYear(2024)
    assert year.next() == FinancialYear(2026)
    assert year.previous().label == "2024-25"
    assert year.next().label == "2026-27"


@pytest.mark.parametrize(
    ("start_year", "label"),
    [(2009, "2009-10"), (2099, "2099-00"), (2100, "2100-01"), (1999, "1999-00")],
)
def test_label_keeps_two_digits(start_year: int, label: str) -> None:
    assert FinancialYear(start_year).label == label


def test_contains_its_edges_and_nothing_beyond() -> None:
    year = FinancialYear(2025)
    assert year.contains(date(2025, 4, 1))
    assert year.contains(date(2026, 3, 31))
    assert not year.contains(date(2025, 3, 31))
    assert not year.contains(date(2026, 4, 1))


@RULES
@given(days)
def test_every_day_is_in_exactly_the_year_of_gives(day: date) -> None:
    year = FinancialYear.of(day)
    assert year.contains(day)
    assert year.start <= day <= year.end
    assert not year.previous().contains(day)
    assert not year.next().contains(day)
    assert year.start.month == 4 and year.start.day == 1
    assert (year.end.month, year.end.day) == (3, 31)


@RULES
@given(start_years)
def test_years_tile_the_calendar(start_year: int) -> None:
    year = FinancialYear(start_year)
    assert year.next().start == year.end + timedelta(days=1)
    assert year.previous().end == year.start - timedelta(days=1)
    assert year.next().previous() == year
    assert FinancialYear.of(year.start) == year
    assert FinancialYear.of(year.end) == year


@RULES
@given(start_years)
def test_parse_accepts_every_written_form(start_year: int) -> None:
    year = FinancialYear(start_year)
    short = f"{(start_year + 1) % 100:02d}"
    for text in (
        f"{start_year}-{short}",
        f"{start_year}/{short}",
        f"{start_year}",
        f"{start_year}-{start_year + 1}",
        f"{start_year}/{start_year + 1}",
        f" {start_year} - {short} ",
        year.label,
    ):
        assert FinancialYear.parse(text) == year, text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-27", "year: '2025-27': a financial year runs from 2025 to 2026"),
        ("2025/25", "year: '2025/25': a financial year runs from 2025 to 2026"),
        ("2025-2027", "year: '2025-2027': a financial year runs from 2025 to 2026"),
        ("2025-2126", "year: '2025-2126': a financial year runs from 2025 to 2026"),
        ("2025-0026", "year: '2025-0026': a financial year runs from 2025 to 2026"),
        ("2025-2025", "year: '2025-2025': a financial year runs from 2025 to 2026"),
        ("2099-2000", "year: '2099-2000': a financial year runs from 2099 to 2100"),
        ("1989", "year: '1989' is out of range"),
        ("2201", "year: '2201' is out of range"),
        ("2201-02", "year: '2201-02' is out of range"),
        ("", "year: '' is not a financial year (write 2025-26, 2025/26 or 2025)"),
        ("25-26", "year: '25-26' is not a financial year (write 2025-26, 2025/26 or 2025)"),
        ("2025-6", "year: '2025-6' is not a financial year (write 2025-26, 2025/26 or 2025)"),
        ("FY2025", "year: 'FY2025' is not a financial year (write 2025-26, 2025/26 or 2025)"),
        ("2025 26", "year: '2025 26' is not a financial year (write 2025-26, 2025/26 or 2025)"),
    ],
)
def test_parse_refuses_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        FinancialYear.parse(text)
    assert str(refused.value) == message
    assert refused.value.field == "year"


@pytest.mark.parametrize(("text", "start_year"), [("1990", 1990), ("2200-01", 2200)])
def test_parse_range_is_inclusive(text: str, start_year: int) -> None:
    assert FinancialYear.parse(text) == FinancialYear(start_year)


@pytest.mark.parametrize("text", ["2025-27", "1989", "soon"])
def test_parse_refusals_name_the_field_given(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        FinancialYear.parse(text, "--year")
    assert refused.value.field == "--year"
    assert str(refused.value).startswith(f"--year: {text!r}")
