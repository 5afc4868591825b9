"""Working days in England and Wales: not a Saturday, a Sunday or a bank holiday.

The bank holidays follow the rules gov.uk publishes (https://www.gov.uk/bank-holidays, the data
at https://www.gov.uk/bank-holidays.json): New Year's Day, Good Friday, Easter Monday, the first
and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with a
weekday in lieu when one falls at a weekend; plus the one-off changes proclaimed for a year.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

# One-off changes (gov.uk/bank-holidays.json): days moved away and days added for a year.
MOVED_AWAY = frozenset(
    {
        date(2020, 5, 4),  # early May moved to VE Day
        date(2022, 5, 30),  # spring bank holiday moved to 2 June (Platinum Jubilee)
    }
)
ADDED = frozenset(
    {
        date(2020, 5, 8),  # 75th anniversary of VE Day
        date(2022, 6, 2),  # spring bank holiday
        date(2022, 6, 3),  # Platinum Jubilee bank holiday
        date(2022, 9, 19),  # Bank Holiday for the State Funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Bank holiday for the coronation of King Charles III
    }
)

_MONDAY, _SATURDAY = 0, 5


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(_MONDAY - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def _in_lieu(days: list[date]) -> list[date]:
    """Move each day that falls at a weekend to the next weekday not already a holiday."""
    moved: list[date] = []
    for day in days:
        while day.weekday() >= _SATURDAY or day in moved:
            day += timedelta(days=1)
        moved.append(day)
    return moved


@functools.cache
def bank_holidays(year: int) -> frozenset[date]:
    """Return the England and Wales bank holidays of `year`."""
    from dateutil.easter import easter  # only here: most commands never ask

    sunday = easter(year)
    days = {
        *_in_lieu([date(year, 1, 1)]),
        sunday - timedelta(days=2),
        sunday + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
        *_in_lieu([date(year, 12, 25), date(year, 12, 26)]),
    }
    days -= MOVED_AWAY
    days |= {day for day in ADDED if day.year == year}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Return True for a weekday that is not an England and Wales bank holiday."""
    return day.weekday() < _SATURDAY and day not in bank_holidays(day.year)


def on_or_after(day: date) -> date:
    """Return `day` if it is a working day, else the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def on_or_before(day: date) -> date:
    """Return `day` if it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
