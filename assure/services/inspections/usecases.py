"""Use cases of HMICFRS reports and their findings, for the app and the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from assure.core import audit, policy, rules, validate
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import Finding, Inspection
from assure.models.base import pk
from assure.services.catalogue import Vocabulary, vocabulary_of
from assure.services.inspections import findings, queries
from assure.services.inspections.queries import FindingNode, ReportView
from assure.services.inspections.s55 import S55Steps

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
    text: str = ""
    explanation: str = ""  # a recommendation's s55(5B) explanation; "" when not recorded


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
                s55_missing=_response(
                    session, findings.get_inspection(session, view.id)
                ).steps.missing(),
            )
            for view in queries.inspections(session, today)
        ]


def finding(store: Store, actor: Actor, finding_id: int) -> FindingView:
    """One finding as its status form needs it."""
    policy.require(actor, "read")
    with store.reading() as session:
        found = _finding(session, finding_id)
        return FindingView(
            pk(found), found.ref, found.status, found.version, found.text, found.explanation
        )


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


@dataclass(frozen=True)
class ResponseView:
    """A report's s55 response: its clock and its steps."""

    id: int
    title: str
    published_on: date
    last_day: date
    version: int
    steps: S55Steps
    pcc_comments: str = ""  # the PCC's comments and response to the Chief Constable's


def response(store: Store, actor: Actor, report_id: int) -> ResponseView:
    """A report's s55 steps, as recorded, with its last day."""
    policy.require(actor, "read")
    with store.reading() as session:
        return _response(session, findings.get_inspection(session, report_id))


def record_steps(
    store: Store,
    actor: Actor,
    report_id: int,
    *,
    version: int,
    comments_invited_on: date | str | None = None,
    comments_due_on: date | str | None = None,
    comments_received_on: date | str | None = None,
    published_on: date | str | None = None,
    response_link: str = "",
    copies_sent_on: date | str | None = None,
    pcc_comments: str | None = None,
) -> ResponseView:
    """Record the dates of the s55 steps done so far (a blank date is a step not yet done),
    and the PCC's comments when given (None leaves them as they are).

    Refused if someone saved the report since `version` was read.
    """
    policy.require(actor, "edit-inspection")
    with store.writing() as session:
        report = findings.get_inspection(session, report_id)
        dated = {  # a refusal names the argument (the form's field), the change the column
            "comments_invited_on": comments_invited_on,
            "comments_due_on": comments_due_on,
            "comments_received_on": comments_received_on,
            "published_on": published_on,
            "copies_sent_on": copies_sent_on,
        }
        changes: dict[str, object] = {}
        for name, value in dated.items():
            day = validate.as_date(value or None, name, allow_none=True)
            if isinstance(day, date) and day < report.published_on:
                raise ValidationError(name, "is before the report was published")
            changes["response_published_on" if name == "published_on" else name] = day
        changes["response_link"] = validate.optional_text(response_link, "response_link", 500)
        if pcc_comments is not None:
            changes["pcc_comments"] = validate.optional_text(pcc_comments, "pcc_comments", 20000)
        audit.change(session, report, changes, actor, expected_version=version)
        return _response(session, report)


def explain(store: Store, actor: Actor, finding_id: int, explanation: str) -> FindingView:
    """Record, for a recommendation, the action taken or proposed, or why none (s55(5B))."""
    policy.require(actor, "edit-finding")
    with store.writing() as session:
        found = _finding(session, finding_id)
        if found.kind != "recommendation":
            raise ValidationError("explanation", f"{found.ref} is not a recommendation")
        text = validate.required(explanation, "explanation", 4000)
        audit.change(session, found, {"explanation": text}, actor)
        return FindingView(pk(found), found.ref, found.status, found.version)


def _response(session: Session, report: Inspection) -> ResponseView:
    recommendations = [
        f for f in findings.findings_of(session, report) if f.kind == "recommendation"
    ]
    steps = S55Steps(
        report.comments_invited_on,
        report.comments_due_on,
        report.comments_received_on,
        report.response_published_on,
        report.response_link,
        report.copies_sent_on,
        len(recommendations),
        sum(1 for f in recommendations if f.explanation.strip()),
    )
    return ResponseView(
        pk(report),
        report.title,
        report.published_on,
        rules.s55_last_day(report.published_on),
        report.version,
        steps,
        report.pcc_comments,
    )


@dataclass(frozen=True)
class Superseding:
    """What superseding an earlier report's open findings by a newer report would touch."""

    newer: ReportRow
    earlier: ReportRow
    refs: list[str]  # the earlier report's findings still open


def open_findings_of(store: Store, actor: Actor, newer_id: int, earlier_id: int) -> Superseding:
    """List an earlier report's open findings, to review before they are superseded."""
    policy.require(actor, "read")
    with store.reading() as session:
        newer, earlier = _reports(session, newer_id, earlier_id)
        return _superseding(newer, earlier, findings.open_refs(session, earlier))


def supersede_findings(store: Store, actor: Actor, newer_id: int, earlier_id: int) -> Superseding:
    """Mark every open finding of the earlier report superseded by the newer one, dated the
    newer report's publication (HMICFRS carries re-inspected findings into the new report)."""
    policy.require(actor, "edit-finding")
    with store.writing() as session:
        newer, earlier = _reports(session, newer_id, earlier_id)
        return _superseding(newer, earlier, findings.supersede_open(session, actor, newer, earlier))


def _reports(session: Session, newer_id: int, earlier_id: int) -> tuple[Inspection, Inspection]:
    """The newer and the earlier report; ValidationError unless the earlier came first."""
    newer = findings.get_inspection(session, newer_id)
    earlier = findings.get_inspection(session, earlier_id)
    if earlier.published_on >= newer.published_on or earlier_id == newer_id:
        raise ValidationError("earlier", "choose a report published before this one")
    return newer, earlier


def _superseding(newer: Inspection, earlier: Inspection, refs: list[str]) -> Superseding:
    return Superseding(
        ReportRow(pk(newer), newer.title, newer.published_on),
        ReportRow(pk(earlier), earlier.title, earlier.published_on),
        refs,
    )
