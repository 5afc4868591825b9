"""The s55 clock: 56 days beginning with the day of publication (Police Act 1996 s55(5A))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given

from assure.core import rules
from tests.rules.strategies import RULES, days

ONE_DAY = timedelta(days=1)


@RULES
@given(days)
def test_last_day_is_publication_plus_55_days(published: date) -> None:
    last = rules.s55_last_day(published)
    assert last == published + timedelta(days=55)
    assert (last - published).days + 1 == 56  # publication is day 1, the last day is day 56


@RULES
@given(days)
def test_days_left(published: date) -> None:
    last = rules.s55_last_day(published)
    assert rules.s55_days_left(published, published) == 55
    assert rules.s55_days_left(published, last - ONE_DAY) == 1
    assert rules.s55_days_left(published, last) == 0
    assert rules.s55_days_left(published, last + ONE_DAY) == -1


@RULES
@given(days)
def test_states_at_their_edges(published: date) -> None:
    last = rules.s55_last_day(published)
    later = last + timedelta(days=400)
    assert rules.s55_state(published, published, later) == "published-on-time"
    assert rules.s55_state(published, last, later) == "published-on-time"
    assert rules.s55_state(published, last + ONE_DAY, later) == "published-late"
    assert rules.s55_state(published, None, published) == "open"
    assert rules.s55_state(published, None, last) == "open"
    assert rules.s55_state(published, None, last + ONE_DAY) == "overdue"


@pytest.mark.parametrize(
    ("response", "today", "state"),
    [
        (date(2024, 1, 30), date(2024, 1, 30), "published-on-time"),
        (date(2024, 1, 30), date(2024, 3, 1), "published-on-time"),  # stays on time
        (date(2024, 1, 31), date(2024, 1, 31), "published-late"),
        (None, date(2023, 12, 6), "open"),
        (None, date(2024, 1, 29), "open"),
        (None, date(2024, 1, 30), "open"),
        (None, date(2024, 1, 31), "overdue"),
    ],
)
def test_a_real_report(response: date | None, today: date, state: str) -> None:
    # Published 6 December 2023: the last day is 30 January 2024.
    published = date(2023, 12, 6)
    assert rules.s55_last_day(published) == date(2024, 1, 30)
    assert rules.s55_state(published, response, today) == state
