"""What the statement says, as plain read models: threats, their evidence and registers.

These are gathered from the database by assure.services.statement.gather and written out by
assure.render.statement; they hold no database objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assure.core import rules
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.services.evidence.spr import Requirement
from assure.services.statement.judgement import Judgement


@dataclass
class Cited:
    """One evidence item as the statement cites it ([E12])."""

    id: int
    title: str
    kind: str
    occurred_on: date
    source: str
    summary: str
    threats: list[str]
    dimensions: list[str]
    sha256: str = ""

    @property
    def cite(self) -> str:
        return f"[E{self.id}]"


@dataclass(frozen=True)
class Gap:
    """What a threat's record lacks for the year: evidence or an assessment, on one dimension
    (or, with no dimension, on the whole threat)."""

    threat: str
    threat_id: int
    threat_code: str
    dimension: str  # name; "" for the whole threat
    dimension_code: str
    missing: str  # "evidence" or "assessment"
    text: str  # as the statement words it, after the threat's name

    @property
    def line(self) -> str:
        return f"{self.threat}: {self.text}"


@dataclass(frozen=True)
class FollowUp:
    """An open action on the record that names a gap: the statement cites it as the follow-up."""

    gap: Gap
    ref: str
    title: str
    due: date | None
    owner: str


@dataclass
class DimensionView:
    code: str
    name: str
    level: str | None  # level name, None when not assessed
    level_position: int | None
    rationale: str
    assessed_by: str
    evidence: list[Cited]
    previous_level: str | None = None  # the previous year's level (None: not assessed)


@dataclass
class WorkItem:
    ref: str
    title: str
    status: str
    due: date | None
    overdue: bool
    owner: str
    source: str


@dataclass
class ThreatSection:
    code: str
    name: str
    summary: str
    dimensions: list[DimensionView]
    evidence: list[Cited]
    overall: str
    older_evidence_latest: date | None
    actions: list[WorkItem]
    actions_raised: int
    actions_closed: int
    findings: list[WorkItem]
    findings_opened: int
    findings_closed: int
    priorities: list[dict[str, str]]
    gap_records: list[Gap]
    previous_overall: str | None = None  # None when the previous year is not comparable
    actions_superseded: int = 0  # counted apart from closed
    findings_superseded: int = 0

    @property
    def gaps(self) -> list[str]:
        """What the threat's record lacks, as the statement words it."""
        return [gap.text for gap in self.gap_records]

    @property
    def open_actions(self) -> list[WorkItem]:
        return [a for a in self.actions if a.status not in rules.ACTION_DONE]

    @property
    def overdue_actions(self) -> list[WorkItem]:
        return [a for a in self.actions if a.overdue]

    @property
    def open_findings(self) -> list[WorkItem]:
        return [f for f in self.findings if f.status not in rules.FINDING_DONE]

    @property
    def overdue_findings(self) -> list[WorkItem]:
        return [f for f in self.findings if f.overdue]


@dataclass(frozen=True)
class ReportedThreat:
    """A threat as the statement's sections and summary table list it: one of the office's
    threats, or (with `report_on = "spr"`) one of the SPR edition's, reported by the office
    threat that covers it."""

    name: str
    section: ThreatSection | None  # the record it is reported by; None: no office threat covers it
    grouping: str = ""  # the office threat it is assessed as, when that covers others too
    together_with: tuple[str, ...] = ()  # the SPR threats assessed with it, as that one threat
    additional: bool = False  # an office threat that covers none of the SPR's
    part_of: str = ""  # the SPR threat this reports a part of, when the office tracks it as several
    parts: tuple[str, ...] = ()  # the office threats it is tracked as, this one among them


@dataclass
class Report:
    title: str
    kind: str
    published_on: date
    last_day: date
    response_on: date | None
    state: str  # on-time, late, open, overdue


@dataclass
class Governance:
    meetings: list[date]
    actions_raised: int
    actions_closed: int
    actions_overdue: int
    reports: list[Report]
    findings_opened: int
    findings_closed: int
    actions_superseded: int = 0  # counted apart from closed
    findings_superseded: int = 0


@dataclass
class StatementData:
    """Everything the statement says, gathered from the database for one financial year."""

    year: FinancialYear
    as_of: date
    edition_code: str
    edition_name: str
    edition_from: date
    edition_source: str
    other_editions: list[str]
    settings: Settings
    levels: list[str]
    threats: list[ThreatSection]
    governance: Governance
    cited: list[Cited]
    requirement: Requirement | None = None
    previous_label: str = ""  # the previous financial year, e.g. 2024-25
    comparison_break: str = ""  # the edition the previous year tracked, when it differs
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    gap_records: list[Gap] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    judgement: Judgement = field(default_factory=lambda: Judgement(False, 0, 0))
    # what the sections and the summary table list (the judgement is always the office's)
    reported: list[ReportedThreat] = field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        """Every gap as one line: "Threat: what is missing"."""
        return [gap.line for gap in self.gap_records]

    @property
    def scrutiny_sessions(self) -> int:
        """Scrutiny meeting outcomes among the year's evidence."""
        return sum(1 for c in self.cited if c.kind == "scrutiny")

    @property
    def assessments_made(self) -> int:
        """Levels recorded for the year, threat by threat and heading by heading."""
        return sum(1 for t in self.threats for v in t.dimensions if v.level is not None)

    @property
    def threats_in_plan(self) -> int:
        """Threats that plan priorities bear on."""
        return sum(1 for t in self.threats if t.priorities)

    def label(self, vocabulary: str, code: str) -> str:
        """The reference data's label for a code (the code itself when it has none)."""
        return self.labels.get((vocabulary, code), code)

    def manifest(self) -> list[dict[str, Any]]:
        return [{"id": c.id, "sha256": c.sha256} for c in self.cited]
