"""Overdue and due-soon work across actions, findings, s55 responses and plan priorities.

The queries are plain SQL built from the rules' text twins, so one query serves two paths:
through SQLAlchemy (the app, PostgreSQL) and through the standard library's sqlite3 alone
(`due_items_sqlite`), which keeps `assure remind` from importing anything it does not need.
The reminder job, the dashboard and the board pack therefore list exactly the same items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assure.core import rules
from assure.services.inspections.s55 import SEPARATOR, S55Steps
from assure.services.reminders import due_sql

if TYPE_CHECKING:
    from sqlmodel import Session

UNOWNED = due_sql.UNOWNED


# what each kind of due work is called: in full (digests, e-mail, calendars) and in a table column
KIND_LABEL = {
    "action": "Board action",
    "finding": "HMICFRS finding",
    "response": "s55 response",
    "response-step": "s55 step",
    "priority": "Plan priority",
}
KIND_SHORT = {
    "action": "action",
    "finding": "finding",
    "response": "s55",
    "response-step": "s55 step",
    "priority": "priority",
}


@dataclass(slots=True)
class DueItem:
    """One piece of work that is overdue or due soon, as the reminder JSON shape has it.

    Not frozen: a frozen dataclass pays for object.__setattr__ on every field, and `assure remind`
    builds tens of thousands of these at national scale.
    """

    kind: str  # action, finding, response, response-step, priority
    ref: str
    title: str
    owner: str
    owner_email: str
    due_date: date
    original_due_date: date
    days_overdue: int
    status: str
    source: str
    record_id: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ref": self.ref,
            "title": self.title,
            "owner": self.owner,
            "owner_email": self.owner_email,
            "due_date": self.due_date.isoformat(),
            "original_due_date": self.original_due_date.isoformat(),
            "days_overdue": self.days_overdue,
            "status": self.status,
            "source": self.source,
            "record_id": self.record_id,
        }


ACTIONS_SQL = (
    "SELECT a.id, a.ref, a.title, a.due_date, a.revised_due_date, a.status, p.name, p.email, "
    "m.held_on, m.board " + due_sql.ACTIONS_FROM
)
FINDINGS_SQL = (
    "SELECT f.id, f.ref, f.text, f.target_date, f.status, p.name, p.email, i.title "
    + due_sql.FINDINGS_FROM
)
RESPONSES_SQL = (
    "SELECT i.id, i.title, i.kind, i.published_on, p.name, p.email " + due_sql.RESPONSES_FROM
)
STEPS_SQL = (
    "SELECT i.id, i.title, i.kind, i.published_on, i.response_published_on, "
    "i.comments_invited_on, i.comments_received_on, i.response_link, i.copies_sent_on, "
    f"{due_sql.RECOMMENDATIONS}, {due_sql.EXPLAINED}, p.name, p.email " + due_sql.STEPS_FROM
)
PRIORITIES_SQL = (
    "SELECT pr.id, pr.code, pr.title, pr.update_due, pr.rag, p.name, p.email, t.title "
    + due_sql.PRIORITIES_FROM
)

Runner = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]


class _Days(dict[Any, date]):
    """Dates as the driver returns them (date objects, or ISO text from sqlite3), parsed once each.

    A register has far fewer distinct dates than rows, so the cache saves most of the parsing.
    """

    def __missing__(self, value: Any) -> date:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        self[value] = day
        return day


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def one_line(text: str, limit: int = due_sql.TITLE_LIMIT) -> str:
    """A finding's text as a one-line title: cut at `limit`, then breaks and tabs become spaces."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return cut.replace("\r", " ").replace("\n", " ").replace("\t", " ").strip(" ")


def _collect(run: Runner, today: date, within: int, owner: str | None, iso: bool) -> list[DueItem]:
    bound = due_sql.due_params(today, within, iso)
    params: dict[str, Any] = {"horizon": bound["horizon"], "published_by": bound["published_by"]}
    extra = ""
    if owner:
        params["owner"] = owner
        extra = due_sql.OWNER_FILTER
    items: list[DueItem] = []
    days = _Days()
    sources: dict[tuple[Any, Any], str] = {}
    for rid, ref, title, due, revised, status, name, email, held_on, board in run(
        ACTIONS_SQL + extra, params
    ):
        original = days[due]
        current = days[revised] if revised else original
        source = sources.get((board, held_on))
        if source is None:
            source = f"{board} {days[held_on]:%d %b %Y}" if held_on else "Action log"
            sources[(board, held_on)] = source
        items.append(
            DueItem(
                "action",
                ref,
                title,
                name or UNOWNED,
                email or "",
                current,
                original,
                rules.days_overdue(current, today),
                status,
                source,
                rid,
            )
        )
    for rid, ref, text, target, status, name, email, report in run(FINDINGS_SQL + extra, params):
        day = days[target]
        items.append(
            DueItem(
                "finding",
                ref,
                one_line(text),
                name or UNOWNED,
                email or "",
                day,
                day,
                rules.days_overdue(day, today),
                status,
                report,
                rid,
            )
        )
    for rid, title, kind, published, name, email in run(RESPONSES_SQL + extra, params):
        last = rules.s55_last_day(_day(published))
        items.append(
            DueItem(
                "response",
                f"s55-{rid}",
                f"Publish the s55 response to {title}",
                name or UNOWNED,
                email or "",
                last,
                last,
                rules.days_overdue(last, today),
                "awaiting-response",
                f"HMICFRS {kind} published {_day(published):%d %b %Y}",
                rid,
            )
        )
    items += _steps(run, params, extra, today)
    for rid, code, title, update_due, rag, name, email, theme in run(
        PRIORITIES_SQL + extra, params
    ):
        day = _day(update_due)
        items.append(
            DueItem(
                "priority",
                code,
                f"Progress update: {title}",
                name or UNOWNED,
                email or "",
                day,
                day,
                rules.days_overdue(day, today),
                rag,
                f"Plan theme: {theme}",
                rid,
            )
        )
    items.sort(key=lambda i: (-i.days_overdue, i.owner, i.kind, i.ref, i.record_id))
    return items


def _steps(run: Runner, params: dict[str, Any], extra: str, today: date) -> list[DueItem]:
    """The s55 steps still missing from each published response, one item per report."""
    items = []
    for row in run(STEPS_SQL + extra, params):
        rid, title, kind, published, responded, invited, received, link, copies = row[:9]
        recommendations, explained, name, email = row[9:]
        first = _day(published)
        last = rules.s55_last_day(first)
        steps = S55Steps(
            _day(invited) if invited else None,
            None,  # the date asked for is no step of its own
            _day(received) if received else None,
            _day(responded),
            link,
            _day(copies) if copies else None,
            recommendations,
            explained,
        )
        items.append(
            DueItem(
                "response-step",
                f"s55-{rid}",
                f"{due_sql.STEPS_TITLE}{title}: {SEPARATOR.join(steps.missing())}",
                name or UNOWNED,
                email or "",
                last,
                last,
                rules.days_overdue(last, today),
                rules.s55_state(first, _day(responded), today),
                f"HMICFRS {kind} published {first:%d %b %Y}",
                rid,
            )
        )
    return items


def due_items(
    session: Session, today: date, within: int = rules.DUE_SOON_DAYS, owner: str | None = None
) -> list[DueItem]:
    """Return every overdue or due-soon item, most overdue first."""
    from sqlalchemy import text

    conn = session.connection()
    iso = conn.dialect.name == "sqlite"
    return _collect(lambda sql, params: conn.execute(text(sql), params), today, within, owner, iso)


def due_items_sqlite(
    path: Path, today: date, within: int = rules.DUE_SOON_DAYS, owner: str | None = None
) -> list[DueItem]:
    """The same list read with the standard library's sqlite3 only (read-only connection)."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA busy_timeout=10000")
        return _collect(lambda sql, params: con.execute(sql, params), today, within, owner, True)
    finally:
        con.close()


def by_owner(items: list[DueItem]) -> dict[str, list[DueItem]]:
    """Group items by owner, owners with the most overdue item first."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (-max(i.days_overdue for i in kv[1]), kv[0])))
