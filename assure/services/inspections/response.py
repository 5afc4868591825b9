"""The PCC's s55 response paper for one HMICFRS report, read from the records.

Police Act 1996 s55(5)-(6): the PCC publishes their comments on the report, the Chief
Constable's comments and the PCC's response to them; for each recommendation the action taken
or proposed, or why none (s55(5B)); and copies go to HMICFRS and the Home Secretary. The paper
is only ever written from what is recorded: a step not yet done shows as not yet done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from assure.core import policy, rules
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import Finding, Inspection
from assure.models.base import pk
from assure.services.catalogue import vocabulary_of
from assure.services.inspections.s55 import S55Steps

BASIS = "Police Act 1996, section 55"


@dataclass(frozen=True)
class Recommendation:
    """One row of the paper's table."""

    ref: str
    text: str
    concern: str  # the cause of concern it sits under ("CoC1: text"), or ""
    explanation: str  # the action taken or proposed, or why none; "" when not recorded


@dataclass(frozen=True)
class ResponsePaper:
    """Everything the response paper says, as plain values."""

    report_id: int
    title: str
    kind: str  # the kind's label: PEEL, thematic, national, joint
    published_on: date
    link: str
    last_day: date  # the last day to publish the response (s55(5A))
    comments_invited_on: date | None
    comments_due_on: date | None
    comments_received_on: date | None
    pcc_comments: str
    response_published_on: date | None
    response_link: str
    copies_sent_on: date | None
    recommendations: list[Recommendation]
    missing: list[str]  # the s55 steps not yet recorded

    @property
    def on_time(self) -> bool | None:
        """Whether the response was published by its last day (None: not published yet)."""
        if self.response_published_on is None:
            return None
        return self.response_published_on <= self.last_day


def paper(store: Store, actor: Actor, report: str) -> ResponsePaper:
    """The response paper of the report named by `report`: its id, or a fragment of its title
    that names one report only.

    Raises NotFound when nothing matches, ValidationError when a fragment matches several.
    """
    policy.require(actor, "export")  # reading a paper is taking away what one may read
    with store.reading() as session:
        found = find_report(session, report)
        return _paper(session, found)


def find_report(session: Session, report: str) -> Inspection:
    """The report whose id is `report`, whose title it is, or the only title containing it."""
    wanted = " ".join(report.split())
    if not wanted:
        raise ValidationError("REPORT", "give a report's id or part of its title")
    if wanted.isdigit():
        by_id = session.get(Inspection, int(wanted))
        if by_id is not None:
            return by_id
    reports = list(session.exec(select(Inspection).order_by(col(Inspection.published_on))))
    exact = [r for r in reports if r.title.casefold() == wanted.casefold()]
    matches = exact or [r for r in reports if wanted.casefold() in r.title.casefold()]
    if not matches:
        raise NotFound(f"no HMICFRS report has the id or a title containing {wanted!r}")
    if len(matches) > 1:
        names = "; ".join(f"{pk(r)}: {r.title}" for r in matches)
        raise ValidationError(
            "REPORT", f"{wanted!r} matches {len(matches)} reports ({names}): give its id"
        )
    return matches[0]


def _natural(ref: str) -> list[object]:
    """A ref's sort key: CoC2-R10 after CoC2-R9."""
    return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", ref)]


def _paper(session: Session, report: Inspection) -> ResponsePaper:
    found = list(session.exec(select(Finding).where(Finding.inspection_id == report.id)))
    concerns = {pk(f): f for f in found if f.kind == "cause-of-concern"}
    recs = [f for f in found if f.kind == "recommendation"]

    def order(f: Finding) -> tuple[int, list[object], list[object]]:
        parent = concerns.get(f.parent_id) if f.parent_id is not None else None
        return (parent is None, _natural(parent.ref) if parent else [], _natural(f.ref))

    rows = []
    for f in sorted(recs, key=order):
        parent = concerns.get(f.parent_id) if f.parent_id is not None else None
        concern = f"{parent.ref}: {' '.join(parent.text.split())}" if parent else ""
        rows.append(Recommendation(f.ref, " ".join(f.text.split()), concern, f.explanation.strip()))
    steps = S55Steps(
        report.comments_invited_on,
        report.comments_due_on,
        report.comments_received_on,
        report.response_published_on,
        report.response_link,
        report.copies_sent_on,
        len(recs),
        sum(1 for f in recs if f.explanation.strip()),
    )
    return ResponsePaper(
        report_id=pk(report),
        title=report.title,
        kind=vocabulary_of(session, "inspection-kind").label(report.kind),
        published_on=report.published_on,
        link=report.link,
        last_day=rules.s55_last_day(report.published_on),
        comments_invited_on=report.comments_invited_on,
        comments_due_on=report.comments_due_on,
        comments_received_on=report.comments_received_on,
        pcc_comments=report.pcc_comments,
        response_published_on=report.response_published_on,
        response_link=report.response_link,
        copies_sent_on=report.copies_sent_on,
        recommendations=rows,
        missing=steps.missing(),
    )
