"""The annual SPR assurance statement: gather the year's record into the statement's read model.

A statement is Markdown written by the office's Jinja2 template (`data/templates/`) from the
data gathered here; Word and HTML are rendered from that Markdown (assure.render.statement), so
the three formats always say the same. Each build is stored with a manifest of the evidence it
cites (ids and content hashes) and the SHA-256 of its text. Approval freezes a draft: its text
never changes again, and approving a year twice needs `supersede` and keeps both.

Rules the statement applies (and says so in its text):
- The year is the financial year, 1 April to 31 March inclusive, for evidence, meetings, actions
  raised and closed, and reports published.
- A threat's overall assurance is the lowest level given on any of the four dimensions; with a
  dimension unassessed it is "incomplete" and the gap is named.
- Overdue counts are as at the end of the year, or today while the year is still running.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from sqlalchemy import func, select
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from assure.core.clock import FinancialYear, govuk_date
from assure.core.config import Settings
from assure.models import (
    Assessment,
    AssuranceLevel,
    Dimension,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Threat,
)
from assure.models.base import pk
from assure.services import catalogue
from assure.services.evidence import spr
from assure.services.evidence.records import content_hash_of
from assure.services.statement import judgement, registers, reporting
from assure.services.statement.judgement import Level
from assure.services.statement.model import (
    Cited,
    DimensionView,
    FollowUp,
    Gap,
    StatementData,
    ThreatSection,
    WorkItem,
)
from assure.services.statement.registers import Linked


@dataclass
class _Year:
    """What every threat's section reads, gathered once for the year."""

    year: FinancialYear
    as_of: date
    dims: list[Dimension]
    cited: dict[int, Cited]
    assessments: dict[tuple[int, int], Assessment]
    level_of: dict[int | None, AssuranceLevel]
    older: dict[int, date]
    names: dict[int, str]
    actions: dict[int, Linked]
    previous: dict[tuple[int, int], Assessment] | None = None  # None: not comparable
    on_threat: dict[str, list[Cited]] = field(default_factory=dict)  # by threat code
    in_cell: dict[tuple[str, str], list[Cited]] = field(default_factory=dict)  # (threat, dim)

    def index(self) -> None:
        """File each cited item under its threats and (threat, dimension) cells once, in the
        order cited, so no section filters the whole year's evidence again."""
        on_threat: dict[str, list[Cited]] = defaultdict(list)
        in_cell: dict[tuple[str, str], list[Cited]] = defaultdict(list)
        for item in self.cited.values():
            for threat in item.threats:
                on_threat[threat].append(item)
                for dim in item.dimensions:
                    in_cell[threat, dim].append(item)
        self.on_threat, self.in_cell = dict(on_threat), dict(in_cell)


def gather(session: Session, year: FinancialYear, settings: Settings, today: date) -> StatementData:
    """Read the year's record for every threat of the SPR edition in force."""
    edition, changes = spr.edition_for_year(session, year)
    threats = spr.threats_of(session, edition)
    dims = spr.dimensions(session)
    levels = list(session.exec(sm_select(AssuranceLevel).order_by(col(AssuranceLevel.position))))
    as_of = min(today, year.end)
    names = registers.names(session)
    threat_ids = [pk(t) for t in threats]
    context = _Year(
        year=year,
        as_of=as_of,
        dims=dims,
        cited=_cited(session, year, threats, dims),
        assessments=_assessments(session, year, threat_ids),
        level_of={lv.id: lv for lv in levels},
        older=_older(session, year, threat_ids),
        names=names,
        actions=registers.actions_by_threat(session, threat_ids, names, year, as_of),
    )
    context.index()
    before, _ = spr.edition_for_year(session, year.previous())
    if before.id == edition.id:
        context.previous = _assessments(session, year.previous(), threat_ids)
    sections = [_threat_section(session, threat, context) for threat in threats]
    gaps = [gap for s in sections for gap in s.gap_records]
    scale = [lv.name for lv in levels]
    return StatementData(
        year=year,
        as_of=as_of,
        edition_code=edition.code,
        edition_name=edition.name,
        edition_from=edition.in_force_from,
        edition_source=edition.source,
        other_editions=[e.name for e in changes if e.id != edition.id],
        settings=settings,
        levels=scale,
        threats=sections,
        governance=registers.governance(session, year, as_of),
        cited=sorted(context.cited.values(), key=lambda c: c.id),
        requirement=spr.requirement(session, edition),
        previous_label=year.previous().label,
        comparison_break="" if before.id == edition.id else before.name,
        labels=_labels(session),
        gap_records=gaps,
        follow_ups=_follow_ups(
            registers.live_actions_by_threat(session, threat_ids, names), threats, gaps
        ),
        judgement=judgement.judgement(
            [(s.name, s.overall) for s in sections], [g.line for g in gaps], scale
        ),
        reported=reporting.as_spr(sections, spr.covered(session, edition))
        if settings.report_on == "spr"
        else reporting.as_tracked(sections),
    )


LABELLED = ("action-status", "finding-status", "finding-kind", "evidence-kind", "rag")


def _labels(session: Session) -> dict[tuple[str, str], str]:
    """The reference data's labels for the codes the statement prints."""
    return {
        (name, str(choice.value)): choice.label
        for name in LABELLED
        for choice in catalogue.vocabulary_of(session, name).choices
    }


def _follow_ups(
    live: dict[int, list[WorkItem]], threats: list[Threat], gaps: list[Gap]
) -> list[FollowUp]:
    """Each gap's follow-up on the record: an action still being worked on, linked to the gap's
    threat, whose title names the gap (judgement.names_gap). A gap with none has no follow-up."""
    by_code = {t.code: pk(t) for t in threats}
    found: list[FollowUp] = []
    for gap in gaps:
        for action in live.get(by_code[gap.threat_code], []):
            if judgement.names_gap(action.title, gap.dimension):
                found.append(FollowUp(gap, action.ref, action.title, action.due, action.owner))
                break
    return found


# id (a primary key, never None), title, kind, occurred_on, source, summary, a threat's id
_EvidenceRows = list[tuple[int, str, str, date, str, str, int]]


def _cited(
    session: Session, year: FinancialYear, threats: list[Threat], dims: list[Dimension]
) -> dict[int, Cited]:
    """The year's evidence on the edition's threats, as the statement cites it, by id, in the
    order it occurred. Read as plain rows (a national register cites thousands of items): the
    year's links to dimensions, then the items joined to their links to the edition's threats
    (a row per link, so one query finds the items and their threats)."""
    threat_code = {pk(t): t.code for t in threats}
    dim_code = {pk(d): d.code for d in dims}
    occurred = col(Evidence.occurred_on)
    in_year = (occurred >= year.start) & (occurred <= year.end)
    rows = session.connection()  # no ORM rows: the columns are all the statement reads
    ev_dims: dict[int, list[str]] = defaultdict(list)
    for eid, did in rows.execute(
        select(col(EvidenceDimension.evidence_id), col(EvidenceDimension.dimension_id))
        .join(Evidence, col(Evidence.id) == col(EvidenceDimension.evidence_id))
        .where(in_year, col(EvidenceDimension.dimension_id).in_(list(dim_code)))
    ).all():
        ev_dims[eid].append(dim_code[did])
    found = rows.execute(
        select(
            col(Evidence.id), col(Evidence.title), col(Evidence.kind), occurred,
            col(Evidence.source), col(Evidence.summary), col(EvidenceThreat.threat_id),
        )
        .join(EvidenceThreat, col(EvidenceThreat.evidence_id) == col(Evidence.id))
        .where(in_year, col(EvidenceThreat.threat_id).in_(list(threat_code)))
        .order_by(occurred, col(Evidence.id))
    ).all()  # fmt: skip
    cited: dict[int, Cited] = {}
    for eid, title, kind, occurred_on, source, summary, tid in cast(_EvidenceRows, found):
        item = cited.get(eid)
        if item is None:
            item = Cited(
                eid, title, kind, occurred_on, source, summary, [], sorted(ev_dims.get(eid, ()))
            )
            cited[eid] = item
        item.threats.append(threat_code[tid])
    for eid, item in cited.items():
        item.threats.sort()
        item.sha256 = content_hash_of(
            eid, item.title, item.kind, item.occurred_on, item.source, item.summary,
            item.threats, item.dimensions,
        )  # fmt: skip
    return cited


def _older(session: Session, year: FinancialYear, threat_ids: list[int]) -> dict[int, date]:
    """The latest evidence from before the year on each threat."""
    latest = func.max(col(Evidence.occurred_on))
    return {
        tid: day
        for tid, day in session.execute(
            select(col(EvidenceThreat.threat_id), latest)
            .join(Evidence, col(Evidence.id) == col(EvidenceThreat.evidence_id))
            .where(
                col(Evidence.occurred_on) < year.start,
                col(EvidenceThreat.threat_id).in_(threat_ids),
            )
            .group_by(col(EvidenceThreat.threat_id))
        )
    }


def _assessments(
    session: Session, year: FinancialYear, threat_ids: list[int]
) -> dict[tuple[int, int], Assessment]:
    """The year's assessments by (threat, dimension)."""
    return {
        (a.threat_id, a.dimension_id): a
        for a in session.exec(
            sm_select(Assessment).where(
                Assessment.year == year.start_year, col(Assessment.threat_id).in_(threat_ids)
            )
        )
    }


def _dimension_view(
    dim: Dimension,
    evidence: list[Cited],  # the threat's evidence on this dimension
    found: Assessment | None,
    y: _Year,
    before: Assessment | None = None,
) -> DimensionView:
    level = y.level_of.get(found.level_id) if found else None
    previous = y.level_of.get(before.level_id) if before else None
    return DimensionView(
        dim.code,
        dim.name,
        level.name if level else None,
        level.position if level else None,
        found.rationale if found else "",
        found.assessed_by if found else "",
        evidence,
        previous.name if previous else None,
    )


def _gaps(threat: Threat, evidence: list[Cited], views: list[DimensionView], y: _Year) -> list[Gap]:
    """What the threat's record lacks for the year, in the order the statement names it."""
    label = y.year.label

    def gap(view: DimensionView | None, missing: str, text: str) -> Gap:
        name, code = (view.name, view.code) if view else ("", "")
        return Gap(threat.name, pk(threat), threat.code, name, code, missing, text)

    gaps: list[Gap] = []
    for view in views:
        if evidence and not view.evidence:
            gaps.append(gap(view, "evidence", f"no evidence on {view.name.lower()} in {label}"))
        if view.level is None:  # no assessment (its level is a required foreign key)
            gaps.append(gap(view, "assessment", f"{view.name.lower()} not assessed for {label}"))
    if not evidence:
        latest = y.older.get(pk(threat))
        gaps.insert(
            0,
            gap(
                None,
                "evidence",
                f"supported only by evidence from before {label} (latest {govuk_date(latest)})"
                if latest
                else f"no evidence recorded in {label}",
            ),
        )
    return gaps


def _previous_overall(views: list[DimensionView], y: _Year) -> str:
    """The threat's overall level in the previous year, by the same rule as this year's."""
    position = {lv.name: lv.position for lv in y.level_of.values()}
    return judgement.overall_level(
        [Level(v.previous_level, position[v.previous_level]) if v.previous_level else None
         for v in views]
    )  # fmt: skip


def _threat_section(session: Session, threat: Threat, y: _Year) -> ThreatSection:
    tid = pk(threat)
    evidence = y.on_threat.get(threat.code, [])
    earlier = y.previous or {}
    views = [
        _dimension_view(
            dim,
            y.in_cell.get((threat.code, dim.code), []),
            y.assessments.get((tid, pk(dim))),
            y,
            earlier.get((tid, pk(dim))),
        )
        for dim in y.dims
    ]
    levels = [Level(v.level, v.level_position or 0) if v.level is not None else None for v in views]
    actions = y.actions.get(tid) or Linked([], 0, 0)
    findings = registers.findings_of(session, tid, y.names, y.year, y.as_of)
    return ThreatSection(
        code=threat.code,
        name=threat.name,
        summary=threat.summary,
        dimensions=views,
        evidence=evidence,
        overall=judgement.overall_level(levels),
        older_evidence_latest=y.older.get(tid),
        actions=actions.items,
        actions_raised=actions.raised,
        actions_closed=actions.closed,
        actions_superseded=actions.superseded,
        findings=findings.items,
        findings_opened=findings.raised,
        findings_closed=findings.closed,
        findings_superseded=findings.superseded,
        priorities=registers.priorities_of(session, tid, y.names),
        gap_records=_gaps(threat, evidence, views, y),
        previous_overall=None if y.previous is None else _previous_overall(views, y),
    )
