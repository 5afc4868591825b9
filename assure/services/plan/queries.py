"""Read models of the plan: priorities with their leads and RAG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, true
from sqlmodel import Session, col

from assure.models import (
    Person,
    Priority,
    Theme,
)


@dataclass
class PriorityRow:
    id: int
    theme: str
    title: str
    opcc_lead: str
    force_lead: str
    rag: str
    update_due: date | None
    version: int = 1


def priorities(session: Session, priority_id: int | None = None) -> list[PriorityRow]:
    """Every priority by theme in the plan's order (or only `priority_id`)."""
    names = {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}
    return [
        PriorityRow(
            p.id or 0,
            theme,
            p.title,
            names.get(p.opcc_lead_id or 0, ""),
            names.get(p.force_lead_id or 0, ""),
            p.rag,
            p.update_due,
            p.version,
        )
        for p, theme in session.execute(
            select(Priority, col(Theme.title))
            .join(Theme, col(Theme.id) == col(Priority.theme_id))
            .where(col(Priority.id) == priority_id if priority_id else true())
            .order_by(col(Theme.position), col(Priority.position))
        )
    ]
