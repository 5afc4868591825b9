"""The annual SPR assurance statement: gather the year's record, build drafts, approve, verify.

A statement is Markdown written by the office's Jinja2 template (`data/templates/`) from the
data gathered here; Word and HTML are rendered from that Markdown (assure.render.statement), so
the three formats always say the same. Each build is stored with a manifest of the evidence it
cites (ids and content hashes) and the SHA-256 of its text. Approval freezes a draft: its text
never changes again, and approving a year twice needs `supersede` and keeps both.

Rules the statement applies (and says so in its text):
- The year is the financial year, 1 April to 31 March inclusive, for evidence, meetings, actions
  raised and closed, and reports published.
- A threat's overall assurance is the lowest level given on any of the four dimensions; with a
  dimension unassessed it is "incomplete" and the gap is named.
- Overdue counts are as at the end of the year, or today while the year is still running.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from assure.core import rules
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.models import (
    Action,
    ActionThreat,
    Assessment,
    AssuranceLevel,
    Dimension,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Finding,
    FindingThreat,
    Inspection,
    Meeting,
    Person,
    Priority,
    PriorityThreat,
    Theme,
    Threat,
)
from assure.services.evidence import spr
from assure.services.evidence.records import content_hash_of


@dataclass
class Cited:
    """One evidence item as the statement cites it ([E12])."""

    id: int
    title: str
    kind: str
    occurred_on: date
    source: str
    summary: str
    threats: list[str]
    dimensions: list[str]
    sha256: str = ""

    @property
    def cite(self) -> str:
        return f"[E{self.id}]"


@dataclass
class DimensionView:
    code: str
    name: str
    level: str | None  # level name, None when not assessed
    level_position: int | None
    rationale: str
    assessed_by: str
    evidence: list[Cited]


@dataclass
class WorkItem:
    ref: str
    title: str
    status: str
    due: date | None
    overdue: bool
    owner: str
    source: str


@dataclass
class ThreatSection:
    code: str
    name: str
    summary: str
    dimensions: list[DimensionView]
    evidence: list[Cited]
    overall: str
    older_evidence_latest: date | None
    actions: list[WorkItem]
    actions_raised: int
    actions_closed: int
    findings: list[WorkItem]
    findings_opened: int
    findings_closed: int
    priorities: list[dict[str, str]]
    gaps: list[str]

    @property
    def open_actions(self) -> list[WorkItem]:
        return [a for a in self.actions if a.status not in rules.ACTION_DONE]

    @property
    def overdue_actions(self) -> list[WorkItem]:
        return [a for a in self.actions if a.overdue]

    @property
    def open_findings(self) -> list[WorkItem]:
        return [f for f in self.findings if f.status not in rules.FINDING_DONE]

    @property
    def overdue_findings(self) -> list[WorkItem]:
        return [f for f in self.findings if f.overdue]


@dataclass
class Report:
    title: str
    kind: str
    published_on: date
    last_day: date
    response_on: date | None
    state: str  # on-time, late, open, overdue


@dataclass
class Governance:
    meetings: list[date]
    actions_raised: int
    actions_closed: int
    actions_overdue: int
    reports: list[Report]
    findings_opened: int
    findings_closed: int


@dataclass
class StatementData:
    """Everything the statement says, gathered from the database for one financial year."""

    year: FinancialYear
    as_of: date
    edition_code: str
    edition_name: str
    edition_from: date
    edition_source: str
    other_editions: list[str]
    settings: Settings
    levels: list[str]
    threats: list[ThreatSection]
    governance: Governance
    cited: list[Cited]
    gaps: list[str] = field(default_factory=list)

    def manifest(self) -> list[dict[str, Any]]:
        return [{"id": c.id, "sha256": c.sha256} for c in self.cited]


def late_at(due: date | None, status: str, closed_on: date | None, as_of: date) -> bool:
    """Whether an action was overdue on `as_of`: past its current due date and not closed by
    then. One finished without a closing date (complete awaiting sign-off, superseded) is not."""
    if due is None or due >= as_of:
        return False
    if closed_on is not None:
        return closed_on > as_of
    return status not in rules.ACTION_DONE


def late_at_sql(as_of: date) -> ColumnElement[bool]:
    """The SQL twin of late_at(), for counting a whole register in the database."""
    due = rules.current_due_sql(col(Action.due_date), col(Action.revised_due_date))
    closed_on = col(Action.closed_on)
    still_open = or_(
        and_(closed_on.is_(None), col(Action.status).not_in(sorted(rules.ACTION_DONE))),
        closed_on > as_of,
    )
    return and_(due < as_of, still_open)


def _names(session: Session) -> dict[int, str]:
    return {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}


def gather(session: Session, year: FinancialYear, settings: Settings, today: date) -> StatementData:
    """Read the year's record for every threat of the SPR edition in force."""
    edition, changes = spr.edition_for_year(session, year)
    threats = spr.threats_of(session, edition)
    dims = spr.dimensions(session)
    levels = list(session.exec(sm_select(AssuranceLevel).order_by(col(AssuranceLevel.position))))
    as_of = min(today, year.end)
    names = _names(session)
    threat_ids = [t.id for t in threats]
    dim_code = {d.id: d.code for d in dims}
    threat_code = {t.id: t.code for t in threats}

    in_year = (col(Evidence.occurred_on) >= year.start) & (col(Evidence.occurred_on) <= year.end)
    ev_threats: dict[int, list[int]] = defaultdict(list)
    for eid, tid in session.execute(
        select(col(EvidenceThreat.evidence_id), col(EvidenceThreat.threat_id))
        .join(Evidence, col(Evidence.id) == col(EvidenceThreat.evidence_id))
        .where(in_year, col(EvidenceThreat.threat_id).in_(threat_ids))
    ):
        ev_threats[eid].append(tid)
    ev_dims: dict[int, list[int]] = defaultdict(list)
    for eid, did in session.execute(
        select(col(EvidenceDimension.evidence_id), col(EvidenceDimension.dimension_id))
        .join(Evidence, col(Evidence.id) == col(EvidenceDimension.evidence_id))
        .where(in_year)
    ):
        ev_dims[eid].append(did)
    cited: dict[int, Cited] = {}
    columns = (Evidence.id, Evidence.title, Evidence.kind, Evidence.occurred_on)
    rows = session.execute(
        select(*(col(c) for c in columns), col(Evidence.source), col(Evidence.summary))
        .where(in_year)
        .order_by(col(Evidence.occurred_on), col(Evidence.id))
    )
    for eid, title, kind, occurred_on, source, summary in rows:
        if eid not in ev_threats:
            continue
        tcodes = sorted(threat_code[t] for t in ev_threats[eid])
        dcodes = sorted(dim_code[d] for d in ev_dims.get(eid, []) if d in dim_code)
        sha = content_hash_of(eid, title, kind, occurred_on, source, summary, tcodes, dcodes)
        cited[eid] = Cited(eid, title, kind, occurred_on, source, summary, tcodes, dcodes, sha)
    older: dict[int, date] = {
        tid: latest
        for tid, latest in session.execute(
            select(col(EvidenceThreat.threat_id), col(Evidence.occurred_on))
            .join(Evidence, col(Evidence.id) == col(EvidenceThreat.evidence_id))
            .where(
                col(Evidence.occurred_on) < year.start,
                col(EvidenceThreat.threat_id).in_(threat_ids),
            )
            .order_by(col(Evidence.occurred_on))
        )
    }
    assessments = {
        (a.threat_id, a.dimension_id): a
        for a in session.exec(
            sm_select(Assessment).where(
                Assessment.year == year.start_year, col(Assessment.threat_id).in_(threat_ids)
            )
        )
    }
    level_of = {lv.id: lv for lv in levels}

    linked = _actions_by_threat(session, threat_ids, names, year, as_of)
    sections = [
        _threat_section(
            session, threat, dims, cited, assessments, level_of, older, names, year, as_of, linked
        )
        for threat in threats
    ]
    governance = _governance(session, year, as_of)
    data = StatementData(
        year=year,
        as_of=as_of,
        edition_code=edition.code,
        edition_name=edition.name,
        edition_from=edition.in_force_from,
        edition_source=edition.source,
        other_editions=[e.name for e in changes if e.id != edition.id],
        settings=settings,
        levels=[lv.name for lv in levels],
        threats=sections,
        governance=governance,
        cited=sorted(cited.values(), key=lambda c: c.id),
    )
    data.gaps = [f"{s.name}: {gap}" for s in sections for gap in s.gaps]
    return data


def _actions_by_threat(
    session: Session,
    threat_ids: list[int | None],
    names: dict[int, str],
    year: FinancialYear,
    as_of: date,
) -> dict[int, list[tuple[WorkItem, bool, bool]]]:
    """Board actions live at some point in the year, per threat: (item, raised in year, closed
    in year). One query for every threat: a register of many forces has thousands per threat."""
    found: dict[int, list[tuple[WorkItem, bool, bool]]] = defaultdict(list)
    rows = session.execute(
        select(
            col(ActionThreat.threat_id),
            col(Action.ref),
            col(Action.title),
            col(Action.status),
            col(Action.raised_on),
            col(Action.due_date),
            col(Action.revised_due_date),
            col(Action.closed_on),
            col(Action.owner_id),
            col(Meeting.held_on),
        )
        .join(ActionThreat, col(ActionThreat.action_id) == col(Action.id))
        .outerjoin(Meeting, col(Meeting.id) == col(Action.meeting_id))
        .where(
            col(ActionThreat.threat_id).in_(threat_ids),
            col(Action.raised_on) <= year.end,
            (col(Action.closed_on).is_(None)) | (col(Action.closed_on) >= year.start),
        )
    )
    for tid, ref, title, status, raised_on, due, revised, closed_on, owner_id, held_on in rows:
        current = rules.current_due(due, revised)
        item = WorkItem(
            ref,
            title,
            status,
            current,
            late_at(current, status, closed_on, as_of),
            names.get(owner_id, "") if owner_id else "",
            f"board {held_on:%d %B %Y}" if held_on else "action log",
        )
        found[tid].append(
            (item, year.contains(raised_on), closed_on is not None and year.contains(closed_on))
        )
    for items in found.values():
        items.sort(key=lambda entry: entry[0].ref)
    return found


def _threat_section(
    session: Session,
    threat: Threat,
    dims: list[Dimension],
    cited: dict[int, Cited],
    assessments: dict[tuple[int, int], Assessment],
    level_of: dict[int | None, AssuranceLevel],
    older: dict[int, date],
    names: dict[int, str],
    year: FinancialYear,
    as_of: date,
    actions_by_threat: dict[int, list[tuple[WorkItem, bool, bool]]],
) -> ThreatSection:
    assert threat.id is not None
    evidence = [c for c in cited.values() if threat.code in c.threats]
    gaps: list[str] = []
    views: list[DimensionView] = []
    for dim in dims:
        assert dim.id is not None
        found = assessments.get((threat.id, dim.id))
        level = level_of.get(found.level_id) if found else None
        dim_evidence = [c for c in evidence if dim.code in c.dimensions]
        views.append(
            DimensionView(
                dim.code,
                dim.name,
                level.name if level else None,
                level.position if level else None,
                found.rationale if found else "",
                found.assessed_by if found else "",
                dim_evidence,
            )
        )
        if evidence and not dim_evidence:
            gaps.append(f"no evidence on {dim.name.lower()} in {year.label}")
        if found is None:
            gaps.append(f"{dim.name.lower()} not assessed for {year.label}")
    if not evidence:
        latest = older.get(threat.id)
        gaps.insert(
            0,
            f"supported only by evidence from before {year.label} (latest {latest:%d %B %Y})"
            if latest
            else f"no evidence recorded in {year.label}",
        )
    assessed = [v for v in views if v.level is not None]
    if len(assessed) == len(views):
        overall = max(assessed, key=lambda v: v.level_position or 0).level or ""
    elif assessed:
        overall = "incomplete"
    else:
        overall = "not assessed"

    linked = actions_by_threat.get(threat.id, [])
    actions = [item for item, _, _ in linked]
    raised = sum(1 for _, was_raised, _ in linked if was_raised)
    closed = sum(1 for _, _, was_closed in linked if was_closed)
    findings: list[WorkItem] = []
    opened = fclosed = 0
    for finding, title, published in session.execute(
        select(Finding, col(Inspection.title), col(Inspection.published_on))
        .join(FindingThreat, col(FindingThreat.finding_id) == col(Finding.id))
        .join(Inspection, col(Inspection.id) == col(Finding.inspection_id))
        .where(col(FindingThreat.threat_id) == threat.id, col(Inspection.published_on) <= year.end)
        .order_by(col(Inspection.published_on), col(Finding.ref))
    ):
        finished_before = (finding.closed_on is not None and finding.closed_on < year.start) or (
            finding.closed_on is None
            and finding.status in rules.FINDING_DONE
            and (finding.target_date is None or finding.target_date < year.start)
        )
        if finished_before:
            continue
        opened += year.contains(published)
        fclosed += finding.closed_on is not None and year.contains(finding.closed_on)
        overdue = rules.is_overdue(finding.target_date, finding.status, as_of, rules.FINDING_DONE)
        findings.append(
            WorkItem(
                finding.ref,
                " ".join(finding.text.split()),
                finding.status,
                finding.target_date,
                overdue,
                names.get(finding.force_lead_id or 0, ""),
                title,
            )
        )
    priorities = [
        {
            "theme": theme_title,
            "title": priority.title,
            "opcc_lead": names.get(priority.opcc_lead_id or 0, "not assigned"),
            "force_lead": names.get(priority.force_lead_id or 0, "not assigned"),
            "rag": priority.rag,
        }
        for priority, theme_title in session.execute(
            select(Priority, col(Theme.title))
            .join(PriorityThreat, col(PriorityThreat.priority_id) == col(Priority.id))
            .join(Theme, col(Theme.id) == col(Priority.theme_id))
            .where(col(PriorityThreat.threat_id) == threat.id)
            .order_by(col(Theme.position), col(Priority.position))
        )
    ]
    return ThreatSection(
        code=threat.code,
        name=threat.name,
        summary=threat.summary,
        dimensions=views,
        evidence=evidence,
        overall=overall,
        older_evidence_latest=older.get(threat.id),
        actions=actions,
        actions_raised=raised,
        actions_closed=closed,
        findings=findings,
        findings_opened=opened,
        findings_closed=fclosed,
        priorities=priorities,
        gaps=gaps,
    )


def _governance(session: Session, year: FinancialYear, as_of: date) -> Governance:
    def within(column: Any) -> Any:
        return (col(column) >= year.start) & (col(column) <= year.end)

    meetings = [
        d
        for (d,) in session.execute(
            select(col(Meeting.held_on))
            .where(within(Meeting.held_on))
            .order_by(col(Meeting.held_on))
        )
    ]
    raised = session.execute(select(col(Action.id)).where(within(Action.raised_on))).all()
    closed = session.execute(select(col(Action.id)).where(within(Action.closed_on))).all()
    overdue = session.execute(
        select(func.count()).select_from(Action).where(late_at_sql(as_of))
    ).scalar_one()
    reports: list[Report] = []
    for report in session.exec(
        sm_select(Inspection)
        .where(within(Inspection.published_on))
        .order_by(col(Inspection.published_on))
    ):
        last = rules.s55_last_day(report.published_on)
        if report.response_published_on is not None:
            state = "on-time" if report.response_published_on <= last else "late"
        else:
            state = "overdue" if as_of > last else "open"
        reports.append(
            Report(
                report.title,
                report.kind,
                report.published_on,
                last,
                report.response_published_on,
                state,
            )
        )
    opened = session.execute(
        select(col(Finding.id))
        .join(Inspection, col(Inspection.id) == col(Finding.inspection_id))
        .where(within(Inspection.published_on))
    ).all()
    fclosed = session.execute(select(col(Finding.id)).where(within(Finding.closed_on))).all()
    return Governance(
        meetings, len(raised), len(closed), overdue, reports, len(opened), len(fclosed)
    )
