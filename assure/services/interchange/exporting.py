"""Exporting a register as rows under its import columns, so an export re-imports unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core.clock import FinancialYear
from assure.models import (
    Action,
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
    Theme,
    Threat,
)
from assure.services import people
from assure.services.evidence import spr
from assure.services.interchange.tabular import check_kind

Table = tuple[list[str], list[list[Any]]]


def export_rows(session: Session, kind: str) -> Table:
    """The register `kind` as (columns, rows); raise ValidationError for an unknown kind."""
    check_kind(kind)
    return _EXPORTERS[kind](session)


def _names(session: Session) -> dict[int, str]:
    return {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}


def _codes(session: Session, link: Any, key: str, target: Any, target_key: str) -> dict[int, str]:
    """Each owner's linked codes (threats or dimensions), sorted and joined with `;`."""
    found: dict[int, list[str]] = {}
    for owner_id, code in session.execute(
        select(getattr(link, key), target.code).join(target, target.id == getattr(link, target_key))
    ):
        found.setdefault(owner_id, []).append(code)
    return {owner_id: ";".join(sorted(codes)) for owner_id, codes in found.items()}


def _people(session: Session) -> Table:
    return ["name", "role", "organisation", "email", "login", "access", "version"], [
        [p.name, p.role, p.organisation, p.email, p.login or "", p.access, p.version]
        for p in people.list_people(session)
    ]


ACTION_COLUMNS = [
    "ref",
    "action",
    "owner",
    "due_date",
    "revised_due_date",
    "meeting_date",
    "raised_on",
    "status",
    "closed_on",
    "version",
]


def _actions(session: Session) -> Table:
    names = _names(session)
    meetings = dict(session.execute(select(col(Meeting.id), col(Meeting.held_on))).all())
    return ACTION_COLUMNS, [
        [
            a.ref,
            a.title,
            names.get(a.owner_id or 0, ""),
            a.due_date,
            a.revised_due_date or "",
            meetings.get(a.meeting_id) if a.meeting_id else "",
            a.raised_on or "",
            a.status,
            a.closed_on or "",
            a.version,
        ]
        for a in session.scalars(select(Action).order_by(col(Action.ref)))
    ]


def _evidence(session: Session) -> Table:
    threats = _codes(session, EvidenceThreat, "evidence_id", Threat, "threat_id")
    dim_codes = {d.id: d.code for d in spr.dimensions(session)}
    dims: dict[int, list[str]] = {}
    for eid, did in session.execute(
        select(col(EvidenceDimension.evidence_id), col(EvidenceDimension.dimension_id))
    ):
        dims.setdefault(eid, []).append(dim_codes.get(did, ""))
    columns = ["title", "date", "kind", "source", "summary", "threats", "dimensions", "version"]
    return columns, [
        [
            e.title,
            e.occurred_on,
            e.kind,
            e.source,
            e.summary,
            threats.get(e.id or 0, ""),
            ";".join(sorted(dims.get(e.id or 0, []))),
            e.version,
        ]
        for e in session.scalars(
            select(Evidence).order_by(col(Evidence.occurred_on), col(Evidence.id))
        )
    ]


FINDING_COLUMNS = [
    "report",
    "report_kind",
    "report_published",
    "ref",
    "parent_ref",
    "kind",
    "text",
    "force_lead",
    "opcc_lead",
    "target_date",
    "status",
    "threats",
    "version",
]


def _findings(session: Session) -> Table:
    names = _names(session)
    threats = _codes(session, FindingThreat, "finding_id", Threat, "threat_id")
    reports = {i.id: i for i in session.scalars(select(Inspection))}
    found = list(
        session.scalars(select(Finding).order_by(col(Finding.inspection_id), col(Finding.id)))
    )
    refs = {f.id: f.ref for f in found}
    return FINDING_COLUMNS, [
        [
            reports[f.inspection_id].title,
            reports[f.inspection_id].kind,
            reports[f.inspection_id].published_on,
            f.ref,
            refs.get(f.parent_id, "") if f.parent_id else "",
            f.kind,
            f.text,
            names.get(f.force_lead_id or 0, ""),
            names.get(f.opcc_lead_id or 0, ""),
            f.target_date or "",
            f.status,
            threats.get(f.id or 0, ""),
            f.version,
        ]
        for f in found
    ]


def _priorities(session: Session) -> Table:
    names = _names(session)
    rows = session.execute(
        select(Priority, col(Theme.title))
        .join(Theme, col(Theme.id) == col(Priority.theme_id))
        .order_by(col(Theme.position), col(Priority.position))
    )
    return ["theme", "priority", "opcc_lead", "force_lead", "rag", "version"], [
        [
            theme,
            p.title,
            names.get(p.opcc_lead_id or 0, ""),
            names.get(p.force_lead_id or 0, ""),
            p.rag,
            p.version,
        ]
        for p, theme in rows
    ]


def _assessments(session: Session) -> Table:
    rows = session.execute(
        select(
            col(Threat.code),
            col(Assessment.year),
            col(Dimension.code),
            col(AssuranceLevel.code),
            col(Assessment.rationale),
            col(Assessment.version),
        )
        .join(Threat, col(Threat.id) == col(Assessment.threat_id))
        .join(Dimension, col(Dimension.id) == col(Assessment.dimension_id))
        .join(AssuranceLevel, col(AssuranceLevel.id) == col(Assessment.level_id))
        .order_by(col(Assessment.year), col(Threat.position), col(Dimension.position))
    )
    return ["threat", "year", "dimension", "level", "rationale", "version"], [
        [threat, FinancialYear(year).label, dimension, level, rationale, version]
        for threat, year, dimension, level, rationale, version in rows
    ]


_EXPORTERS: dict[str, Callable[[Session], Table]] = {
    "people": _people,
    "actions": _actions,
    "evidence": _evidence,
    "findings": _findings,
    "priorities": _priorities,
    "assessments": _assessments,
}
