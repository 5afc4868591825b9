"""Use cases of the Police and Crime Plan: its priorities, their leads, RAG and updates."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from assure.core import policy
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import NotFound
from assure.services.plan import priorities as plan
from assure.services.plan import queries
from assure.services.plan.queries import PriorityRow


def priorities(store: Store, actor: Actor) -> list[PriorityRow]:
    """Every priority by theme, with its leads, RAG and next update date."""
    policy.require(actor, "read")
    with store.reading() as session:
        return queries.priorities(session)


def record_update(
    store: Store,
    actor: Actor,
    today: date,
    priority_id: int,
    *,
    text: str,
    rag: str | None = None,
    next_due: date | str | None = None,
) -> PriorityRow:
    """Record a dated progress update, with a new RAG and next update date if given."""
    policy.require(actor, "edit-priority")
    with store.writing() as session:
        found = plan.get_priority(session, priority_id)
        plan.add_priority_update(session, actor, found, text, today, rag=rag, next_due=next_due)
        return _row(session, priority_id)


def set_leads(
    store: Store,
    actor: Actor,
    priority_id: int,
    *,
    version: int,
    opcc_lead: str | None,
    force_lead: str | None,
) -> PriorityRow:
    """Set a priority's OPCC and force leads; refused if it changed since `version` was read."""
    policy.require(actor, "edit-priority")
    with store.writing() as session:
        found = plan.get_priority(session, priority_id)
        plan.set_leads(
            session, actor, found, opcc_lead=opcc_lead, force_lead=force_lead,
            expected_version=version,
        )  # fmt: skip
        return _row(session, priority_id)


def _row(session: Session, priority_id: int) -> PriorityRow:
    session.flush()
    rows = queries.priorities(session, priority_id)
    if not rows:
        raise NotFound(f"no priority {priority_id}")
    return rows[0]
