"""Dated progress updates on actions, findings and priorities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, SQLModel, col, select

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
    fields = _update(actor, (audit.record_type(record), int(record.id)), text, on)  # type: ignore[attr-defined]
    status_from = getattr(record, "status", None)
    if status_to:
        fields.update(status_from=status_from, status_to=status_to)
    update = Update(**fields)
    audit.create(session, update, actor)
    if status_to and status_to != status_from:
        audit.change(session, record, {"status": status_to}, actor)
    return update


def add_updates(
    session: Session, actor: Actor, notes: Sequence[tuple[tuple[str, int], str]], on: date
) -> None:
    """Record many dated notes that change no status, one each ((record type, id), text) on
    records of one type, with the audit entries `add_update` writes."""
    made = [_update(actor, record, text, on) for record, text in notes]
    audit.create_many(session, Update, made, actor, key="record_id")


def _update(actor: Actor, record: tuple[str, int], text: str, on: date) -> dict[str, Any]:
    """The fields of a new update (no status change) on `record`, its text checked."""
    return dict(
        record_type=record[0],
        record_id=record[1],
        on=on,
        author=actor.name,
        text=validate.required(text, "update", 4000),
    )


def updates_for(session: Session, record_type: str, record_id: int) -> list[Update]:
    """Return the updates of one record, newest first."""
    return list(
        session.exec(
            select(Update)
            .where(Update.record_type == record_type, Update.record_id == record_id)
            .order_by(Update.on.desc(), Update.id.desc())  # type: ignore[attr-defined,union-attr]
        )
    )


def latest_texts(session: Session, record_type: str, record_ids: Sequence[int]) -> dict[int, str]:
    """The newest update's text of each of these records that has one (in one query)."""
    rows = session.exec(
        select(Update.record_id, Update.text)
        .where(Update.record_type == record_type, col(Update.record_id).in_(record_ids))
        .order_by(col(Update.on), col(Update.id))
    )
    return dict(rows.all())
