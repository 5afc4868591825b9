"""The shared rules at their edges: overdue, due soon, s55, board recurrence, refs."""

from __future__ import annotations

from datetime import date

import pytest

from assure.core import rules
from assure.core.errors import ValidationError


def test_due_today_is_not_overdue_but_due_yesterday_is() -> None:
    due = date(2026, 5, 1)
    assert not rules.is_overdue(due, "open", date(2026, 5, 1), rules.ACTION_DONE)
    assert rules.is_overdue(due, "open", date(2026, 5, 2), rules.ACTION_DONE)


@pytest.mark.parametrize("status", ["closed", "complete", "superseded"])
def test_finished_actions_are_never_overdue(status: str) -> None:
    assert not rules.is_overdue(date(2020, 1, 1), status, date(2026, 5, 1), rules.ACTION_DONE)


def test_extension_moves_current_due_but_keeps_original() -> None:
    assert rules.current_due(date(2026, 1, 1), date(2026, 6, 1)) == date(2026, 6, 1)
    assert rules.current_due(date(2026, 1, 1), None) == date(2026, 1, 1)


def test_s55_last_day_is_publication_plus_55_days() -> None:
    # Published 6 December 2023: the last day is 30 January 2024, late from 31 January.
    published = date(2023, 12, 6)
    assert rules.s55_last_day(published) == date(2024, 1, 30)
    assert rules.s55_state(published, date(2024, 1, 30), date(2024, 2, 1)) == "published-on-time"
    assert rules.s55_state(published, date(2024, 1, 31), date(2024, 2, 1)) == "published-late"
    assert rules.s55_state(published, None, date(2024, 1, 30)) == "open"
    assert rules.s55_state(published, None, date(2024, 1, 31)) == "overdue"


def test_s55_day_56_is_last_and_day_57_late() -> None:
    published = date(2026, 1, 1)  # day 1
    day56 = date(2026, 2, 25)
    assert (day56 - published).days + 1 == 56
    assert rules.s55_days_left(published, day56) == 0
    assert rules.s55_days_left(published, date(2026, 2, 26)) == -1


def test_next_meeting_from_rrule_crosses_year_end() -> None:
    rule = "DTSTART:20251104\nRRULE:FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"
    # 4 Nov, 16 Dec 2025, then 27 Jan 2026
    assert rules.next_meeting(rule, date(2025, 12, 17)) == date(2026, 1, 27)
    assert rules.next_meeting(rule, date(2025, 12, 16)) == date(2025, 12, 16)
    monthly = "DTSTART:20250101\nRRULE:FREQ=MONTHLY;BYDAY=+1TU"
    assert rules.next_meeting(monthly, date(2025, 12, 3)) == date(2026, 1, 6)


def test_bad_rrule_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match=r"board\.rrule"):
        rules.next_meeting("RRULE:FREQ=SOMETIMES", date(2026, 1, 1))


def test_action_refs_round_trip() -> None:
    ref = rules.action_ref(date(2025, 7, 15), 3)
    assert ref == "BCB-2025-07-03"
    assert rules.parse_action_ref(ref) == (2025, 7, 3)
    assert rules.parse_action_ref("ACT-1") is None


def test_action_refs_past_999_in_a_month() -> None:
    assert rules.parse_action_ref("BCB-2026-05-1000") == (2026, 5, 1000)
    assert rules.action_ref(date(2026, 5, 5), 1000) == "BCB-2026-05-1000"
