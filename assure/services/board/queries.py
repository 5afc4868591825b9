"""Read models of the action log and the meetings: paged in the database, never whole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session, col

from assure.core import lifecycle, rules
from assure.core.errors import NotFound
from assure.models import (
    Action,
    Meeting,
    Person,
)
from assure.services.paging import Page


@dataclass
class ActionFilter:
    """The Board screen's filters: status (or "live"), owner, overdue only, and free text."""

    status: str = "live"  # live (not closed or superseded), all, or one status code
    owner: str = ""
    overdue: bool = False
    text: str = ""
    order: str = "due"  # due (earliest first), ref, owner or status


@dataclass
class ActionRow:
    id: int
    ref: str
    title: str
    owner: str
    due: date
    original_due: date
    status: str
    overdue: bool


def _action_where(filt: ActionFilter, today: date) -> list[Any]:
    where: list[Any] = []
    if filt.status == "live":  # still the board's business, including completions to sign off
        where.append(col(Action.status).not_in(sorted(lifecycle.ACTION_TERMINAL)))
    elif filt.status != "all":
        where.append(col(Action.status) == filt.status)
    if filt.owner:
        where.append(func.lower(Person.name).contains(filt.owner.lower()))
    if filt.overdue:
        where.append(
            rules.overdue_sql(
                col(Action.due_date),
                col(Action.revised_due_date),
                col(Action.status),
                today,
                rules.ACTION_DONE,
            )
        )
    if filt.text:
        needle = f"%{filt.text.lower()}%"
        where.append(
            or_(func.lower(Action.title).like(needle), func.lower(Action.ref).like(needle))
        )
    return where


def actions_count(session: Session, today: date, filt: ActionFilter) -> int:
    """How many actions the filter matches."""
    where = _action_where(filt, today)
    count = (
        select(func.count())
        .select_from(Action)
        .outerjoin(Person, col(Person.id) == col(Action.owner_id))
    )
    if where:
        count = count.where(and_(*where))
    return int(session.execute(count).scalar_one())


def _row_select(today: date) -> Any:
    due_col = rules.current_due_sql(col(Action.due_date), col(Action.revised_due_date))
    return select(
        col(Action.id),
        col(Action.ref),
        col(Action.title),
        col(Person.name),
        due_col,
        col(Action.due_date),
        col(Action.status),
    ).outerjoin(Person, col(Person.id) == col(Action.owner_id))


def _rows(session: Session, today: date, query: Any) -> list[ActionRow]:
    return [
        ActionRow(
            rid,
            ref,
            title,
            owner or "",
            current,
            original,
            status,
            rules.is_overdue(current, status, today, rules.ACTION_DONE),
        )
        for rid, ref, title, owner, current, original, status in session.execute(query)
    ]


def actions_page(
    session: Session,
    today: date,
    filt: ActionFilter,
    offset: int = 0,
    limit: int = 50,
    count: bool = True,
) -> Page:
    """One page of the action log, most overdue (earliest due) first; `count` adds the total."""
    due_col = rules.current_due_sql(col(Action.due_date), col(Action.revised_due_date))
    where = _action_where(filt, today)
    query = _row_select(today)
    if where:
        query = query.where(and_(*where))
    orders = {
        "ref": (col(Action.ref),),
        "owner": (col(Person.name), due_col, col(Action.ref)),
        "status": (col(Action.status), due_col, col(Action.ref)),
    }
    order = orders.get(filt.order, (due_col, col(Action.ref)))
    rows = _rows(session, today, query.order_by(*order).offset(offset).limit(limit + 1))
    more = len(rows) > limit
    total = actions_count(session, today, filt) if count else None
    return Page(rows[:limit], total, offset, limit, more)


def action_row(session: Session, action_id: int, today: date) -> ActionRow:
    """One action as the log shows it."""
    rows = _rows(session, today, _row_select(today).where(col(Action.id) == action_id))
    if not rows:
        raise NotFound(f"no action {action_id}")
    return rows[0]


@dataclass
class MeetingRow:
    id: int
    held_on: date
    board: str
    title: str
    actions: int


def meetings(session: Session, today: date, limit: int = 12) -> list[MeetingRow]:
    """The most recent and next meetings, newest first, with the actions each raised."""
    counts = dict(
        session.execute(
            select(col(Action.meeting_id), func.count()).group_by(col(Action.meeting_id))
        ).all()
    )
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.held_on), col(Meeting.board), col(Meeting.title))
        .order_by(col(Meeting.held_on).desc())
        .limit(limit)
    )
    return [
        MeetingRow(mid, day, board, title, counts.get(mid, 0)) for mid, day, board, title in rows
    ]


def agenda(session: Session, meeting_id: int) -> list[tuple[int, int, str]]:
    """A meeting's agenda: (id, number, title) in order."""
    from assure.models import AgendaItem

    return [
        (item_id, number, title)
        for item_id, number, title in session.execute(
            select(col(AgendaItem.id), col(AgendaItem.number), col(AgendaItem.title))
            .where(col(AgendaItem.meeting_id) == meeting_id)
            .order_by(col(AgendaItem.number))
        )
    ]
