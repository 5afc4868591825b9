"""The board's next meeting from its recurrence rule, and action refs such as BCB-2026-03-07."""

from __future__ import annotations

from datetime import date

import pytest

from assure.core import rules
from assure.core.errors import ValidationError

SIX_WEEKLY = "DTSTART:20251104\nRRULE:FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"  # 4 Nov, 16 Dec, 27 Jan


@pytest.mark.parametrize(
    ("after", "meeting"),
    [
        (date(2025, 1, 1), date(2025, 11, 4)),  # before the series starts
        (date(2025, 11, 4), date(2025, 11, 4)),  # a meeting day counts
        (date(2025, 11, 5), date(2025, 12, 16)),
        (date(2025, 12, 16), date(2025, 12, 16)),
        (date(2025, 12, 17), date(2026, 1, 27)),  # across the year end
        (date(2026, 1, 27), date(2026, 1, 27)),
        (date(2026, 1, 28), date(2026, 3, 10)),
    ],
)
def test_next_meeting(after: date, meeting: date) -> None:
    assert rules.next_meeting(SIX_WEEKLY, after) == meeting


def test_next_meeting_reads_day_and_month_the_right_way_round() -> None:
    monthly = "DTSTART:20250101\nRRULE:FREQ=MONTHLY;BYMONTHDAY=3"
    assert rules.next_meeting(monthly, date(2026, 5, 3)) == date(2026, 5, 3)
    assert rules.next_meeting(monthly, date(2026, 5, 4)) == date(2026, 6, 3)


def test_a_finished_series_has_no_next_meeting() -> None:
    rule = "DTSTART:20250101\nRRULE:FREQ=MONTHLY;COUNT=3"
    assert rules.next_meeting(rule, date(2025, 3, 1)) == date(2025, 3, 1)
    assert rules.next_meeting(rule, date(2025, 3, 2)) is None


def test_a_set_of_rules_and_exceptions() -> None:
    rule = "DTSTART:20260106\nRRULE:FREQ=WEEKLY;BYDAY=TU\nRDATE:20260108\nEXDATE:20260113T000000"
    assert rules.next_meeting(rule, date(2026, 1, 7)) == date(2026, 1, 8)
    assert rules.next_meeting(rule, date(2026, 1, 9)) == date(2026, 1, 20)


def test_a_start_date_with_no_rule_has_no_next_meeting() -> None:
    # Read as a set of rules, so a DTSTART alone means no meetings rather than a crash.
    assert rules.next_meeting("DTSTART:20260101", date(2025, 1, 1)) is None


@pytest.mark.parametrize("rule", ["RRULE:FREQ=SOMETIMES", "not a rule", ""])
def test_a_bad_rule_is_a_validation_error(rule: str) -> None:
    with pytest.raises(ValidationError) as refused:
        rules.next_meeting(rule, date(2026, 1, 1))
    assert refused.value.field == "board.rrule"
    assert refused.value.problem.startswith("not a recurrence rule (")
    assert refused.value.problem.endswith(")")
    assert len(refused.value.problem) > len("not a recurrence rule ()")


@pytest.mark.parametrize(
    ("meeting", "number", "ref"),
    [
        (date(2026, 3, 17), 7, "BCB-2026-03-07"),
        (date(2026, 3, 1), 1, "BCB-2026-03-01"),
        (date(2025, 12, 31), 42, "BCB-2025-12-42"),
        (date(2026, 3, 17), 99, "BCB-2026-03-99"),
        (date(2026, 3, 17), 100, "BCB-2026-03-100"),
        (date(2026, 3, 17), 999, "BCB-2026-03-999"),
        (date(2026, 3, 17), 1000, "BCB-2026-03-1000"),
        (date(2026, 3, 17), 12345, "BCB-2026-03-12345"),
    ],
)
def test_action_refs_format_and_parse_back(meeting: date, number: int, ref: str) -> None:
    assert rules.action_ref(meeting, number) == ref
    assert rules.parse_action_ref(ref) == (meeting.year, meeting.month, number)


@pytest.mark.parametrize(
    "ref",
    [
        "ACT-1",
        "",
        "BCB-2026-3-07",  # month needs two digits
        "BCB-2026-03-7",  # number needs at least two
        "BCB-26-03-07",
        "bcb-2026-03-07",
        "XBCB-2026-03-07",
        "BCB-2026-03-07a",
        "BCB 2026-03-07",
        "BCB-2026-03",
    ],
)
def test_not_an_action_ref(ref: str) -> None:
    assert rules.parse_action_ref(ref) is None
