"""The rules every part of assure shares: overdue, due soon, the s55 clock, the board cadence.

Each rule lives here once. Where a rule is also needed in SQL, its expression sits beside the
Python function and both read the same constants, so a report and a screen can never disagree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from assure.core import lifecycle
from assure.core.errors import ValidationError

# Not `from typing import TYPE_CHECKING`: `assure remind` reads this module on its fast path,
# where importing typing (and re) would cost more than the query. Mypy honours the name.
TYPE_CHECKING = False
if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that build expressions
    from typing import Any

    from sqlalchemy.sql.elements import ColumnElement

# Statuses in which an item is finished (or waiting only on sign-off) and so never overdue.
ACTION_DONE = lifecycle.ACTION_NOT_DUE
FINDING_DONE = lifecycle.FINDING_NOT_DUE
DUE_SOON_DAYS = 14
MAX_WINDOW_DAYS = 366  # the longest look-ahead or repeat window: a year, leap day included
S55_DAYS = 56


def current_due(due_date: date | None, revised_due_date: date | None) -> date | None:
    """Return the date an item is now due: the agreed extension if any, else the original."""
    return revised_due_date or due_date


def is_overdue(due: date | None, status: str, today: date, done: frozenset[str]) -> bool:
    """Return True when `due` is before `today` and the status is not a finished one.

    Dates are dates: an item due today is not overdue until tomorrow.
    """
    return due is not None and due < today and status not in done


def days_overdue(due: date, today: date) -> int:
    """Return days past `due` (0 on the due day, negative before it)."""
    return (today - due).days


def not_done_text(status_col: str, done: frozenset[str]) -> str:
    """SQL text: the status is not a finished one (the codes are constants, never user input)."""
    return f"{status_col} NOT IN ({', '.join(repr(code) for code in sorted(done))})"


def current_due_text(due_col: str, revised_col: str | None = None) -> str:
    """SQL text twin of current_due()."""
    return due_col if revised_col is None else f"coalesce({revised_col}, {due_col})"


def overdue_or_soon_text(
    due_col: str, revised_col: str | None, status_col: str, done: frozenset[str]
) -> str:
    """SQL text: overdue or due by :horizon (today + the due-soon window), and not finished."""
    due = current_due_text(due_col, revised_col)
    return f"{due} IS NOT NULL AND {due} <= :horizon AND {not_done_text(status_col, done)}"


def current_due_sql(due_col: Any, revised_col: Any | None = None) -> ColumnElement[Any]:
    """The SQL twin of current_due()."""
    from sqlalchemy import func

    return due_col if revised_col is None else func.coalesce(revised_col, due_col)


def overdue_sql(
    due_col: Any, revised_col: Any | None, status_col: Any, today: date, done: frozenset[str]
) -> ColumnElement[bool]:
    """The SQL twin of is_overdue(): the same comparison on the same statuses."""
    from sqlalchemy import and_

    due = current_due_sql(due_col, revised_col)
    return and_(due.is_not(None), due < today, status_col.not_in(sorted(done)))


def s55_last_day(published_on: date) -> date:
    """Return the last day to publish the PCC's s55 response.

    Police Act 1996 s55(5A): within the period of 56 days beginning with the day of
    publication, so publication is day 1 and the last day is publication + 55 days.
    """
    return published_on + timedelta(days=S55_DAYS - 1)


def s55_days_left(published_on: date, today: date) -> int:
    """Return days left to respond, counting today (0 = the last day; negative = late)."""
    return (s55_last_day(published_on) - today).days


def s55_state(published_on: date, response_on: date | None, today: date) -> str:
    """Return 'published-on-time', 'published-late', 'overdue' or 'open'."""
    last = s55_last_day(published_on)
    if response_on is not None:
        return "published-on-time" if response_on <= last else "published-late"
    return "overdue" if today > last else "open"


def next_meeting(rule: str, after: date) -> date | None:
    """Return the first board date on or after `after` from an RFC 5545 recurrence rule.

    Raises ValidationError when the rule cannot be read.
    """
    import re

    from dateutil.rrule import rrulestr

    if re.search(r"INTERVAL=0*(;|\s|$)", rule.upper()):  # dateutil would look for ever
        raise ValidationError("board.rrule", "INTERVAL must be 1 or more")
    try:
        recurrence = rrulestr(rule, forceset=True)
    except (ValueError, TypeError) as exc:
        raise ValidationError("board.rrule", f"not a recurrence rule ({exc})") from None
    found = recurrence.after(datetime(after.year, after.month, after.day), inc=True)
    return found.date() if found else None


_REF = r"^BCB-(\d{4})-(\d{2})-(\d{2,})$"


def action_ref(meeting_day: date, sequence: int) -> str:
    """Return an action ref such as BCB-2025-07-03 (year, month of meeting, number)."""
    return f"BCB-{meeting_day.year}-{meeting_day.month:02d}-{sequence:02d}"


def parse_action_ref(ref: str) -> tuple[int, int, int] | None:
    """Return (year, month, number) of a BCB ref, or None when it is not one."""
    import re

    match = re.match(_REF, ref)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None
