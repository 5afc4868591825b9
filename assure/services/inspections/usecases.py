"""Use cases of HMICFRS reports and their findings, for the app and the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from assure.core import policy
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import NotFound
from assure.models import Finding
from assure.models.base import pk
from assure.services.catalogue import Vocabulary, vocabulary_of
from assure.services.inspections import findings, queries
from assure.services.inspections.queries import FindingNode, ReportView

# what the s55 clock's state says to a reader
S55_LABELS = {
    "open": "s55 response due",
    "published-on-time": "s55 response published",
    "published-late": "s55 response published late",
    "overdue": "! OVERDUE s55 response",
}


@dataclass(frozen=True)
class FindingView:
    id: int
    ref: str
    status: str
    version: int


def reports(store: Store, actor: Actor, today: date) -> list[ReportView]:
    """Reports newest first, with grades, the s55 clock and findings as a tree; every kind,
    grade and status by its label from the reference data."""
    policy.require(actor, "read")
    with store.reading() as session:
        kinds = vocabulary_of(session, "inspection-kind")
        finding_kinds = vocabulary_of(session, "finding-kind")
        grades = vocabulary_of(session, "grade")
        statuses = vocabulary_of(session, "finding-status")
        return [
            replace(
                view,
                kind=kinds.label(view.kind),
                s55_state=S55_LABELS.get(view.s55_state, view.s55_state),
                grades=[(area, grades.label(grade)) for area, grade in view.grades],
                findings=[_labelled(f, finding_kinds, statuses) for f in view.findings],
            )
            for view in queries.inspections(session, today)
        ]


def finding(store: Store, actor: Actor, finding_id: int) -> FindingView:
    """One finding as its status form needs it."""
    policy.require(actor, "read")
    with store.reading() as session:
        found = _finding(session, finding_id)
        return FindingView(pk(found), found.ref, found.status, found.version)


def set_status(
    store: Store,
    actor: Actor,
    today: date,
    finding_id: int,
    *,
    status: str,
    note: str,
    reason: str = "",
) -> FindingView:
    """Move a finding to `status` with a dated note (a reason is needed for no action)."""
    policy.require(actor, "edit-finding")
    with store.writing() as session:
        found = _finding(session, finding_id)
        findings.set_finding_status(session, actor, found, status, note, today, reason)
        return FindingView(pk(found), found.ref, found.status, found.version)


def _labelled(node: FindingNode, kinds: Vocabulary, statuses: Vocabulary) -> FindingNode:
    return replace(
        node,
        kind=kinds.label(node.kind),
        status=statuses.label(node.status),
        children=[_labelled(c, kinds, statuses) for c in node.children],
    )


def _finding(session: Session, finding_id: int) -> Finding:
    found = session.get(Finding, finding_id)
    if found is None:
        raise NotFound(f"no finding {finding_id}")
    return found


@dataclass(frozen=True)
class ReportRow:
    id: int
    title: str
    published_on: date


def add_report(
    store: Store,
    actor: Actor,
    *,
    title: str,
    kind: str,
    published_on: date | str,
    link: str = "",
) -> ReportRow:
    """Record a new HMICFRS report (PEEL, thematic, national or joint); its s55 clock starts."""
    policy.require(actor, "edit-inspection")
    with store.writing() as session:
        report = findings.add_inspection(
            session, actor, title=title, kind=kind, published_on=published_on, link=link
        )
        session.flush()
        return ReportRow(pk(report), report.title, report.published_on)


def add_grade(store: Store, actor: Actor, report_id: int, *, area: str, grade: str) -> ReportRow:
    """Record a graded area of a report (outstanding ... inadequate, or not graded)."""
    policy.require(actor, "edit-inspection")
    with store.writing() as session:
        report = findings.get_inspection(session, report_id)
        findings.add_grade(session, actor, report, area, grade)
        return ReportRow(pk(report), report.title, report.published_on)


def record_response(
    store: Store, actor: Actor, report_id: int, *, published_on: date | str
) -> ReportRow:
    """Record the day the PCC's s55 response was published: the clock stops, on time or late."""
    policy.require(actor, "edit-inspection")
    with store.writing() as session:
        report = findings.get_inspection(session, report_id)
        findings.record_response(session, actor, report, published_on)
        return ReportRow(pk(report), report.title, report.published_on)


def add_finding(
    store: Store,
    actor: Actor,
    today: date,
    report_id: int,
    *,
    ref: str,
    kind: str,
    text: str,
    parent_id: int | None = None,
    force_lead: str | None = None,
    opcc_lead: str | None = None,
    target_date: date | str | None = None,
    threat_ids: Sequence[int] = (),
) -> FindingView:
    """Record a finding of a report; a recommendation may sit under a cause of concern."""
    policy.require(actor, "edit-finding")
    with store.writing() as session:
        report = findings.get_inspection(session, report_id)
        parent = _finding(session, parent_id) if parent_id else None
        added = findings.add_finding(
            session,
            actor,
            report,
            ref=ref,
            kind=kind,
            text=text,
            parent=parent,
            force_lead=force_lead or None,
            opcc_lead=opcc_lead or None,
            target_date=target_date or None,
            threat_ids=threat_ids,
            today=today,
        )
        session.flush()
        return FindingView(pk(added), added.ref, added.status, added.version)
