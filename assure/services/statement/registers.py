"""The registers as the statement reports them for a year: actions, findings, priorities, and
the governance record (meetings held, actions raised and closed, reports and s55 responses).

Counts are as at `as_of`: the end of the year, or today while the year is still running.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from assure.core import lifecycle, rules
from assure.core.clock import FinancialYear, govuk_date
from assure.models import (
    Action,
    ActionThreat,
    Finding,
    FindingThreat,
    Inspection,
    Meeting,
    Person,
    Priority,
    PriorityThreat,
    Theme,
)
from assure.services.statement.model import Governance, Report, WorkItem


@dataclass
class Linked:
    """A threat's work of one kind in the year: the items, and how many were raised and closed."""

    items: list[WorkItem]
    raised: int
    closed: int
    superseded: int = 0  # finished by being superseded: counted apart from closed


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


def names(session: Session) -> dict[int, str]:
    """Every person's name by id."""
    return {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}


def actions_by_threat(
    session: Session,
    threat_ids: list[int],
    names: dict[int, str],
    year: FinancialYear,
    as_of: date,
) -> dict[int, Linked]:
    """Board actions live at some point in the year, per threat. One query for every threat:
    a register of many forces has thousands per threat."""
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
            col(Action.raised_on).is_(None) | (col(Action.raised_on) <= year.end),
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
            f"board {govuk_date(held_on)}" if held_on else "action log",
        )
        ended = closed_on is not None and year.contains(closed_on)
        raised = raised_on is not None and year.contains(raised_on)  # None: not known
        found[tid].append((item, raised, ended))
    linked: dict[int, Linked] = {}
    for tid, entries in found.items():
        entries.sort(key=lambda entry: entry[0].ref)
        superseded = lifecycle.SUPERSEDED
        linked[tid] = Linked(
            [item for item, _, _ in entries],
            sum(1 for _, raised, _ in entries if raised),
            sum(1 for item, _, ended in entries if ended and item.status != superseded),
            sum(1 for item, _, ended in entries if ended and item.status == superseded),
        )
    return linked


def live_actions_by_threat(
    session: Session, threat_ids: list[int], names: dict[int, str]
) -> dict[int, list[WorkItem]]:
    """Actions still being worked on now, per threat, whenever they were raised: a follow-up to
    a year's gap is often raised after the year ends, when the statement is written."""
    found: dict[int, list[WorkItem]] = defaultdict(list)
    rows = session.execute(
        select(
            col(ActionThreat.threat_id), col(Action.ref), col(Action.title), col(Action.status),
            col(Action.due_date), col(Action.revised_due_date), col(Action.owner_id),
        )
        .join(ActionThreat, col(ActionThreat.action_id) == col(Action.id))
        .where(
            col(ActionThreat.threat_id).in_(threat_ids),
            col(Action.status).in_(sorted(lifecycle.ACTION_LIVE)),
        )
        .order_by(col(Action.raised_on), col(Action.ref))
    )  # fmt: skip
    for tid, ref, title, status, due, revised, owner_id in rows:
        due_now = rules.current_due(due, revised)
        owner = names.get(owner_id, "") if owner_id else ""
        found[tid].append(WorkItem(ref, title, status, due_now, False, owner, "action log"))
    return found


def _finished_before(finding: Finding, year: FinancialYear) -> bool:
    """Whether a finding was done with before the year began (and so is not reported)."""
    if finding.closed_on is not None:
        return finding.closed_on < year.start
    return finding.status in rules.FINDING_DONE and (
        finding.target_date is None or finding.target_date < year.start
    )


def findings_of(
    session: Session, threat_id: int, names: dict[int, str], year: FinancialYear, as_of: date
) -> Linked:
    """The threat's HMICFRS findings open at some point in the year, and those opened (their
    report published) and closed in it."""
    items: list[WorkItem] = []
    opened = closed = superseded = 0
    for finding, title, published in session.execute(
        select(Finding, col(Inspection.title), col(Inspection.published_on))
        .join(FindingThreat, col(FindingThreat.finding_id) == col(Finding.id))
        .join(Inspection, col(Inspection.id) == col(Finding.inspection_id))
        .where(col(FindingThreat.threat_id) == threat_id, col(Inspection.published_on) <= year.end)
        .order_by(col(Inspection.published_on), col(Finding.ref))
    ):
        if _finished_before(finding, year):
            continue
        opened += year.contains(published)
        ended = finding.closed_on is not None and year.contains(finding.closed_on)
        was_superseded = finding.status == lifecycle.FINDING_SUPERSEDED
        closed += ended and not was_superseded
        superseded += ended and was_superseded
        overdue = rules.is_overdue(finding.target_date, finding.status, as_of, rules.FINDING_DONE)
        items.append(
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
    return Linked(items, opened, closed, superseded)


def priorities_of(session: Session, threat_id: int, names: dict[int, str]) -> list[dict[str, str]]:
    """The plan's priorities that serve the threat, with their leads and RAG."""
    return [
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
            .where(col(PriorityThreat.threat_id) == threat_id)
            .order_by(col(Theme.position), col(Priority.position))
        )
    ]


def s55_report_state(published_on: date, response_on: date | None, as_of: date) -> str:
    """An inspection report's s55 response as the statement says it: on-time, late, overdue or
    open (the words of rules.s55_state without their "published-" prefix)."""
    return rules.s55_state(published_on, response_on, as_of).removeprefix("published-")


def governance(session: Session, year: FinancialYear, as_of: date) -> Governance:
    """The year's governance record across every threat."""

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
    raised = session.execute(
        select(func.count()).select_from(Action).where(within(Action.raised_on))
    ).scalar_one()
    ended = _count_by_status(session, col(Action.status), within(Action.closed_on))
    overdue = session.execute(
        select(func.count()).select_from(Action).where(late_at_sql(as_of))
    ).scalar_one()
    reports = [
        Report(
            report.title,
            report.kind,
            report.published_on,
            rules.s55_last_day(report.published_on),
            report.response_published_on,
            s55_report_state(report.published_on, report.response_published_on, as_of),
        )
        for report in session.exec(
            sm_select(Inspection)
            .where(within(Inspection.published_on))
            .order_by(col(Inspection.published_on))
        )
    ]
    opened = session.execute(
        select(func.count())
        .select_from(Finding)
        .join(Inspection, col(Inspection.id) == col(Finding.inspection_id))
        .where(within(Inspection.published_on))
    ).scalar_one()
    fended = _count_by_status(session, col(Finding.status), within(Finding.closed_on))
    fsuperseded = fended.get(lifecycle.FINDING_SUPERSEDED, 0)
    superseded = ended.get(lifecycle.SUPERSEDED, 0)
    return Governance(
        meetings, raised, sum(ended.values()) - superseded, overdue, reports, opened,
        sum(fended.values()) - fsuperseded, superseded, fsuperseded,
    )  # fmt: skip


def _count_by_status(session: Session, status: Any, where: Any) -> dict[str, int]:
    """How many rows finished in the year, by status: counted in the database, since a
    national register closes tens of thousands of actions a year."""
    rows = session.execute(select(status, func.count()).where(where).group_by(status))
    return {code: n for code, n in rows}
