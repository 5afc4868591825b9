"""Choices for pickers: people, and the vocabularies of the reference data."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from assure.models import (
    Person,
)


def people_options(session: Session) -> list[tuple[str, str]]:
    """(label, name) of every active person, for owner and lead pickers."""
    rows = session.execute(
        select(col(Person.name), col(Person.organisation))
        .where(col(Person.active))
        .order_by(col(Person.name))
    )
    return [(f"{name} ({org})" if org else name, name) for name, org in rows]
