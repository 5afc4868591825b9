"""The reminder log: proof that owners were chased, and the guard against chasing twice."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from assure.models.base import utcnow


class ReminderLog(SQLModel, table=True):
    """One reminder sent (or attempted) to one owner about one item."""

    __tablename__ = "reminder_log"
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    owner_name: str
    item_kind: str  # action, finding, response, priority
    item_ref: str = Field(index=True)
    channel: str  # email, dry-run
    sent_at: datetime = Field(default_factory=utcnow)
    sent_on: date = Field(index=True)
    outcome: str  # sent, failed, written, unknown (sent, reply never came)
    detail: str = ""
