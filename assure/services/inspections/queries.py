"""Read models of HMICFRS reports: grades, s55 state and findings as a tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core import rules
from assure.models import (
    Finding,
    Grade,
    Inspection,
)


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
    s55_missing: list[str] = field(default_factory=list)  # the s55 steps still to do


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
