"""Read models for the app's screens: each returns plain rows, a page at a time.

Screens never run SQL; they call these. Lists are paged in the database (LIMIT/OFFSET with a
count), so a register of 100,000 actions costs one page of rows, not 100,000 widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session, col

from assure.core import lifecycle, rules
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.models import (
    Action,
    Evidence,
    EvidenceThreat,
    Finding,
    Grade,
    Inspection,
    Meeting,
    Person,
    Priority,
    Theme,
    Threat,
)
from assure.services.evidence import spr
from assure.services.reminders import due
from assure.services.reminders.due import DueItem


@dataclass
class S55Clock:
    inspection_id: int
    title: str
    published_on: date
    last_day: date
    days_left: int


@dataclass
class Dashboard:
    today: date
    due_by_owner: dict[str, list[DueItem]]
    clocks: list[S55Clock]
    next_meeting: date | None
    coverage: spr.Coverage
    findings_by_status: dict[str, int]


def dashboard(session: Session, today: date, settings: Settings) -> Dashboard:
    items = due.due_items(session, today, settings.remind_within_days)
    clocks = [
        S55Clock(
            pid,
            title,
            published,
            rules.s55_last_day(published),
            rules.s55_days_left(published, today),
        )
        for pid, title, published in session.execute(
            select(col(Inspection.id), col(Inspection.title), col(Inspection.published_on))
            .where(col(Inspection.response_published_on).is_(None))
            .where(col(Inspection.published_on) <= today)
            .order_by(col(Inspection.published_on))
        )
    ]
    statuses = Counter(
        status
        for (status,) in session.execute(
            select(col(Finding.status)).where(
                col(Finding.status).not_in(sorted(rules.FINDING_DONE))
            )
        )
    )
    upcoming = session.execute(
        select(func.min(Meeting.held_on)).where(col(Meeting.held_on) > today)
    ).scalar_one_or_none()
    next_meeting = upcoming or rules.next_meeting(settings.board_rrule, today)
    return Dashboard(
        today,
        due.by_owner(items),
        clocks,
        next_meeting,
        spr.coverage(session, FinancialYear.of(today)),
        dict(sorted(statuses.items())),
    )


@dataclass
class ActionFilter:
    """The Board screen's filters: status (or "live"), owner, overdue only, and free text."""

    status: str = "live"  # live (not closed or superseded), all, or one status code
    owner: str = ""
    overdue: bool = False
    text: str = ""


@dataclass
class ActionRow:
    id: int
    ref: str
    title: str
    owner: str
    due: date
    original_due: date
    status: str
    overdue: bool


@dataclass
class Page:
    """One page of rows. `total` is None until it has been counted (counting a large register
    takes longer than reading a page, so the app shows the page first)."""

    rows: list[Any]
    total: int | None
    offset: int
    limit: int
    more: bool = False

    @property
    def label(self) -> str:
        if not self.rows:
            return "no rows"
        shown = f"{self.offset + 1}-{self.offset + len(self.rows)}"
        if self.total is None:
            return f"{shown} of {'more' if self.more else shown.split('-')[1]}"
        return f"{shown} of {self.total:,}"


def _action_where(filt: ActionFilter, today: date) -> list[Any]:
    where: list[Any] = []
    if filt.status == "live":  # still the board's business, including completions to sign off
        where.append(col(Action.status).not_in(sorted(lifecycle.ACTION_TERMINAL)))
    elif filt.status != "all":
        where.append(col(Action.status) == filt.status)
    if filt.owner:
        where.append(func.lower(Person.name).contains(filt.owner.lower()))
    if filt.overdue:
        where.append(
            rules.overdue_sql(
                col(Action.due_date),
                col(Action.revised_due_date),
                col(Action.status),
                today,
                rules.ACTION_DONE,
            )
        )
    if filt.text:
        needle = f"%{filt.text.lower()}%"
        where.append(
            or_(func.lower(Action.title).like(needle), func.lower(Action.ref).like(needle))
        )
    return where


def actions_count(session: Session, today: date, filt: ActionFilter) -> int:
    """How many actions the filter matches."""
    where = _action_where(filt, today)
    count = (
        select(func.count())
        .select_from(Action)
        .outerjoin(Person, col(Person.id) == col(Action.owner_id))
    )
    if where:
        count = count.where(and_(*where))
    return int(session.execute(count).scalar_one())


def actions_page(
    session: Session,
    today: date,
    filt: ActionFilter,
    offset: int = 0,
    limit: int = 50,
    count: bool = True,
) -> Page:
    """One page of the action log, most overdue (earliest due) first; `count` adds the total."""
    due_col = rules.current_due_sql(col(Action.due_date), col(Action.revised_due_date))
    where = _action_where(filt, today)
    base = select(
        col(Action.id),
        col(Action.ref),
        col(Action.title),
        col(Person.name),
        due_col,
        col(Action.due_date),
        col(Action.status),
    ).outerjoin(Person, col(Person.id) == col(Action.owner_id))
    if where:
        base = base.where(and_(*where))
    rows = [
        ActionRow(
            rid,
            ref,
            title,
            owner or "",
            current,
            original,
            status,
            rules.is_overdue(current, status, today, rules.ACTION_DONE),
        )
        for rid, ref, title, owner, current, original, status in session.execute(
            base.order_by(due_col, col(Action.ref)).offset(offset).limit(limit + 1)
        )
    ]
    more = len(rows) > limit
    total = actions_count(session, today, filt) if count else None
    return Page(rows[:limit], total, offset, limit, more)


@dataclass
class EvidenceRow:
    id: int
    title: str
    kind: str
    occurred_on: date
    source: str
    threats: str


def evidence_page(session: Session, text: str = "", offset: int = 0, limit: int = 50) -> Page:
    where = []
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
    return Page(rows, total, offset, limit)


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
class FindingNode:
    id: int
    ref: str
    kind: str
    text: str
    status: str
    target: date | None
    overdue: bool
    children: list[FindingNode] = field(default_factory=list)


@dataclass
class ReportView:
    id: int
    title: str
    kind: str
    published_on: date
    s55_state: str
    s55_last_day: date
    grades: list[tuple[str, str]]
    findings: list[FindingNode]


def inspections(session: Session, today: date) -> list[ReportView]:
    """Reports, newest first, with grades and findings as a tree under their cause of concern."""
    views = []
    for report in session.scalars(select(Inspection).order_by(col(Inspection.published_on).desc())):
        grades = [
            (g.area, g.grade)
            for g in session.scalars(select(Grade).where(col(Grade.inspection_id) == report.id))
        ]
        nodes: dict[int, FindingNode] = {}
        parents: dict[int, int | None] = {}
        for f in session.exec(
            select(Finding)
            .where(col(Finding.inspection_id) == report.id)
            .order_by(col(Finding.ref))  # type: ignore[call-overload]
        ).scalars():
            assert f.id is not None
            nodes[f.id] = FindingNode(
                f.id,
                f.ref,
                f.kind,
                " ".join(f.text.split()),
                f.status,
                f.target_date,
                rules.is_overdue(f.target_date, f.status, today, rules.FINDING_DONE),
            )
            parents[f.id] = f.parent_id
        roots = []
        for fid, node in nodes.items():
            parent = parents[fid]
            if parent in nodes:
                nodes[parent].children.append(node)
            else:
                roots.append(node)
        assert report.id is not None
        views.append(
            ReportView(
                report.id,
                report.title,
                report.kind,
                report.published_on,
                rules.s55_state(report.published_on, report.response_published_on, today),
                rules.s55_last_day(report.published_on),
                grades,
                roots,
            )
        )
    return views


@dataclass
class PriorityRow:
    id: int
    theme: str
    title: str
    opcc_lead: str
    force_lead: str
    rag: str
    update_due: date | None


def priorities(session: Session) -> list[PriorityRow]:
    names = {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}
    return [
        PriorityRow(
            p.id or 0,
            theme,
            p.title,
            names.get(p.opcc_lead_id or 0, ""),
            names.get(p.force_lead_id or 0, ""),
            p.rag,
            p.update_due,
        )
        for p, theme in session.execute(
            select(Priority, col(Theme.title))
            .join(Theme, col(Theme.id) == col(Priority.theme_id))
            .order_by(col(Theme.position), col(Priority.position))
        )
    ]


@dataclass
class MeetingRow:
    id: int
    held_on: date
    board: str
    title: str
    actions: int


def meetings(session: Session, today: date, limit: int = 12) -> list[MeetingRow]:
    """The most recent and next meetings, newest first, with the actions each raised."""
    counts = dict(
        session.execute(
            select(col(Action.meeting_id), func.count()).group_by(col(Action.meeting_id))
        ).all()
    )
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.held_on), col(Meeting.board), col(Meeting.title))
        .order_by(col(Meeting.held_on).desc())
        .limit(limit)
    )
    return [
        MeetingRow(mid, day, board, title, counts.get(mid, 0)) for mid, day, board, title in rows
    ]


def people_options(session: Session) -> list[tuple[str, str]]:
    """(label, name) of every active person, for owner and lead pickers."""
    rows = session.execute(
        select(col(Person.name), col(Person.organisation))
        .where(col(Person.active))
        .order_by(col(Person.name))
    )
    return [(f"{name} ({org})" if org else name, name) for name, org in rows]


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


def agenda(session: Session, meeting_id: int) -> list[tuple[int, str]]:
    """A meeting's agenda: (number, title) in order."""
    from assure.models import AgendaItem

    return [
        (number, title)
        for number, title in session.execute(
            select(col(AgendaItem.number), col(AgendaItem.title))
            .where(col(AgendaItem.meeting_id) == meeting_id)
            .order_by(col(AgendaItem.number))
        )
    ]
