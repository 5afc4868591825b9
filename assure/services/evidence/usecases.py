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
from assure.core.errors import NotFound
from assure.models import Threat
from assure.models.base import pk
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
) -> EvidenceRow:
    """Record dated evidence and link it to the threats and dimensions it bears on."""
    policy.require(actor, "record-evidence")
    with store.writing() as session:
        item = records.add_evidence(
            session, actor, title=title, occurred_on=occurred_on, kind=kind, source=source,
            summary=summary, threat_ids=threat_ids, dimension_ids=dimension_ids,
        )  # fmt: skip
        session.flush()
        found: list[EvidenceRow] = queries.evidence_page(session, evidence_id=pk(item)).rows
        return found[0]


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
