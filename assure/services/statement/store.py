"""Stored statements: drafts with their manifest and hash, approval, and finding them again.

An approved statement never changes: approving freezes the latest draft's text and SHA-256;
a second approval needs `supersede`, and both are kept.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlmodel import Session, col
from sqlmodel import select as sm_select

from assure.core import audit, policy
from assure.core.actor import Actor
from assure.core.clock import FinancialYear, govuk_date
from assure.core.errors import AssureError, NotFound, PermissionDenied, ValidationError
from assure.models import Person, Statement
from assure.services.evidence import spr
from assure.services.statement.model import StatementData


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_draft(
    session: Session, actor: Actor, data: StatementData, content: str, edition_id: int
) -> Statement:
    """Save a built draft with its manifest and hash (with its audit entries)."""
    row = Statement(
        year=data.year.start_year,
        edition_id=edition_id,
        status="draft",
        content=content,
        manifest=json.dumps(data.manifest()),
        sha256=sha256_text(content),
    )
    audit.create(session, row, actor)
    return row


def file_hashes(row: Statement) -> dict[str, str]:
    """The SHA-256 of each exported file recorded at approval, by kind (md, html, docx); the
    manifest's other entries are the cited evidence."""
    if '"file"' not in (row.manifest or ""):  # a draft's: thousands of evidence entries only
        return {}
    entries = json.loads(row.manifest or "[]")
    return {e["file"]: e["sha256"] for e in entries if isinstance(e, dict) and "file" in e}


def record_files(session: Session, actor: Actor, row: Statement, hashes: dict[str, str]) -> None:
    """Add the approved files' hashes to the statement's manifest (audited)."""
    entries = [e for e in json.loads(row.manifest or "[]") if "file" not in e]
    entries += [{"file": kind, "sha256": sha} for kind, sha in sorted(hashes.items())]
    audit.change(session, row, {"manifest": json.dumps(entries)}, actor)


def approved(session: Session, year: FinancialYear) -> Statement | None:
    return session.exec(
        sm_select(Statement).where(
            Statement.year == year.start_year, Statement.status == "approved"
        )
    ).first()


def latest_draft(session: Session, year: FinancialYear) -> Statement | None:
    return session.exec(
        sm_select(Statement)
        .where(Statement.year == year.start_year, Statement.status == "draft")
        .order_by(col(Statement.id).desc())
    ).first()


def approve(
    session: Session,
    actor: Actor,
    year: FinancialYear,
    by: str,
    today: date,
    supersede: bool = False,
) -> Statement:
    """Freeze the latest draft of `year` as approved; keep any earlier approval.

    A commissioner approves in their own name. An officer may record the approval of a
    commissioner named in the register (`by`), and the audit trail names the officer.
    """
    name = approver(session, actor, by)
    draft = latest_draft(session, year)
    if draft is None:
        raise NotFound(
            f"no draft statement for {year.label}: run `assure statement build {year.label}` first"
        )
    if sha256_text(draft.content) != draft.sha256:
        raise AssureError(
            f"the draft for {year.label} does not match its recorded hash; rebuild it"
        )
    current = approved(session, year)
    if current is not None and not supersede:
        raise ValidationError(
            "--supersede",
            f"{year.label} was approved by {current.approved_by} on "
            f"{_day(current.approved_on)}; build a new draft and approve it with "
            "--supersede to replace it (both are kept)",
        )
    changes = {"status": "approved", "approved_by": name, "approved_on": today}
    audit.change(session, draft, changes, actor)
    if current is not None:
        audit.change(
            session, current, {"status": "superseded", "superseded_by_id": draft.id}, actor
        )
    return draft


def _day(value: date | None) -> str:
    return govuk_date(value) if value else "an unrecorded date"


def approver(session: Session, actor: Actor, by: str) -> str:
    """Return the name the approval is recorded under; raise if this person may not approve."""
    name = by.strip()
    if policy.may(actor, "approve-statement"):
        if name and name != actor.name:
            raise ValidationError("--by", f"{actor.name} approves in their own name, not {name}")
        return actor.name
    policy.require(actor, "record-approval")
    if not name:
        raise ValidationError("--by", "name the commissioner whose approval you record")
    person = session.exec(sm_select(Person).where(Person.name == name)).first()
    if person is None or person.access != "commissioner" or not person.active:
        raise PermissionDenied(
            f"{name} is not a commissioner in the register: only a commissioner approves"
        )
    return person.name


def stored_for(session: Session, year: FinancialYear) -> Statement | None:
    """The statement that stands for a year: the approved one, else the latest draft."""
    return approved(session, year) or latest_draft(session, year)


def by_hash(session: Session, sha256: str) -> Statement | None:
    """The stored statement with this text's hash: drafts built twice from the same records
    share it, so the approved one (then a superseded one, then the latest draft) stands."""
    rows = session.exec(sm_select(Statement).where(Statement.sha256 == sha256)).all()
    rank = {"approved": 0, "superseded": 1, "draft": 2}
    return min(rows, key=lambda r: (rank.get(r.status, 3), -(r.id or 0)), default=None)


def edition_id_for(session: Session, data: StatementData) -> int:
    edition, _ = spr.edition_for_year(session, data.year)
    assert edition.id is not None
    return edition.id
