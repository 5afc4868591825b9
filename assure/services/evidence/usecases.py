"""Use cases of the evidence register and of the threats it is recorded against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from assure.core import policy
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import Action, Threat
from assure.models.base import pk
from assure.services.board import actions
from assure.services.catalogue import vocabulary_of
from assure.services.evidence import queries, records, spr
from assure.services.evidence.queries import EvidenceRow, ThreatDetail, ThreatRow
from assure.services.paging import Page


@dataclass(frozen=True)
class ThreatsView:
    """The threats of the edition in force with this year's coverage."""

    year: str
    edition: str
    coverage: spr.CoverageGrid
    threats: list[ThreatRow]
    summaries: dict[int, str]  # threat id -> the edition's summary of it


@dataclass(frozen=True)
class EvidenceView:
    """One item of evidence as its edit form shows it (kind as its code, links by id)."""

    id: int
    version: int
    title: str
    occurred_on: date
    kind: str
    source: str
    summary: str
    meeting_id: int | None
    action_ref: str
    finding_id: int | None
    threat_ids: list[int]
    dimension_ids: list[int]


@dataclass(frozen=True)
class AssessmentRow:
    threat: str
    year: str
    dimension: str
    level: str


def evidence_page(
    store: Store, actor: Actor, text: str = "", offset: int = 0, limit: int = 50
) -> Page:
    """One page of the evidence register (rows: EvidenceRow, kinds by their labels)."""
    policy.require(actor, "read")
    with store.reading() as session:
        page = queries.evidence_page(session, text, offset, limit)
        kinds = vocabulary_of(session, "evidence-kind")
        page.rows = [
            EvidenceRow(r.id, r.title, kinds.label(r.kind), r.occurred_on, r.source, r.threats)
            for r in page.rows
        ]
        return page


def record_evidence(
    store: Store,
    actor: Actor,
    *,
    title: str,
    occurred_on: date | str,
    kind: str = "other",
    source: str = "",
    summary: str = "",
    threat_ids: Sequence[int] = (),
    dimension_ids: Sequence[int] = (),
    meeting_id: int | None = None,
    action_ref: str = "",
    finding_id: int | None = None,
) -> EvidenceRow:
    """Record dated evidence and link it to the threats and dimensions it bears on, and to
    the meeting, action (by its ref) or finding it comes from."""
    policy.require(actor, "record-evidence")
    with store.writing() as session:
        item = records.add_evidence(
            session, actor, title=title, occurred_on=occurred_on, kind=kind, source=source,
            summary=summary, threat_ids=threat_ids, dimension_ids=dimension_ids,
            meeting_id=meeting_id, action_id=_action_id(session, action_ref),
            finding_id=finding_id,
        )  # fmt: skip
        session.flush()
        found: list[EvidenceRow] = queries.evidence_page(session, evidence_id=pk(item)).rows
        return found[0]


def evidence_item(store: Store, actor: Actor, evidence_id: int) -> EvidenceView:
    """One item of evidence with everything its edit form shows."""
    policy.require(actor, "read")
    with store.reading() as session:
        item = records.get_evidence(session, evidence_id)
        action = session.get(Action, item.action_id) if item.action_id else None
        return EvidenceView(
            evidence_id, item.version, item.title, item.occurred_on, item.kind, item.source,
            item.summary, item.meeting_id, action.ref if action else "", item.finding_id,
            records.threat_ids_of(session, evidence_id),
            records.dimension_ids_of(session, evidence_id),
        )  # fmt: skip


def edit_evidence(
    store: Store,
    actor: Actor,
    evidence_id: int,
    *,
    version: int,
    title: str,
    occurred_on: date | str,
    kind: str,
    source: str = "",
    summary: str = "",
    meeting_id: int | None = None,
    action_ref: str = "",
    finding_id: int | None = None,
    threat_ids: Sequence[int] = (),
    dimension_ids: Sequence[int] = (),
) -> EvidenceRow:
    """Correct evidence and what it is linked to; refused if someone saved it since `version`.

    The action is named by its ref (BCB-2026-04-01), the meeting and finding by id; a blank
    one unlinks it. Every field and link that changes is audited in the one transaction.
    """
    policy.require(actor, "record-evidence")
    with store.writing() as session:
        item = records.get_evidence(session, evidence_id)
        action_id = _action_id(session, action_ref)
        before = item.version
        records.edit_evidence(
            session, actor, item, version, title=title, occurred_on=occurred_on, kind=kind,
            source=source, summary=summary, meeting_id=meeting_id, action_id=action_id,
            finding_id=finding_id,
        )  # fmt: skip
        if (
            records.relink(session, actor, item, threat_ids, dimension_ids)
            and item.version == before
        ):
            item.version += 1  # a changed link alone still makes a new version
            session.add(item)
        session.flush()
        found: list[EvidenceRow] = queries.evidence_page(session, evidence_id=evidence_id).rows
        return found[0]


def _action_id(session: Session, ref: str) -> int | None:
    text = ref.strip().upper()
    if not text:
        return None
    try:
        return pk(actions.get_action(session, text))
    except NotFound:
        raise ValidationError(
            "action", f"no action {text} (give its ref, e.g. BCB-2026-04-01)"
        ) from None


def threats(store: Store, actor: Actor, today: date) -> ThreatsView:
    """The threats, their evidence this financial year and the gaps."""
    policy.require(actor, "read")
    with store.reading() as session:
        cover, rows = queries.threats_overview(session, today)
        return ThreatsView(
            cover.year.label,
            cover.edition.name,
            spr.grid(cover),
            rows,
            {pk(t): t.summary for t in cover.threats},
        )


def threat_detail(store: Store, actor: Actor, today: date, threat_id: int) -> ThreatDetail:
    """One threat this year: assessments per dimension and what is linked to it."""
    policy.require(actor, "read")
    with store.reading() as session:
        return queries.threat_detail(session, threat_id, today)


def record_assessment(
    store: Store,
    actor: Actor,
    today: date,
    *,
    threat_id: int,
    year: FinancialYear,
    dimension_code: str,
    level_code: str,
    rationale: str,
) -> AssessmentRow:
    """Record (or change) a threat's assessment on one dimension for a financial year."""
    policy.require(actor, "record-assessment")
    with store.writing() as session:
        threat = _threat(session, threat_id)
        dimension = spr.dimension_by_code(session, dimension_code)
        records.set_assessment(
            session, actor, threat=threat, year=year.start_year, dimension=dimension,
            level_code=level_code, rationale=rationale, today=today,
        )  # fmt: skip
        return AssessmentRow(threat.name, year.label, dimension.name, level_code)


def _threat(session: Session, threat_id: int) -> Threat:
    threat = session.get(Threat, threat_id)
    if threat is None:
        raise NotFound(f"no threat {threat_id}")
    return threat
