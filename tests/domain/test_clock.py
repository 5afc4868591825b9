"""Financial years, UK date parsing and the --today / ASSURE_TODAY override."""

from __future__ import annotations

from datetime import date

import pytest

from assure.core.clock import FinancialYear, govuk_date, parse_uk_date, resolve_today
from assure.core.errors import ValidationError


@pytest.mark.parametrize("text", ["2025-26", "2025/26", "2025", "2025-2026", " 2025 / 26 "])
def test_financial_year_forms(text: str) -> None:
    year = FinancialYear.parse(text)
    assert year.label == "2025-26"
    assert year.start == date(2025, 4, 1)
    assert year.end == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["2025-27", "25-26", "twenty", "", "2025/2027"])
def test_bad_financial_years_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        FinancialYear.parse(text)


def test_31_march_and_1_april_fall_in_different_years() -> None:
    assert FinancialYear.of(date(2026, 3, 31)).label == "2025-26"
    assert FinancialYear.of(date(2026, 4, 1)).label == "2026-27"
    year = FinancialYear(2025)
    assert year.contains(date(2026, 3, 31))
    assert not year.contains(date(2026, 4, 1))
    assert not year.contains(date(2025, 3, 31))


def test_century_year_label() -> None:
    assert FinancialYear(2099).label == "2099-00"


@pytest.mark.parametrize(
    "text", ["31/03/2026", "31 March 2026", "2026-03-31", "31-03-2026", "31 Mar 2026"]
)
def test_uk_dates(text: str) -> None:
    assert parse_uk_date(text) == date(2026, 3, 31)


def test_ambiguous_dates_are_day_first() -> None:
    assert parse_uk_date("04/05/2026") == date(2026, 5, 4)


@pytest.mark.parametrize("text", ["", "soon", "31/02/2026", "13/13/2026", "31 March"])
def test_bad_dates_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError, match="due_date"):
        parse_uk_date(text, "due_date")


def test_today_comes_from_option_then_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSURE_TODAY", "2026-01-02")
    assert resolve_today() == date(2026, 1, 2)
    assert resolve_today("2026-03-04") == date(2026, 3, 4)
    monkeypatch.setenv("ASSURE_TODAY", "yesterday")
    with pytest.raises(ValidationError, match="ASSURE_TODAY"):
        resolve_today()


@pytest.mark.parametrize("text", ["2026", "March 2026", "May 2026", "Tuesday 2026"])
def test_a_date_without_a_day_is_refused_not_completed_from_today(text: str) -> None:
    # dateutil would fill the missing parts in from the system clock, silently
    with pytest.raises(ValidationError) as refused:
        parse_uk_date(text, "due_date")
    assert refused.value.field == "due_date"
    assert refused.value.problem == f"{text!r} needs a day, a month and a year"


@pytest.mark.parametrize(
    ("day", "weekday", "text"),
    [
        (date(2026, 5, 1), False, "1 May 2026"),
        (date(2026, 12, 31), False, "31 December 2026"),
        (date(2026, 5, 1), True, "Friday 1 May 2026"),
    ],
)
def test_govuk_dates_have_no_leading_zero(day: date, weekday: bool, text: str) -> None:
    assert govuk_date(day, weekday=weekday) == text
