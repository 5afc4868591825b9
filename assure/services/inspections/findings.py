"""HMICFRS reports, their grades and findings, and the s55 response."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from assure.core import audit, lifecycle, validate
from assure.core.actor import Actor
from assure.core.clock import govuk_date
from assure.core.errors import NotFound, ValidationError
from assure.models import Finding, FindingThreat, Grade, Inspection
from assure.models.base import pk
from assure.services import people, updates


def add_inspection(
    session: Session,
    actor: Actor,
    *,
    title: str,
    kind: str,
    published_on: date | str,
    link: str = "",
    response_owner: str | None = None,
    response_published_on: date | str | None = None,
) -> Inspection:
    """Add an HMICFRS report; raise ValidationError for a duplicate title, bad kind or date."""
    name = validate.required(title, "title", 300)
    if session.exec(select(Inspection).where(Inspection.title == name)).first():
        raise ValidationError("title", f"{name!r} already exists")
    published = validate.must_date(published_on, "published_on")
    response = validate.as_date(response_published_on, "response_published_on", allow_none=True)
    if response is not None and response < published:
        raise ValidationError("response_published_on", "is before the report was published")
    report = Inspection(
        title=name,
        kind=validate.term(session, "inspection-kind", kind, "kind"),
        published_on=published,
        response_published_on=response,
        link=validate.optional_text(link, "link", 500),
        response_owner_id=people.get_person(session, response_owner, "response_owner").id
        if response_owner
        else None,
    )
    audit.create(session, report, actor)
    return report


def report_kind_code(session: Session, kind: str) -> str:
    """The code of a report kind given by code or label; a bad one names `report_kind`."""
    return validate.term(session, "inspection-kind", kind, "report_kind")


def set_report_kind(session: Session, actor: Actor, report: Inspection, kind: str) -> bool:
    """Give `report` the kind `kind` (code or label); return whether that changed it."""
    code = report_kind_code(session, kind)
    if report.kind == code:
        return False
    audit.change(session, report, {"kind": code}, actor)
    return True


def get_inspection(session: Session, title_or_id: str | int) -> Inspection:
    report = (
        session.get(Inspection, title_or_id)
        if isinstance(title_or_id, int)
        else session.exec(select(Inspection).where(Inspection.title == title_or_id)).first()
    )
    if report is None:
        raise NotFound(f"no inspection report {title_or_id!r}")
    return report


def record_response(
    session: Session, actor: Actor, report: Inspection, published_on: date | str
) -> None:
    """Record the day the PCC's s55 response was published."""
    day = validate.must_date(published_on, "response_published_on")
    if day < report.published_on:
        raise ValidationError("response_published_on", "is before the report was published")
    audit.change(session, report, {"response_published_on": day}, actor)


def add_grade(session: Session, actor: Actor, report: Inspection, area: str, grade: str) -> Grade:
    row = Grade(
        inspection_id=report.id,  # type: ignore[arg-type]
        area=validate.required(area, "area", 200),
        grade=validate.term(session, "grade", grade, "grade"),
    )
    audit.create(session, row, actor)
    return row


def add_finding(
    session: Session,
    actor: Actor,
    report: Inspection,
    *,
    ref: str,
    kind: str,
    text: str,
    parent: Finding | None = None,
    force_lead: str | None = None,
    opcc_lead: str | None = None,
    target_date: date | str | None = None,
    status: str = "awaiting-review",
    status_reason: str = "",
    threat_ids: Sequence[int] = (),
    today: date | None = None,
) -> Finding:
    """Add a finding; a recommendation may sit under a cause of concern of the same report."""
    ref = validate.required(ref, "ref", 50)
    if session.exec(
        select(Finding).where(Finding.inspection_id == report.id, Finding.ref == ref)
    ).first():
        raise ValidationError("ref", f"{ref} already exists in {report.title}")
    kind_code = validate.term(session, "finding-kind", kind, "kind")
    if parent is not None:
        if parent.kind not in lifecycle.CONCERN_KINDS or parent.inspection_id != report.id:
            raise ValidationError("parent_ref", "must be a cause of concern in the same report")
        if kind_code != "recommendation":
            raise ValidationError("kind", "only recommendations sit under a cause of concern")
    status_code = validate.term(session, "finding-status", status, "status")
    if kind_code in lifecycle.PRACTICE_KINDS:  # practice has no completion status
        status_code, status_reason = lifecycle.NO_ACTION, "practice to learn from: nothing to do"
    if status_code == "no-action" and not status_reason.strip():
        raise ValidationError("status_reason", "say why no action is taken")
    finding = Finding(
        inspection_id=report.id,  # type: ignore[arg-type]
        ref=ref,
        kind=kind_code,
        parent_id=parent.id if parent else None,
        text=validate.required(text, "text", 4000),
        force_lead_id=people.get_person(session, force_lead, "force_lead").id
        if force_lead
        else None,
        opcc_lead_id=people.get_person(session, opcc_lead, "opcc_lead").id if opcc_lead else None,
        target_date=validate.as_date(target_date, "target_date", allow_none=True),
        status=status_code,
        status_reason=status_reason.strip(),
        closed_on=(
            (today or report.published_on) if status_code in lifecycle.FINDING_TERMINAL else None
        ),
    )
    audit.create(session, finding, actor)
    for threat_id in threat_ids:
        audit.link(
            session,
            FindingThreat(finding_id=pk(finding), threat_id=threat_id),
            finding,
            actor,
            "threat",
        )
    return finding


def set_finding_status(
    session: Session,
    actor: Actor,
    finding: Finding,
    status: str,
    note: str,
    today: date,
    reason: str = "",
) -> None:
    """Move a finding to a new status with a dated update; no action needs a reason."""
    code = validate.term(session, "finding-status", status, "status")
    if code == "no-action" and not reason.strip():
        raise ValidationError("reason", "say why no action is taken")
    updates.add_update(session, actor, finding, note or f"Status set to {code}.", today, code)
    extra: dict[str, object] = {"closed_on": today if code in lifecycle.FINDING_TERMINAL else None}
    if reason.strip():
        extra["status_reason"] = reason.strip()
    audit.change(session, finding, extra, actor)


def open_refs(session: Session, earlier: Inspection) -> list[str]:
    """Return the refs of `earlier`'s findings still open (neither signed off nor finished)."""
    return [f.ref for f in _open(session, earlier)]


def supersede_open(
    session: Session, actor: Actor, newer: Inspection, earlier: Inspection
) -> list[str]:
    """Mark `earlier`'s open findings superseded by `newer`, dated its publication (HMICFRS
    carries re-inspected findings into the new report); return their refs."""
    still_open = _open(session, earlier)
    note = f"Superseded by {newer.title} (published {govuk_date(newer.published_on)})."
    for found in still_open:
        set_finding_status(session, actor, found, "superseded", note, newer.published_on)
    return [f.ref for f in still_open]


def _open(session: Session, report: Inspection) -> list[Finding]:
    return [f for f in findings_of(session, report) if f.status not in lifecycle.FINDING_NOT_DUE]


def findings_of(session: Session, report: Inspection) -> list[Finding]:
    return list(
        session.exec(
            select(Finding).where(Finding.inspection_id == report.id).order_by(col(Finding.id))
        )
    )


def causes_without_recommendations(session: Session) -> list[Finding]:
    """Return causes of concern that have no recommendation under them (a data gap)."""
    causes = list(session.exec(select(Finding).where(Finding.kind == "cause-of-concern")))
    parents = set(session.exec(select(Finding.parent_id).where(Finding.parent_id.is_not(None))))  # type: ignore[union-attr]
    return [c for c in causes if c.id not in parents]
