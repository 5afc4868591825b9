"""Editions, threats and the evidence coverage grid (threats x dimensions for a year)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from assure.core.clock import FinancialYear
from assure.core.config import DATA_DIR
from assure.core.errors import ValidationError
from assure.models import Dimension, Edition, Evidence, EvidenceDimension, EvidenceThreat, Threat


def edition_in_force(session: Session, day: date) -> Edition:
    """Return the edition in force on `day`; raise ValidationError when none is loaded."""
    edition = (
        session.exec(
            sm_select(Edition)
            .where(Edition.in_force_from <= day)
            .order_by(Edition.in_force_from.desc())  # type: ignore[attr-defined]
        ).first()
        or session.exec(sm_select(Edition).where(Edition.is_default)).first()
    )
    if edition is None:
        raise ValidationError("edition", "no SPR edition is loaded; run `assure init`")
    return edition


def edition_for_year(session: Session, year: FinancialYear) -> tuple[Edition, list[Edition]]:
    """Return the edition in force at the end of `year` and any that took over during it."""
    edition = edition_in_force(session, year.end)
    changes = list(
        session.exec(
            sm_select(Edition).where(
                Edition.in_force_from > year.start, Edition.in_force_from <= year.end
            )
        )
    )
    return edition, changes


EDITIONS_FILE = DATA_DIR / "reference" / "editions.toml"


@dataclass(frozen=True)
class Grouping:
    """One threat the office tracks, and the threats of the SPR edition it covers."""

    tracked: str  # the office's threat, by name
    covers: tuple[str, ...]  # the SPR edition's threats it covers, by name


@dataclass(frozen=True)
class Requirement:
    """The Home Secretary's SPR edition behind the threats the office tracks in a year.

    `threats` are the SPR's own, in the document's order. `grouped_by` names the office's
    grouping when the office tracks a grouping of the SPR (empty when it tracks the SPR's own
    threats); `groupings` are the tracked threats that cover more than one SPR threat.
    """

    code: str
    name: str
    in_force_from: date
    source: str
    threats: tuple[str, ...]
    grouped_by: str = ""
    groupings: tuple[Grouping, ...] = ()


def groupings_in(path: Path = EDITIONS_FILE) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """The office's groupings in the editions file: {grouping code: (SPR edition code,
    {tracked threat code: the SPR threat codes it covers})}."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {
        spec["code"]: (
            spec["groups"],
            {t["code"]: list(t.get("covers", [t["code"]])) for t in spec.get("threat", [])},
        )
        for spec in data.get("edition", [])
        if spec.get("groups")
    }


def requirement(session: Session, tracked: Edition, path: Path = EDITIONS_FILE) -> Requirement:
    """The SPR edition the office's tracked edition is (or groups), with its threats."""
    groups, covers = groupings_in(path).get(tracked.code, ("", {}))
    base = (
        session.exec(sm_select(Edition).where(Edition.code == groups)).first() if groups else None
    )
    if base is None:
        base, covers = tracked, {}
    spr_threats = threats_of(session, base)
    name_of = {t.code: t.name for t in spr_threats}
    groupings = tuple(
        Grouping(t.name, tuple(name_of[c] for c in covers[t.code] if c in name_of))
        for t in threats_of(session, tracked)
        if len(covers.get(t.code, [])) > 1
    )
    return Requirement(
        base.code,
        base.name,
        base.in_force_from,
        base.source,
        tuple(t.name for t in spr_threats),
        tracked.name if base.id != tracked.id else "",
        groupings,
    )


@dataclass(frozen=True)
class Covered:
    """One threat of the SPR edition and the office's tracked threats that cover it."""

    code: str
    name: str
    by: tuple[str, ...]  # the tracked threats covering it, by code, in the office's order


def covered(session: Session, tracked: Edition, path: Path = EDITIONS_FILE) -> list[Covered]:
    """The threats of the SPR edition behind `tracked`, in the document's order, each with the
    tracked threats that cover it (groupings_in; by default the one with the same code). When
    `tracked` groups no SPR edition, each of its threats covers itself."""
    groups, covers = groupings_in(path).get(tracked.code, ("", {}))
    base = (
        session.exec(sm_select(Edition).where(Edition.code == groups)).first() if groups else None
    )
    own = threats_of(session, tracked)
    if base is None:
        return [Covered(t.code, t.name, (t.code,)) for t in own]
    by: dict[str, list[str]] = {}
    for threat in own:
        for code in covers.get(threat.code, [threat.code]):
            by.setdefault(code, []).append(threat.code)
    return [Covered(t.code, t.name, tuple(by.get(t.code, []))) for t in threats_of(session, base)]


def threats_of(session: Session, edition: Edition) -> list[Threat]:
    return list(
        session.exec(
            sm_select(Threat).where(Threat.edition_id == edition.id).order_by(col(Threat.position))
        )
    )


def dimensions(session: Session) -> list[Dimension]:
    return list(session.exec(sm_select(Dimension).order_by(Dimension.position)))  # type: ignore[arg-type]


def threat_by_code(session: Session, edition: Edition, code_or_name: str) -> Threat:
    key = code_or_name.strip().lower()
    for threat in threats_of(session, edition):
        if key in (threat.code.lower(), threat.name.lower()):
            return threat
    codes = ", ".join(t.code for t in threats_of(session, edition))
    raise ValidationError(
        "threats", f"{code_or_name!r} is not a threat of {edition.code} ({codes})"
    )


def dimension_by_code(session: Session, code_or_name: str) -> Dimension:
    key = code_or_name.strip().lower()
    for dim in dimensions(session):
        if key in (dim.code.lower(), dim.name.lower()):
            return dim
    codes = ", ".join(d.code for d in dimensions(session))
    raise ValidationError("dimensions", f"{code_or_name!r} is not a dimension ({codes})")


@dataclass
class Coverage:
    """Evidence counts for one year: per threat and dimension, and per threat in total."""

    year: FinancialYear
    edition: Edition
    threats: list[Threat]
    dimensions: list[Dimension]
    cells: dict[tuple[int, int], int] = field(default_factory=dict)
    totals: dict[int, int] = field(default_factory=dict)

    def count(self, threat: Threat, dimension: Dimension) -> int:
        return self.cells.get((threat.id, dimension.id), 0)  # type: ignore[arg-type]

    def gaps(self) -> list[tuple[Threat, Dimension | None]]:
        """Return (threat, None) for a threat with no evidence, (threat, dim) for an empty cell."""
        found: list[tuple[Threat, Dimension | None]] = []
        for threat in self.threats:
            if not self.totals.get(threat.id, 0):  # type: ignore[arg-type]
                found.append((threat, None))
                continue
            found.extend((threat, dim) for dim in self.dimensions if not self.count(threat, dim))
        return found


@dataclass(frozen=True)
class CoverageRow:
    threat_id: int
    threat: str
    total: int
    counts: tuple[int, ...]  # one per dimension, in the grid's order


@dataclass(frozen=True)
class CoverageGrid:
    """The coverage as plain values: what a screen or a paper shows."""

    year: str
    edition: str
    dimensions: tuple[str, ...]
    rows: tuple[CoverageRow, ...]


def grid(cover: Coverage) -> CoverageGrid:
    """Return a coverage as a plain grid of threat rows by dimension columns."""
    return CoverageGrid(
        cover.year.label,
        cover.edition.name,
        tuple(d.name for d in cover.dimensions),
        tuple(
            CoverageRow(
                t.id or 0,
                t.name,
                cover.totals.get(t.id or 0, 0),
                tuple(cover.count(t, d) for d in cover.dimensions),
            )
            for t in cover.threats
        ),
    )


def coverage(session: Session, year: FinancialYear) -> Coverage:
    """Count the year's evidence for every threat x dimension of the edition in force."""
    edition, _ = edition_for_year(session, year)
    result = Coverage(year, edition, threats_of(session, edition), dimensions(session))
    occurred = col(Evidence.occurred_on)
    in_year = (occurred >= year.start) & (occurred <= year.end)
    threat_id, dimension_id = col(EvidenceThreat.threat_id), col(EvidenceDimension.dimension_id)
    cells = session.execute(
        select(threat_id, dimension_id, func.count())
        .join(Evidence, col(Evidence.id) == col(EvidenceThreat.evidence_id))
        .join(EvidenceDimension, col(EvidenceDimension.evidence_id) == col(Evidence.id))
        .where(in_year)
        .group_by(threat_id, dimension_id)
    )
    result.cells = {(t, d): n for t, d, n in cells}
    totals = session.execute(
        select(threat_id, func.count())
        .join(Evidence, col(Evidence.id) == col(EvidenceThreat.evidence_id))
        .where(in_year)
        .group_by(threat_id)
    )
    result.totals = {t: n for t, n in totals}
    return result
