"""Read models of the evidence register and of each threat's coverage and assessments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from assure.core import lifecycle, rules
from assure.core.clock import FinancialYear
from assure.models import (
    Action,
    Evidence,
    EvidenceThreat,
    Finding,
    Priority,
    Threat,
)
from assure.services.evidence import spr
from assure.services.paging import Page


@dataclass
class EvidenceRow:
    id: int
    title: str
    kind: str
    occurred_on: date
    source: str
    threats: str


def evidence_page(
    session: Session,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    evidence_id: int | None = None,
) -> Page:
    """Evidence, newest first, matching `text` in its title or source (or one item by id)."""
    where = []
    if evidence_id is not None:
        where.append(col(Evidence.id) == evidence_id)
    if text:
        needle = f"%{text.lower()}%"
        where.append(
            or_(func.lower(Evidence.title).like(needle), func.lower(Evidence.source).like(needle))
        )
    count = select(func.count()).select_from(Evidence)
    query = select(
        col(Evidence.id),
        col(Evidence.title),
        col(Evidence.kind),
        col(Evidence.occurred_on),
        col(Evidence.source),
    )
    if where:
        count, query = count.where(*where), query.where(*where)
    total = session.execute(count).scalar_one()
    found = list(
        session.execute(
            query.order_by(col(Evidence.occurred_on).desc(), col(Evidence.id).desc())
            .offset(offset)
            .limit(limit)
        )
    )
    ids = [row[0] for row in found]
    codes: dict[int, list[str]] = {}
    for eid, code in session.execute(
        select(col(EvidenceThreat.evidence_id), col(Threat.code))
        .join(Threat, col(Threat.id) == col(EvidenceThreat.threat_id))
        .where(col(EvidenceThreat.evidence_id).in_(ids))
    ):
        codes.setdefault(eid, []).append(code)
    rows = [
        EvidenceRow(eid, title, kind, day, source, ", ".join(sorted(codes.get(eid, []))))
        for eid, title, kind, day, source in found
    ]
    return Page(rows, total, offset, limit, more=offset + len(rows) < total)


@dataclass
class ThreatRow:
    id: int
    code: str
    name: str
    evidence: int
    gaps: list[str] = field(default_factory=list)


def threats_overview(session: Session, today: date) -> tuple[spr.Coverage, list[ThreatRow]]:
    cover = spr.coverage(session, FinancialYear.of(today))
    rows = []
    for threat in cover.threats:
        assert threat.id is not None
        gaps = [
            "no evidence" if dim is None else f"no {dim.name.lower()} evidence"
            for t, dim in cover.gaps()
            if t.id == threat.id
        ]
        rows.append(
            ThreatRow(threat.id, threat.code, threat.name, cover.totals.get(threat.id, 0), gaps)
        )
    return cover, rows


@dataclass
class ThreatDetail:
    """One threat this financial year: assessments per dimension and what is linked to it."""

    assessments: list[tuple[str, str, str]]  # dimension, level (or "not assessed"), rationale
    live_actions: int
    overdue_actions: int
    open_findings: int
    priorities: list[str]


def threat_detail(session: Session, threat_id: int, today: date) -> ThreatDetail:
    from assure.models import (
        ActionThreat,
        Assessment,
        AssuranceLevel,
        Dimension,
        FindingThreat,
        PriorityThreat,
    )

    year = FinancialYear.of(today)
    found = {
        dim: (level, rationale)
        for dim, level, rationale in session.execute(
            select(
                col(Assessment.dimension_id), col(AssuranceLevel.name), col(Assessment.rationale)
            )
            .join(AssuranceLevel, col(AssuranceLevel.id) == col(Assessment.level_id))
            .where(col(Assessment.threat_id) == threat_id, col(Assessment.year) == year.start_year)
        )
    }
    assessments = [
        (d.name, *found.get(d.id, ("not assessed", "")))
        for d in session.scalars(select(Dimension).order_by(col(Dimension.position)))
    ]
    actions = session.execute(
        select(col(Action.due_date), col(Action.revised_due_date), col(Action.status))
        .join(ActionThreat, col(ActionThreat.action_id) == col(Action.id))
        .where(col(ActionThreat.threat_id) == threat_id)
        .where(col(Action.status).not_in(sorted(lifecycle.ACTION_TERMINAL)))
    ).all()
    overdue = sum(
        rules.is_overdue(rules.current_due(d, r), s, today, rules.ACTION_DONE)
        for d, r, s in actions
    )
    open_findings = session.execute(
        select(func.count())
        .select_from(Finding)
        .join(FindingThreat, col(FindingThreat.finding_id) == col(Finding.id))
        .where(col(FindingThreat.threat_id) == threat_id)
        .where(col(Finding.status).not_in(sorted(rules.FINDING_DONE)))
    ).scalar_one()
    priorities = [
        title
        for (title,) in session.execute(
            select(col(Priority.title))
            .join(PriorityThreat, col(PriorityThreat.priority_id) == col(Priority.id))
            .where(col(PriorityThreat.threat_id) == threat_id)
        )
    ]
    return ThreatDetail(assessments, len(actions), overdue, int(open_findings), priorities)
