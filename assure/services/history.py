"""A record's history: its dated updates and its audit trail, as plain rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core import audit, policy
from assure.core.actor import Actor
from assure.core.db import Store
from assure.models import (
    Action,
    AgendaItem,
    Dimension,
    Finding,
    Inspection,
    Meeting,
    Person,
    Priority,
    Threat,
)
from assure.services import updates
from assure.services.catalogue import Vocabulary, vocabulary_of


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
        words = Words(session, vocab)
        trail = [
            AuditRow(
                e.at,
                e.who,
                e.operation,
                words.field(e.field),
                words.said(e.operation, e.field, e.old),
                words.said(e.operation, e.field, e.new),
            )
            for e in audit.history(session, record_type, record_id)
        ]
        return History(notes, trail)


FIELD_LABELS = {
    "owner_id": "owner",
    "opcc_lead_id": "OPCC lead",
    "force_lead_id": "force lead",
    "rag": "RAG",
    "ref": "ref",
}
PERSON_FIELDS = {"owner_id", "opcc_lead_id", "force_lead_id"}
# a field holding another record's id -> that record, and how to name it
REFERENCED: dict[str, tuple[Any, Any]] = {
    "meeting_id": (Meeting, lambda m: f"{m.held_on:%d/%m/%Y} {m.title}".strip()),
    "agenda_item_id": (AgendaItem, lambda a: f"{a.number}. {a.title}"),
    "inspection_id": (Inspection, lambda i: i.title),
    "parent_id": (Finding, lambda f: f.ref),
    "finding_id": (Finding, lambda f: f.ref),
    "action_id": (Action, lambda a: a.ref),
}
# a link's label -> the record it names and the column that names it
LINKED: dict[str, tuple[Any, str]] = {
    "threat": (Threat, "name"),
    "dimension": (Dimension, "name"),
    "priority": (Priority, "title"),
    "finding": (Finding, "ref"),
}


class Words:
    """Says an audit entry the way a person reads it: names, labels, refs and UK dates."""

    def __init__(self, session: Session, statuses: Vocabulary) -> None:
        self.session, self.statuses = session, statuses
        self._people: dict[int, str] | None = None

    def field(self, name: str) -> str:
        return FIELD_LABELS.get(name, name.removesuffix("_id").replace("_", " "))

    def value(self, field: str, value: str | None) -> str:
        if not value:
            return ""
        if field in PERSON_FIELDS and value.isdigit():
            return self.people().get(int(value), f"person {value}")
        if field == "status":
            return self.statuses.label(value)
        if field in REFERENCED and value.isdigit():
            model, say = REFERENCED[field]
            found = self.session.get(model, int(value))
            return say(found) if found is not None else value
        return _uk_date(value)

    def said(self, operation: str, field: str, value: str | None) -> str:
        if operation in {"link", "unlink"}:
            return self.linked(field, value) if value else ""
        return self.value(field, value)

    def linked(self, field: str, value: str | None) -> str:
        """A link row ("{'action_id': 3, 'threat_id': 2}") as the record it names."""
        import ast

        try:
            row = ast.literal_eval(value or "")
        except (ValueError, SyntaxError):
            return value or ""
        model, column = LINKED.get(field, (None, ""))
        target = row.get(f"{field}_id") if isinstance(row, dict) else None
        if model is None or not isinstance(target, int):
            return value or ""
        found = self.session.get(model, target)
        return str(getattr(found, column)) if found is not None else f"{field} {target}"

    def people(self) -> dict[int, str]:
        if self._people is None:
            rows = self.session.execute(select(col(Person.id), col(Person.name)))
            self._people = {pid: name for pid, name in rows}
        return self._people


def _uk_date(value: str) -> str:
    """2026-03-31 reads as 31/03/2026 (with the time, for a timestamp); else as written."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return value
