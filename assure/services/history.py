"""A record's history: its dated updates and its audit trail, as plain rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assure.core import audit, policy
from assure.core.actor import Actor
from assure.core.db import Store
from assure.services import updates
from assure.services.catalogue import vocabulary_of


@dataclass(frozen=True)
class UpdateRow:
    on: date
    author: str
    text: str
    status_from: str  # labels, not codes
    status_to: str


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    operation: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class History:
    updates: list[UpdateRow]
    audit: list[AuditRow]


# the vocabulary that labels each record type's status
STATUS_VOCABULARY = {
    "action": "action-status",
    "finding": "finding-status",
    "priority": "rag",
}


def history(store: Store, actor: Actor, record_type: str, record_id: int) -> History:
    """Return a record's updates (newest first) and audit trail (oldest first)."""
    policy.require(actor, "read")
    with store.reading() as session:
        vocab = vocabulary_of(session, STATUS_VOCABULARY.get(record_type, ""))
        notes = [
            UpdateRow(
                u.on,
                u.author,
                u.text,
                vocab.label(u.status_from) if u.status_from else "",
                vocab.label(u.status_to) if u.status_to else "",
            )
            for u in updates.updates_for(session, record_type, record_id)
        ]
        trail = [
            AuditRow(e.at, e.who, e.operation, e.field, e.old or "", e.new or "")
            for e in audit.history(session, record_type, record_id)
        ]
        return History(notes, trail)
