"""Overdue and due-soon work across actions, findings, s55 responses and plan priorities.

The queries are plain SQL built from the rules' text twins, so one query serves two paths:
through SQLAlchemy (the app, PostgreSQL) and through the standard library's sqlite3 alone
(`due_items_sqlite`), which keeps `assure remind` from importing anything it does not need.
The reminder job, the dashboard and the board pack therefore list exactly the same items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assure.services import rules

if TYPE_CHECKING:
    from sqlmodel import Session

UNOWNED = "(no owner)"


@dataclass(frozen=True)
class DueItem:
    """One piece of work that is overdue or due soon, as the reminder JSON shape has it."""

    kind: str  # action, finding, response, priority
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
        data = asdict(self)
        data["due_date"] = self.due_date.isoformat()
        data["original_due_date"] = self.original_due_date.isoformat()
        return data


_OWNER = " AND p.name = :owner"

ACTIONS_SQL = (
    "SELECT a.id, a.ref, a.title, a.due_date, a.revised_due_date, a.status, p.name, p.email, "
    "m.held_on, m.board FROM action a "
    "LEFT JOIN person p ON p.id = a.owner_id LEFT JOIN meeting m ON m.id = a.meeting_id WHERE "
    + rules.overdue_or_soon_text("a.due_date", "a.revised_due_date", "a.status", rules.ACTION_DONE)
)
FINDINGS_SQL = (
    "SELECT f.id, f.ref, f.text, f.target_date, f.status, p.name, p.email, i.title FROM finding f "
    "JOIN inspection i ON i.id = f.inspection_id "
    "LEFT JOIN person p ON p.id = f.force_lead_id WHERE "
    + rules.overdue_or_soon_text("f.target_date", None, "f.status", rules.FINDING_DONE)
)
RESPONSES_SQL = (
    "SELECT i.id, i.title, i.kind, i.published_on, p.name, p.email FROM inspection i "
    "LEFT JOIN person p ON p.id = i.response_owner_id "
    "WHERE i.response_published_on IS NULL AND i.published_on <= :published_by"
)
PRIORITIES_SQL = (
    "SELECT pr.id, pr.code, pr.title, pr.update_due, pr.rag, p.name, p.email, t.title "
    "FROM priority pr JOIN theme t ON t.id = pr.theme_id "
    "LEFT JOIN person p ON p.id = pr.opcc_lead_id "
    "WHERE pr.update_due IS NOT NULL AND pr.update_due <= :horizon"
)

Runner = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _collect(run: Runner, today: date, within: int, owner: str | None, iso: bool) -> list[DueItem]:
    horizon = today + timedelta(days=within)
    published_by = horizon - timedelta(days=rules.S55_DAYS - 1)
    params: dict[str, Any] = {
        "horizon": horizon.isoformat() if iso else horizon,
        "published_by": published_by.isoformat() if iso else published_by,
    }
    extra = ""
    if owner:
        params["owner"] = owner
        extra = _OWNER
    items: list[DueItem] = []
    for rid, ref, title, due, revised, status, name, email, held_on, board in run(
        ACTIONS_SQL + extra, params
    ):
        original = _day(due)
        current = _day(revised) if revised else original
        source = f"{board} {_day(held_on):%d %b %Y}" if held_on else "Action log"
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
        day = _day(target)
        items.append(
            DueItem(
                "finding",
                ref,
                _short(text),
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
    items.sort(key=lambda i: (-i.days_overdue, i.owner, i.kind, i.ref))
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
