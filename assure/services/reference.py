"""Load the reference data in data/reference/*.toml: add what is missing, change nothing else.

An office edits its own labels, summaries and threats; running `assure init` again must never
undo that, so rows are matched by code and only missing ones are inserted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from assure.core import audit
from assure.core.actor import INSTALLER, Actor
from assure.core.config import DATA_DIR
from assure.models import (
    AssuranceLevel,
    Dimension,
    Edition,
    Plan,
    Priority,
    PriorityThreat,
    Term,
    Theme,
    Threat,
)

REFERENCE_DIR = DATA_DIR / "reference"
VOCABULARIES = (
    "action-status",
    "finding-status",
    "finding-kind",
    "inspection-kind",
    "grade",
    "rag",
    "evidence-kind",
)


@dataclass
class LoadReport:
    """What a load added, by kind of record."""

    added: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.added[kind] = self.added.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.added.values())


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_reference(
    session: Session, directory: Path = REFERENCE_DIR, actor: Actor = INSTALLER
) -> LoadReport:
    """Insert any reference rows missing from the database; return what was added."""
    report = LoadReport()
    _load_editions(session, _read(directory / "editions.toml"), actor, report)
    scales = _read(directory / "scales.toml")
    _load_coded(session, Dimension, scales["dimension"], actor, report)
    _load_coded(session, AssuranceLevel, scales["level"], actor, report)
    _load_terms(session, _read(directory / "vocabularies.toml"), actor, report)
    for plan_file in sorted(directory.glob("plan-*.toml")):
        _load_plan(session, _read(plan_file), actor, report)
    return report


def _load_editions(
    session: Session, data: dict[str, Any], actor: Actor, report: LoadReport
) -> None:
    for spec in data["edition"]:
        edition = session.exec(select(Edition).where(Edition.code == spec["code"])).first()
        if edition is None:
            edition = Edition(
                code=spec["code"],
                name=spec["name"],
                in_force_from=spec["in_force_from"],
                is_default=spec.get("is_default", False),
                source=spec.get("source", ""),
            )
            audit.create(session, edition, actor)
            report.count("edition")
        existing = {
            t.code for t in session.exec(select(Threat).where(Threat.edition_id == edition.id))
        }
        for position, threat in enumerate(spec.get("threat", []), start=1):
            if threat["code"] in existing:
                continue
            audit.create(
                session,
                Threat(
                    edition_id=edition.id,  # type: ignore[arg-type]
                    code=threat["code"],
                    name=threat["name"],
                    summary=threat.get("summary", ""),
                    position=position,
                ),
                actor,
            )
            report.count("threat")


def _load_coded(
    session: Session,
    model: type[Dimension] | type[AssuranceLevel],
    rows: list[dict[str, Any]],
    actor: Actor,
    report: LoadReport,
) -> None:
    existing = set(session.exec(select(col(model.code))))
    for position, row in enumerate(rows, start=1):
        if row["code"] in existing:
            continue
        audit.create(
            session,
            model(
                code=row["code"],
                name=row["name"],
                summary=row.get("summary", ""),
                position=position,
            ),
            actor,
        )
        report.count(model.__tablename__)  # type: ignore[arg-type]


def _load_terms(session: Session, data: dict[str, Any], actor: Actor, report: LoadReport) -> None:
    existing = {(t.vocabulary, t.code) for t in session.exec(select(Term))}
    for vocabulary in VOCABULARIES:
        for position, row in enumerate(data.get(vocabulary, []), start=1):
            if (vocabulary, row["code"]) in existing:
                continue
            audit.create(
                session,
                Term(
                    vocabulary=vocabulary,
                    code=row["code"],
                    label=row["label"],
                    summary=row.get("summary", ""),
                    position=position,
                ),
                actor,
            )
            report.count("term")


def _load_plan(session: Session, data: dict[str, Any], actor: Actor, report: LoadReport) -> None:
    spec = data["plan"]
    plan = session.exec(select(Plan).where(Plan.code == spec["code"])).first()
    if plan is None:
        plan = Plan(
            code=spec["code"],
            title=spec["title"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
        )
        audit.create(session, plan, actor)
        report.count("plan")
    edition = default_edition_for(session, plan.starts_on)
    threats = (
        {t.code: t for t in session.exec(select(Threat).where(Threat.edition_id == edition.id))}
        if edition
        else {}
    )
    for t_pos, theme_spec in enumerate(data["theme"], start=1):
        theme = session.exec(
            select(Theme).where(Theme.plan_id == plan.id, Theme.code == theme_spec["code"])
        ).first()
        if theme is None:
            theme = Theme(
                plan_id=plan.id,  # type: ignore[arg-type]
                code=theme_spec["code"],
                title=theme_spec["title"],
                summary=theme_spec.get("summary", ""),
                position=t_pos,
            )
            audit.create(session, theme, actor)
            report.count("theme")
        existing = {
            p.code for p in session.exec(select(Priority).where(Priority.theme_id == theme.id))
        }
        for p_pos, prio in enumerate(theme_spec.get("priority", []), start=1):
            if prio["code"] in existing:
                continue
            priority = Priority(
                theme_id=theme.id,  # type: ignore[arg-type]
                code=prio["code"],
                title=prio["title"],
                summary=prio.get("summary", ""),
                position=p_pos,
            )
            audit.create(session, priority, actor)
            report.count("priority")
            for code in prio.get("threats", []):
                if code in threats:
                    audit.link(
                        session,
                        PriorityThreat(priority_id=priority.id, threat_id=threats[code].id),  # type: ignore[arg-type]
                        priority,
                        actor,
                        "threat",
                    )


def default_edition_for(session: Session, day: date) -> Edition | None:
    """Return the edition in force on `day`: the latest in force from on or before it."""
    return (
        session.exec(
            select(Edition)
            .where(Edition.in_force_from <= day)
            .order_by(Edition.in_force_from.desc())  # type: ignore[attr-defined]
        ).first()
        or session.exec(select(Edition).where(Edition.is_default)).first()
    )
