"""The audit trail: who changed which field of which record, from what to what, and when."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from assure.models.base import utcnow


class AuditEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    who: str
    record_type: str = Field(index=True)
    record_id: int = Field(index=True)
    operation: str  # create, update, delete
    field: str = ""
    old: str | None = None
    new: str | None = None
