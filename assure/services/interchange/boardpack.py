"""The action-log paper for a board meeting: what the board needs to see, in four sections.

- Live actions: everything not closed or superseded, earliest due first (with the latest update).
- Completed since the last meeting: closed after the previous meeting.
- Extension requests awaiting the board's decision.
- Overdue: live actions past their ORIGINAL due date on the meeting day; an extended action
  still counts as late against the date first agreed, and the pack says it was extended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from assure.core import lifecycle, rules
from assure.core.config import Settings
from assure.core.errors import ValidationError
from assure.models import Action, Extension, Meeting, Person, Update
from assure.services import catalogue


@dataclass
class PackRow:
    ref: str
    title: str
    owner: str
    due: date
    original_due: date
    status: str
    latest_update: str
    days_late: int = 0


@dataclass
class ExtensionRow:
    ref: str
    title: str
    owner: str
    original_due: date
    current_due: date
    requested_due: date
    requested_on: date
    reason: str


@dataclass
class BoardPack:
    board: str
    meeting: date
    previous: date | None
    live: list[PackRow]
    completed: list[PackRow]
    extensions: list[ExtensionRow]
    overdue: list[PackRow]


def next_meeting_date(session: Session, today: date, settings: Settings) -> date:
    found = session.execute(
        select(func.min(Meeting.held_on)).where(col(Meeting.held_on) >= today)
    ).scalar_one_or_none()
    day = found or rules.next_meeting(settings.board_rrule, today)
    if day is None:
        raise ValidationError("--meeting", "no future meeting is scheduled; give --meeting DATE")
    return day


def build(session: Session, meeting: date, settings: Settings) -> BoardPack:
    """The pack for the meeting on `meeting`: every action raised by then, in its sections."""
    previous = session.execute(
        select(func.max(Meeting.held_on)).where(col(Meeting.held_on) < meeting)
    ).scalar_one_or_none()
    rows = _rows(session, meeting)
    live = [r for a, r in rows if not lifecycle.action_is_terminal(a.status)]
    live.sort(key=lambda r: (r.due, r.ref))
    completed = [r for a, r in rows if _closed_since(a, previous, meeting)]
    overdue = [r for a, r in rows if a.status not in rules.ACTION_DONE and a.due_date < meeting]
    overdue.sort(key=lambda r: (-r.days_late, r.ref))
    extensions = _extensions(session, rows)
    return BoardPack(settings.board_name, meeting, previous, live, completed, extensions, overdue)


def _closed_since(action: Action, previous: date | None, meeting: date) -> bool:
    """Closed by the board after the previous meeting and by this one."""
    closed_on = action.closed_on
    if action.status != "closed" or closed_on is None:
        return False
    return (previous is None or closed_on > previous) and closed_on <= meeting


def _rows(session: Session, meeting: date) -> list[tuple[Action, PackRow]]:
    """Each action raised by the meeting with its pack row (latest update, days late)."""
    names = dict(session.execute(select(col(Person.id), col(Person.name))).all())
    status = catalogue.vocabulary_of(session, "action-status").label  # "Awaiting sign-off"
    latest: dict[int, str] = {}
    for record_id, text in session.execute(
        select(col(Update.record_id), col(Update.text))
        .where(col(Update.record_type) == "action")
        .order_by(col(Update.on), col(Update.id))
    ):
        latest[record_id] = text
    rows: list[tuple[Action, PackRow]] = []
    for action in session.scalars(
        select(Action)
        .where(col(Action.raised_on).is_(None) | (col(Action.raised_on) <= meeting))
        .order_by(col(Action.ref))
    ):
        current = rules.current_due(action.due_date, action.revised_due_date) or action.due_date
        row = PackRow(
            action.ref,
            action.title,
            names.get(action.owner_id or 0, ""),
            current,
            action.due_date,
            status(action.status),
            latest.get(action.id or 0, ""),
            max(0, (meeting - action.due_date).days),
        )
        rows.append((action, row))
    return rows


def _extensions(session: Session, rows: list[tuple[Action, PackRow]]) -> list[ExtensionRow]:
    """Extension requests awaiting the board's decision on the pack's actions, oldest first."""
    by_id = {a.id: (a, r) for a, r in rows}
    extensions = []
    for ext in session.scalars(
        select(Extension)
        .where(col(Extension.decision) == "requested")
        .order_by(col(Extension.requested_on))
    ):
        found = by_id.get(ext.action_id)
        if found is None:
            continue
        action, row = found
        extensions.append(
            ExtensionRow(
                row.ref,
                row.title,
                row.owner,
                action.due_date,
                row.due,
                ext.requested_due,
                ext.requested_on,
                ext.reason,
            )
        )
    return extensions
