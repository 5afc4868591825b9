"""Dated progress updates on actions, findings and priorities."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, SQLModel, select

from assure.core import audit, validate
from assure.core.actor import Actor
from assure.models import Update


def add_update(
    session: Session,
    actor: Actor,
    record: SQLModel,
    text: str,
    on: date,
    status_to: str | None = None,
) -> Update:
    """Record a dated note on `record`, changing its status when `status_to` is given."""
    note = validate.required(text, "update", 4000)
    status_from = getattr(record, "status", None)
    update = Update(
        record_type=audit.record_type(record),
        record_id=int(record.id),  # type: ignore[attr-defined]
        on=on,
        author=actor.name,
        text=note,
        status_from=status_from if status_to else None,
        status_to=status_to,
    )
    audit.create(session, update, actor)
    if status_to and status_to != status_from:
        audit.change(session, record, {"status": status_to}, actor)
    return update


def updates_for(session: Session, record_type: str, record_id: int) -> list[Update]:
    """Return the updates of one record, newest first."""
    return list(
        session.exec(
            select(Update)
            .where(Update.record_type == record_type, Update.record_id == record_id)
            .order_by(Update.on.desc(), Update.id.desc())  # type: ignore[attr-defined,union-attr]
        )
    )
