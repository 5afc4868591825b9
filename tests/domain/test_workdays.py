"""Working days: the bank-holiday rules give exactly the days gov.uk lists for England and Wales."""

from __future__ import annotations

from datetime import date

import pytest

from assure.core import workdays

# England and Wales, copied from https://www.gov.uk/bank-holidays.json (the years the demo covers).
GOV_UK = {
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
           "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_bank_holidays_match_gov_uk(year: int) -> None:
    expected = {date.fromisoformat(f"{year}-{day}") for day in GOV_UK[year]}
    assert workdays.bank_holidays(year) == expected


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert workdays.is_working_day(date(2026, 5, 1))  # a Friday
    assert not workdays.is_working_day(date(2026, 5, 2))  # Saturday
    assert not workdays.is_working_day(date(2026, 5, 4))  # early May bank holiday
    assert workdays.on_or_after(date(2026, 5, 2)) == date(2026, 5, 5)
    assert workdays.on_or_before(date(2026, 5, 4)) == date(2026, 5, 1)
    assert workdays.on_or_before(date(2026, 4, 6)) == date(2026, 4, 2)  # over Easter
    assert workdays.on_or_after(date(2026, 12, 25)) == date(2026, 12, 29)
