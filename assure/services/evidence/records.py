"""Evidence against the SPR threats and dimensions, and the assessments made from it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, SQLModel, col, select

from assure.core import audit, validate
from assure.core.actor import Actor
from assure.core.errors import NotFound, ValidationError
from assure.models import (
    Action,
    Assessment,
    AssuranceLevel,
    Dimension,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Finding,
    Meeting,
    Threat,
)
from assure.models.base import pk


def add_evidence(
    session: Session,
    actor: Actor,
    *,
    title: str,
    occurred_on: date | str,
    kind: str = "other",
    source: str = "",
    summary: str = "",
    threat_ids: Sequence[int] = (),
    dimension_ids: Sequence[int] = (),
    meeting_id: int | None = None,
    action_id: int | None = None,
    finding_id: int | None = None,
) -> Evidence:
    """Record evidence with its threat and dimension links; raise ValidationError."""
    item = Evidence(
        title=validate.required(title, "title", 300),
        occurred_on=validate.must_date(occurred_on, "date"),
        kind=validate.term(session, "evidence-kind", kind, "kind"),
        source=validate.optional_text(source, "source", 500),
        summary=validate.optional_text(summary, "summary", 8000),
        meeting_id=_source(session, "meeting_id", meeting_id),
        action_id=_source(session, "action_id", action_id),
        finding_id=_source(session, "finding_id", finding_id),
        recorded_by=actor.name,
    )
    for threat_id in threat_ids:
        if session.get(Threat, threat_id) is None:
            raise ValidationError("threats", f"no threat with id {threat_id}")
    for dimension_id in dimension_ids:
        if session.get(Dimension, dimension_id) is None:
            raise ValidationError("dimensions", f"no dimension with id {dimension_id}")
    audit.create(session, item, actor)
    for threat_id in dict.fromkeys(threat_ids):
        audit.link(
            session,
            EvidenceThreat(evidence_id=pk(item), threat_id=threat_id),
            item,
            actor,
            "threat",
        )
    for dimension_id in dict.fromkeys(dimension_ids):
        audit.link(
            session,
            EvidenceDimension(evidence_id=pk(item), dimension_id=dimension_id),
            item,
            actor,
            "dimension",
        )
    return item


def get_evidence(session: Session, evidence_id: int) -> Evidence:
    item = session.get(Evidence, evidence_id)
    if item is None:
        raise NotFound(f"no evidence E{evidence_id}")
    return item


def edit_evidence(
    session: Session,
    actor: Actor,
    item: Evidence,
    expected_version: int | None = None,
    **fields: object,
) -> Evidence:
    """Change evidence's text, date, kind or the meeting, action or finding it comes from."""
    clean: dict[str, object] = {}
    for key, value in fields.items():
        if key == "title":
            clean[key] = validate.required(str(value), "title", 300)
        elif key == "occurred_on":
            clean[key] = validate.must_date(value, "date")  # type: ignore[arg-type]
        elif key == "kind":
            clean[key] = validate.term(session, "evidence-kind", str(value), "kind")
        elif key in {"source", "summary"}:
            clean[key] = validate.optional_text(str(value), key, 8000)
        elif key in _SOURCES:
            clean[key] = _source(session, key, value)
        else:
            raise ValidationError(key, "is not a field of evidence")
    audit.change(session, item, clean, actor, expected_version)
    return item


# the records evidence can come from: field -> (table, the field a form names)
_SOURCES: dict[str, tuple[type[SQLModel], str]] = {
    "meeting_id": (Meeting, "meeting"),
    "action_id": (Action, "action"),
    "finding_id": (Finding, "finding"),
}


def _source(session: Session, key: str, value: object) -> int | None:
    """A meeting, action or finding id that exists (or None to unlink it)."""
    if value in (None, ""):
        return None
    model, name = _SOURCES[key]
    if not isinstance(value, int) or session.get(model, value) is None:
        raise ValidationError(name, f"no {name} with id {value}")
    return value


def relink(
    session: Session,
    actor: Actor,
    item: Evidence,
    threat_ids: Sequence[int],
    dimension_ids: Sequence[int],
) -> bool:
    """Make evidence's threat and dimension links exactly these, auditing each link made or cut."""
    pk_ = pk(item)
    changed = False
    for model, target, column, label, wanted in (
        (EvidenceThreat, Threat, "threat_id", "threat", threat_ids),
        (EvidenceDimension, Dimension, "dimension_id", "dimension", dimension_ids),
    ):
        for linked_id in wanted:
            if session.get(target, linked_id) is None:
                raise ValidationError(f"{label}s", f"no {label} with id {linked_id}")
        rows = {
            getattr(row, column): row
            for row in session.exec(select(model).where(model.evidence_id == pk_))
        }
        for gone in set(rows) - set(wanted):
            audit.unlink(session, rows[gone], item, actor, label)
            changed = True
        for new in dict.fromkeys(i for i in wanted if i not in rows):
            audit.link(session, model(evidence_id=pk_, **{column: new}), item, actor, label)
            changed = True
    return changed


def threat_ids_of(session: Session, evidence_id: int) -> list[int]:
    return list(
        session.exec(
            select(EvidenceThreat.threat_id).where(EvidenceThreat.evidence_id == evidence_id)
        )
    )


def dimension_ids_of(session: Session, evidence_id: int) -> list[int]:
    return list(
        session.exec(
            select(EvidenceDimension.dimension_id).where(
                EvidenceDimension.evidence_id == evidence_id
            )
        )
    )


def content_hash(
    item: Evidence, threat_codes: Sequence[str], dimension_codes: Sequence[str]
) -> str:
    """Return a SHA-256 over what a statement cites of this evidence."""
    assert item.id is not None
    fields = (item.id, item.title, item.kind, item.occurred_on, item.source, item.summary)
    return content_hash_of(*fields, threat_codes, dimension_codes)


def content_hash_of(
    evidence_id: int,
    title: str,
    kind: str,
    occurred_on: date,
    source: str,
    summary: str,
    threat_codes: Sequence[str],
    dimension_codes: Sequence[str],
) -> str:
    """content_hash() from the columns themselves (for bulk reads that skip the ORM)."""
    payload = {
        "id": evidence_id,
        "title": title,
        "kind": kind,
        "occurred_on": occurred_on.isoformat(),
        "source": source,
        "summary": summary,
        "threats": sorted(threat_codes),
        "dimensions": sorted(dimension_codes),
    }
    return hashlib.sha256(_SORTED_JSON.encode(payload).encode()).hexdigest()


_SORTED_JSON = json.JSONEncoder(sort_keys=True)  # json.dumps(..., sort_keys=True), built once


def assurance_level(session: Session, code_or_name: str) -> AssuranceLevel:
    """The level whose code or name is `code_or_name` (any case); raise ValidationError."""
    key = code_or_name.strip().lower()
    levels = list(session.exec(select(AssuranceLevel).order_by(col(AssuranceLevel.position))))
    for level in levels:
        if key in (level.code.lower(), level.name.lower()):
            return level
    codes = ", ".join(lv.code for lv in levels)
    raise ValidationError("level", f"{code_or_name!r} is not one of: {codes}")


def assessment_of(
    session: Session, threat: Threat, year: int, dimension: Dimension
) -> Assessment | None:
    """The assessment recorded for `threat` on `dimension` in the year starting `year`, if any."""
    return session.exec(
        select(Assessment).where(
            Assessment.threat_id == threat.id,
            Assessment.year == year,
            Assessment.dimension_id == dimension.id,
        )
    ).first()


def set_assessment(
    session: Session,
    actor: Actor,
    *,
    threat: Threat,
    year: int,
    dimension: Dimension,
    level_code: str,
    rationale: str,
    today: date,
) -> Assessment:
    """Create or change the assurance level for a threat, year and dimension."""
    level = assurance_level(session, level_code)
    why = validate.required(rationale, "rationale", 4000)
    existing = assessment_of(session, threat, year, dimension)
    if existing is None:
        row = Assessment(
            threat_id=threat.id,  # type: ignore[arg-type]
            year=year,
            dimension_id=dimension.id,  # type: ignore[arg-type]
            level_id=level.id,  # type: ignore[arg-type]
            rationale=why,
            assessed_by=actor.name,
            assessed_on=today,
        )
        audit.create(session, row, actor)
        return row
    audit.change(
        session,
        existing,
        {"level_id": level.id, "rationale": why, "assessed_by": actor.name, "assessed_on": today},
        actor,
    )
    return existing
