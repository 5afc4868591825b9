"""Use cases of the annual SPR statement: its standing, build, approve, verify, find it again.

Each asks the policy first, opens its own unit of work and returns read models (StoredStatement,
Standing, Built, Verdict, or the gathered StatementData), never a database row. Rendering is the
caller's: `build` takes the function that writes the statement's Markdown and `verify_file` the
one that renders a stored statement as a file's format writes it (assure.render.statement), so
the services never import the renderers.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from assure.core import policy
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.core.db import Store
from assure.core.errors import NotFound
from assure.models import Statement
from assure.models.base import pk
from assure.services.statement import gather as gathering
from assure.services.statement import store as stored
from assure.services.statement.judgement import Judgement
from assure.services.statement.model import FollowUp, Gap, StatementData


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
    file_hashes: dict[str, str] = field(default_factory=dict)  # kind -> SHA-256, at approval


@dataclass(frozen=True)
class Standing:
    """A year's statement before anyone builds it: its gaps, the judgement the records support,
    the follow-ups on the record, and what is stored."""

    year: str
    gaps: list[str]
    stored: StoredStatement | None
    judgement: Judgement = field(default_factory=lambda: Judgement(False, 0, 0))
    gap_records: list[Gap] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


@dataclass(frozen=True)
class Verdict:
    """What verifying a file or a year found."""

    matched: StoredStatement | None  # the stored statement the file names (None: none)
    ok: bool  # the text is exactly the one recorded with that statement's hash
    filed_as: str = ""  # the file is this statement's file as it stood then: draft, approved...


@dataclass(frozen=True)
class Built:
    """What a build stored (or, for an approved year, found) and the gaps it named."""

    statement: StoredStatement
    gaps: list[str]
    frozen: bool  # the approved text was written, not a new draft
    files: list[Path] = field(default_factory=list)  # what the caller's `files` wrote


def read_model(row: Statement) -> StoredStatement:
    """A stored statement row as its read model."""
    return StoredStatement(
        pk(row), FinancialYear(row.year).label, row.status, row.content, row.sha256,
        row.approved_by or "", row.approved_on, row.built_at, stored.file_hashes(row),
    )  # fmt: skip


def standing(
    store: Store, actor: Actor, year: FinancialYear, settings: Settings, today: date
) -> Standing:
    """The year's gaps in the evidence and the statement that stands for it, if any."""
    policy.require(actor, "read")
    with store.reading() as session:
        data = gathering.gather(session, year, settings, today)
        row = stored.stored_for(session, year)
        return Standing(
            year.label, data.gaps, read_model(row) if row else None, data.judgement,
            data.gap_records, data.follow_ups,
        )  # fmt: skip


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
    files: Callable[[StoredStatement], list[Path]] | None = None,
) -> Built:
    """The approved text of a year (unless `draft`), or a new draft stored with its manifest.

    `files(statement)` writes the statement's files (the caller's renderers) and returns their
    paths. It runs inside the unit of work, so a draft is stored only once its files are
    written: when it raises, nothing is stored; when storing then fails, the files are removed.
    """
    policy.require(actor, "build-statement")
    written: list[Path] = []
    try:
        with store.writing() as session:
            built = _build(session, actor, year, settings, today, markdown, draft)
            if files is not None:
                written = files(built.statement)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return replace(built, files=written)


def _build(
    session: Session,
    actor: Actor,
    year: FinancialYear,
    settings: Settings,
    today: date,
    markdown: Callable[[StatementData], str],
    draft: bool,
) -> Built:
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
    files: Callable[[StoredStatement], dict[str, bytes]] | None = None,
) -> StoredStatement:
    """Freeze the latest draft: a commissioner in their own name, or an officer recording a
    named commissioner's approval.

    `files(statement)` renders the approved statement's exports by kind (the caller's
    renderers); the SHA-256 of each is recorded with the approval, so an approved file still
    verifies after the renderers change in a later release.
    """
    if not policy.may(actor, "approve-statement"):
        policy.require(actor, "record-approval")
    with store.writing() as session:
        row = stored.approve(session, actor, year, by, today, supersede)
        if files is not None:
            exported = files(read_model(row))
            stored.record_files(
                session, actor, row, {k: sha256_bytes(v) for k, v in exported.items()}
            )
        return read_model(row)


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


def verify_year(store: Store, actor: Actor, year: FinancialYear) -> Verdict:
    """Whether the statement that stands for `year` still has the text its hash was taken of.

    Raises NotFound when no statement is stored for the year.
    """
    policy.require(actor, "read")
    with store.reading() as session:
        row = stored.stored_for(session, year)
        if row is None:
            raise NotFound(f"no statement is stored for {year.label}")
        return Verdict(read_model(row), stored.sha256_text(row.content) == row.sha256)


def verify_file(
    store: Store,
    actor: Actor,
    recorded: str | None,
    data: bytes,
    render: Callable[[StoredStatement, str], bytes],
    kind: str = "",
) -> Verdict:
    """Check a whole file against the stored statement whose hash it records.

    `render(statement, status)` is the file of the same format for that statement under the
    banner of `status` (the caller renders it: exports are byte-reproducible). A file matches
    when the stored text is intact and the file is exactly one the statement has had: its
    draft, its approved file, or (once superseded) its superseded one. Any other change, in
    the banner, the styling or hidden text, fails. An approved file whose SHA-256 was recorded
    at approval (`kind` names its format) matches on that alone.
    """
    policy.require(actor, "read")
    with store.reading() as session:
        row = stored.by_hash(session, recorded) if recorded else None
        found = read_model(row) if row else None
    if found is None:
        return Verdict(None, False)
    if stored.sha256_text(found.content) != found.sha256:
        return Verdict(found, False)
    if found.file_hashes.get(kind) == sha256_bytes(data):  # the approved file as recorded
        return Verdict(found, True, "approved")
    had = {"draft": ["draft"], "approved": ["draft", "approved"]}
    for status in had.get(found.status, ["draft", "approved", "superseded"]):
        if data == render(found, status):
            return Verdict(found, True, status)
    return Verdict(found, False)


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 a file is recorded with."""
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    """The SHA-256 a statement's text is recorded with."""
    return stored.sha256_text(text)
