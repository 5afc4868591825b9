"""Use cases of the annual SPR statement: its standing, build, approve, and finding it again.

Rendering is the caller's: `build` takes the function that writes the statement's Markdown
(assure.render.statement.markdown), so the services never import the renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from assure.core import policy
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.core.db import Store
from assure.models import Statement
from assure.models.base import pk
from assure.services.statement import gather as gathering
from assure.services.statement import store as stored
from assure.services.statement.gather import StatementData


@dataclass(frozen=True)
class StoredStatement:
    """A built statement as stored: its text, hash and where it stands."""

    id: int
    year: str
    status: str  # draft, approved or superseded
    content: str
    sha256: str
    approved_by: str
    approved_on: date | None
    built_at: datetime | None


@dataclass(frozen=True)
class Standing:
    """A year's statement before anyone builds it: its gaps and what is stored."""

    year: str
    gaps: list[str]
    stored: StoredStatement | None


@dataclass(frozen=True)
class Built:
    statement: StoredStatement
    gaps: list[str]
    frozen: bool  # the approved text was written, not a new draft


def read_model(row: Statement) -> StoredStatement:
    return StoredStatement(
        pk(row), FinancialYear(row.year).label, row.status, row.content, row.sha256,
        row.approved_by or "", row.approved_on, row.built_at,
    )  # fmt: skip


def standing(
    store: Store, actor: Actor, year: FinancialYear, settings: Settings, today: date
) -> Standing:
    """The year's gaps in the evidence and the statement that stands for it, if any."""
    policy.require(actor, "read")
    with store.reading() as session:
        data = gathering.gather(session, year, settings, today)
        row = stored.stored_for(session, year)
        return Standing(year.label, data.gaps, read_model(row) if row else None)


def gather(
    store: Store, actor: Actor, year: FinancialYear, settings: Settings, today: date
) -> StatementData:
    """Everything the statement would say if built today (for a preview)."""
    policy.require(actor, "read")
    with store.reading() as session:
        return gathering.gather(session, year, settings, today)


def build(
    store: Store,
    actor: Actor,
    year: FinancialYear,
    settings: Settings,
    today: date,
    markdown: Callable[[StatementData], str],
    draft: bool = False,
) -> Built:
    """The approved text of a year (unless `draft`), or a new draft stored with its manifest."""
    policy.require(actor, "build-statement")
    with store.writing() as session:
        frozen = None if draft else stored.approved(session, year)
        if frozen is not None:
            return Built(read_model(frozen), [], True)
        data = gathering.gather(session, year, settings, today)
        row = stored.store_draft(
            session, actor, data, markdown(data), stored.edition_id_for(session, data)
        )
        session.flush()
        return Built(read_model(row), data.gaps, False)


def approve(
    store: Store,
    actor: Actor,
    year: FinancialYear,
    by: str,
    today: date,
    supersede: bool = False,
) -> StoredStatement:
    """Freeze the latest draft: a commissioner in their own name, or an officer recording a
    named commissioner's approval."""
    if not policy.may(actor, "approve-statement"):
        policy.require(actor, "record-approval")
    with store.writing() as session:
        return read_model(stored.approve(session, actor, year, by, today, supersede))


def stored_for(store: Store, actor: Actor, year: FinancialYear) -> StoredStatement | None:
    """The statement that stands for a year: the approved one, else the latest draft."""
    policy.require(actor, "read")
    with store.reading() as session:
        row = stored.stored_for(session, year)
        return read_model(row) if row else None


def by_hash(store: Store, actor: Actor, sha256: str) -> StoredStatement | None:
    """The stored statement a file's recorded hash names, if any."""
    policy.require(actor, "read")
    with store.reading() as session:
        row = stored.by_hash(session, sha256)
        return read_model(row) if row else None


def sha256_text(text: str) -> str:
    return stored.sha256_text(text)
