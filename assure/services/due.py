"""Overdue and due-soon work across actions, findings, s55 responses and plan priorities.

One query per kind, each using the rules' SQL twins, so the reminder job, the dashboard and
the board pack list exactly the same items.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from assure.models import Action, Finding, Inspection, Meeting, Person, Priority, Theme
from assure.services import rules


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


UNOWNED = "(no owner)"


def _owner(name: str | None) -> str:
    return name or UNOWNED


def due_actions(
    session: Session, today: date, within: int, owner: str | None = None
) -> list[DueItem]:
    cond = rules.overdue_or_soon_sql(
        Action.due_date, Action.revised_due_date, Action.status, today, rules.ACTION_DONE, within
    )
    query = (
        select(
            Action.id,
            Action.ref,
            Action.title,
            Action.due_date,
            Action.revised_due_date,
            Action.status,
            Person.name,
            Person.email,
            Meeting.held_on,
            Meeting.board,
        )
        .outerjoin(Person, Person.id == Action.owner_id)  # type: ignore[arg-type]
        .outerjoin(Meeting, Meeting.id == Action.meeting_id)  # type: ignore[arg-type]
        .where(cond)
    )
    if owner:
        query = query.where(Person.name == owner)
    items = []
    for row in session.execute(query):
        due = row.revised_due_date or row.due_date
        source = f"{row.board} {row.held_on:%d %b %Y}" if row.held_on else "Action log"
        items.append(
            DueItem(
                "action",
                row.ref,
                row.title,
                _owner(row.name),
                row.email or "",
                due,
                row.due_date,
                rules.days_overdue(due, today),
                row.status,
                source,
                row.id,
            )
        )
    return items


def due_findings(
    session: Session, today: date, within: int, owner: str | None = None
) -> list[DueItem]:
    cond = rules.overdue_or_soon_sql(
        Finding.target_date, None, Finding.status, today, rules.FINDING_DONE, within
    )
    query = (
        select(
            Finding.id,
            Finding.ref,
            Finding.text,
            Finding.target_date,
            Finding.status,
            Person.name,
            Person.email,
            Inspection.title.label("report"),  # type: ignore[attr-defined]
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)  # type: ignore[arg-type]
        .outerjoin(Person, Person.id == Finding.force_lead_id)  # type: ignore[arg-type]
        .where(cond)
    )
    if owner:
        query = query.where(Person.name == owner)
    return [
        DueItem(
            "finding",
            row.ref,
            _short(row.text),
            _owner(row.name),
            row.email or "",
            row.target_date,
            row.target_date,
            rules.days_overdue(row.target_date, today),
            row.status,
            row.report,
            row.id,
        )
        for row in session.execute(query)
    ]


def due_responses(
    session: Session, today: date, within: int, owner: str | None = None
) -> list[DueItem]:
    """s55 responses not yet published whose last day is past or within the window."""
    earliest_published = today + timedelta(days=within) - timedelta(days=rules.S55_DAYS - 1)
    query = (
        select(
            Inspection.id,
            Inspection.title,
            Inspection.kind,
            Inspection.published_on,
            Person.name,
            Person.email,
        )
        .outerjoin(Person, Person.id == Inspection.response_owner_id)  # type: ignore[arg-type]
        .where(
            and_(
                Inspection.response_published_on.is_(None),
                Inspection.published_on <= earliest_published,
            )
        )  # type: ignore[union-attr]
    )
    if owner:
        query = query.where(Person.name == owner)
    items = []
    for row in session.execute(query):
        last = rules.s55_last_day(row.published_on)
        items.append(
            DueItem(
                "response",
                f"s55-{row.id}",
                f"Publish the s55 response to {row.title}",
                _owner(row.name),
                row.email or "",
                last,
                last,
                rules.days_overdue(last, today),
                "awaiting-response",
                f"HMICFRS {row.kind} published {row.published_on:%d %b %Y}",
                row.id,
            )
        )
    return items


def due_priorities(
    session: Session, today: date, within: int, owner: str | None = None
) -> list[DueItem]:
    """Plan priorities whose progress update is overdue or due soon (owed by the OPCC lead)."""
    lead = aliased(Person)
    query = (
        select(
            Priority.id,
            Priority.code,
            Priority.title,
            Priority.update_due,
            Priority.rag,
            lead.name,
            lead.email,
            Theme.title.label("theme"),
        )  # type: ignore[attr-defined]
        .join(Theme, Theme.id == Priority.theme_id)  # type: ignore[arg-type]
        .outerjoin(lead, lead.id == Priority.opcc_lead_id)
        .where(
            and_(
                Priority.update_due.is_not(None),
                Priority.update_due <= today + timedelta(days=within),
            )
        )  # type: ignore[union-attr,operator]
    )
    if owner:
        query = query.where(lead.name == owner)
    return [
        DueItem(
            "priority",
            row.code,
            f"Progress update: {row.title}",
            _owner(row.name),
            row.email or "",
            row.update_due,
            row.update_due,
            rules.days_overdue(row.update_due, today),
            row.rag,
            f"Plan theme: {row.theme}",
            row.id,
        )
        for row in session.execute(query)
    ]


def due_items(
    session: Session, today: date, within: int = rules.DUE_SOON_DAYS, owner: str | None = None
) -> list[DueItem]:
    """Return every overdue or due-soon item, most overdue first."""
    items = (
        due_actions(session, today, within, owner)
        + due_findings(session, today, within, owner)
        + due_responses(session, today, within, owner)
        + due_priorities(session, today, within, owner)
    )
    items.sort(key=lambda i: (-i.days_overdue, i.owner, i.kind, i.ref))
    return items


def by_owner(items: list[DueItem]) -> dict[str, list[DueItem]]:
    """Group items by owner, owners with the most overdue item first."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (-max(i.days_overdue for i in kv[1]), kv[0])))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
