"""Build the Anyshire demo: three financial years of realistic records, dated from `today`.

Everything goes through the same services the app uses, so the demo also has a full audit
trail. A fixed random seed keeps the demo the same for the same `today`.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import rules, workdays
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.config import load_settings
from assure.core.db import session_scope
from assure.models import Action, AgendaItem, Edition, Inspection, Meeting, Threat
from assure.models.base import stamped_at
from assure.services import office, people
from assure.services.board import actions as board
from assure.services.demo import responses
from assure.services.demo.data import (
    ASSESSMENTS,
    BOARD_TOPICS,
    BUDGET_CYCLE,
    EVIDENCE_POOL,
    INSPECTIONS,
    PEOPLE,
    SPR2023_EQUIVALENTS,
    UPDATE_TEXTS,
)
from assure.services.evidence import records as evidence
from assure.services.evidence import spr
from assure.services.inspections import findings as inspections
from assure.services.plan import priorities as plan

OFFICER = Actor("Tom Reid", "officer")


def build_demo(engine: Engine, today: date, scale: int = 0, progress: bool = False) -> str:
    """Fill an initialised, empty database with the demo; return a one-line summary.

    Every timestamp it writes (the audit trail's, a record's creation) is `demo_stamp(today)`,
    so the same `today` builds the same demo whatever the clock says."""
    with stamped_at(demo_stamp(today)):
        with session_scope(engine) as session:
            builder = _Demo(session, today)
            builder.run()
            summary = builder.summary()
        if scale:
            from assure.services.demo.synthetic import add_synthetic

            add_synthetic(engine, today, scale, progress=progress)
            summary += f"; plus {scale:,} synthetic actions"
    return summary


def demo_stamp(today: date) -> datetime:
    """The time the demo stamps on everything it writes: `today` at 09:00 UTC."""
    return datetime.combine(today, time(9), UTC)


class _Demo:
    def __init__(self, session: Session, today: date) -> None:
        self.s = session
        self.today = today
        self.workday = workdays.on_or_before(today)  # what the office did "today"
        self.rng = random.Random(20250401)
        self.fy = FinancialYear.of(today)
        self.first_year = self.fy.previous().previous()
        self.counts: dict[str, int] = {}
        self.live = 0
        self.requests: list[tuple[Action, Meeting, date, date]] = []  # for more time
        self.meetings: list[Meeting] = []

    def day(self, day: date) -> date:
        """The working day for `day`: the next one, or the one before if the next is after today
        (offices meet, publish and write on working days; a past event stays in the past)."""
        after = workdays.on_or_after(day)
        return after if day > self.today or after <= self.today else workdays.on_or_before(day)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())

    def run(self) -> None:
        office.set_names(
            self.s, OFFICER, force_name="Anyshire Constabulary", area_name="Anyshire",
            pcc_name="Alex Morgan", office_name="Office of the Police and Crime Commissioner "
            "for Anyshire",
        )  # fmt: skip
        self.people()
        self.plan_owners()
        self.board()
        self.inspections()
        self.evidence()
        self.assessments()

    # -- people and plan ------------------------------------------------------------------
    def people(self) -> None:
        for name, role, org, email, access in PEOPLE:
            people.add_person(self.s, OFFICER, name, role, org, email, access)
            self.count("people")

    def plan_owners(self) -> None:
        current = plan.current_plan(self.s, self.today)
        if current is None:
            return
        opcc = ["Sarah Okafor", "Priya Shah", "Tom Reid"]
        force = ["Martin Doyle", "Rachel Hume", "David Kerr", "Owen Price", "Lisa Grant"]
        rags = ["green", "green", "amber", "amber", "red", "green"]
        n = 0
        for theme in plan.themes_of(self.s, current):
            for priority in plan.priorities_of(self.s, theme):
                offset = self.rng.choice([-20, -3, 5, 12, 30, 45, 60, 75])
                due = self.day(self.today + timedelta(days=offset))
                plan.set_leads(
                    self.s,
                    OFFICER,
                    priority,
                    opcc_lead=opcc[n % len(opcc)],
                    force_lead=force[n % len(force)],
                    rag=rags[n % len(rags)],
                    update_due=due,
                )
                if n % 3 == 0:
                    plan.add_priority_update(
                        self.s,
                        OFFICER,
                        priority,
                        "Quarterly delivery update received and reviewed at the board.",
                        self.day(self.today - timedelta(days=30 + n)),
                    )
                n += 1
        self.count("plan priorities with owners", n)

    # -- the board ------------------------------------------------------------------------
    def meeting_dates(self) -> list[date]:
        rule = load_settings().board_rrule
        anchor = rules.next_meeting(rule, self.today + timedelta(days=1)) or self.today + timedelta(
            days=21
        )
        dates = []
        day = anchor - timedelta(days=42)
        while day >= self.first_year.start:
            dates.append(self.day(day))
            day -= timedelta(days=42)
        return sorted(dates)

    def board(self) -> None:
        edition = spr.edition_in_force(self.s, self.today)
        threats = {t.code: t for t in spr.threats_of(self.s, edition)}
        topics = list(BOARD_TOPICS)
        meetings = self.meeting_dates()
        for m_index, held_on in enumerate(meetings):
            meeting = board.add_meeting(self.s, OFFICER, held_on, f"{held_on:%B %Y} meeting")
            self.meetings.append(meeting)
            self.count("board meetings")
            for i in range(3):
                topic = topics[(m_index * 3 + i) % len(topics)]
                item = board.add_agenda_item(self.s, OFFICER, meeting, topic[0])
                if i == 2 and m_index % 2:
                    continue  # not every item produces an action
                self.action(meeting, item, topic, threats, m_index, len(meetings))
        self.decide_extensions()

    def decide_extensions(self) -> None:
        """Each owner asks for more time a week before the last board meeting before the action
        falls due, and that meeting grants it; one with no meeting in between (raised at the
        latest) asks a week before its due date and waits for the next meeting."""
        for action, raised_at, due, new_due in self.requests:
            between = [
                m for m in self.meetings if raised_at.held_on < m.held_on <= min(due, self.today)
            ]
            decided_at = between[-1] if between else None
            asked = self.day(
                decided_at.held_on - timedelta(days=7)
                if decided_at
                else min(due - timedelta(days=7), self.today)
            )
            reason = "Data not available until the quarter closes."
            request = board.request_extension(self.s, OFFICER, action, new_due, reason, asked)
            if decided_at is not None:
                board.decide_extension(
                    self.s, OFFICER, request, True, "Alex Morgan", decided_at.held_on, decided_at
                )

    def action(
        self,
        meeting: Meeting,
        item: AgendaItem,
        topic: tuple[str, str, str, list[str]],
        threats: dict[str, Threat],
        m_index: int,
        total: int,
    ) -> None:
        _, text, owner, codes = topic
        age = (self.today - meeting.held_on).days
        due = self.day(meeting.held_on + timedelta(days=self.rng.choice([28, 42, 56, 84])))
        if not text:  # the budget item: what it asks for depends on the month it is due
            text, owner = BUDGET_CYCLE[due.month]
        action = board.add_action(
            self.s,
            OFFICER,
            title=text,
            owner=owner,
            due_date=due,
            today=meeting.held_on,
            meeting=meeting,
            agenda_item=item,
            threat_ids=[threats[c].id for c in codes if c in threats],  # type: ignore[misc]
        )
        self.count("actions")
        on = self.day(min(meeting.held_on + timedelta(days=14), self.today))
        board.progress(self.s, OFFICER, action, self.rng.choice(UPDATE_TEXTS), on)
        recent = m_index >= total - 4
        if not recent and age > 120:
            if m_index % 9 == 4:
                board.supersede(
                    self.s, OFFICER, action, "Merged into the HMICFRS recommendations tracker.", due
                )
            else:
                close_on = self.day(min(due - timedelta(days=self.rng.randint(0, 10)), self.today))
                board.propose_completion(
                    self.s, OFFICER, action, "Report presented to the board.", close_on
                )
                board.accept_completion(
                    self.s, OFFICER, action, "The Commissioner is satisfied.", close_on
                )
            return
        # the live log: a mix of overdue, extended, awaiting sign-off and due soon
        self.live += 1
        pick = self.live % 4
        if pick == 0:
            new_due = self.day(max(due + timedelta(days=28), self.today + timedelta(days=7)))
            self.requests.append((action, meeting, due, new_due))
        elif pick == 2 and due < self.today:
            board.propose_completion(
                self.s, OFFICER, action, "Paper circulated to board members.", self.day(due)
            )

    # -- HMICFRS --------------------------------------------------------------------------
    def inspections(self) -> None:
        edition = spr.edition_in_force(self.s, self.today)
        threats = {t.code: t for t in spr.threats_of(self.s, edition)}
        earlier_peel: Inspection | None = None
        for title, kind, days_ago, respond_after, grades in INSPECTIONS:
            published = self.day(self.today - timedelta(days=days_ago))
            report = inspections.add_inspection(
                self.s,
                OFFICER,
                title=title,
                kind=kind,
                published_on=published,
                response_owner="Sarah Okafor",
                response_published_on=self.day(published + timedelta(days=respond_after))
                if respond_after
                else None,
                link="https://hmicfrs.justiceinspectorates.gov.uk/",
            )
            self.count("HMICFRS reports")
            for area, grade in grades:
                inspections.add_grade(self.s, OFFICER, report, area, grade)
            if kind == "peel":
                self.peel_findings(report, published, threats, recent=days_ago < 900)
                if earlier_peel is not None:  # the new PEEL report re-inspected what was open
                    inspections.supersede_open(self.s, OFFICER, report, earlier_peel)
                earlier_peel = report
            else:
                inspections.add_finding(
                    self.s,
                    OFFICER,
                    report,
                    ref="R1",
                    kind="recommendation",
                    text="Chief constables should make sure their forces can mobilise trained "
                    "public order officers at short notice, in line with the national "
                    "mobilisation plan.",
                    force_lead="David Kerr",
                    opcc_lead="Priya Shah",
                    target_date=self.day(self.today + timedelta(days=120)),
                    threat_ids=[threats["public-order-civil-emergencies"].id],  # type: ignore[list-item]
                )
            responses.record(self.s, OFFICER, report, self.today, self.day)

    def peel_findings(
        self, report: Inspection, published: date, threats: dict[str, Threat], recent: bool
    ) -> None:
        target = self.day(published + timedelta(days=365))
        coc = inspections.add_finding(
            self.s,
            OFFICER,
            report,
            ref="CoC1",
            kind="cause-of-concern",
            text="The force does not answer emergency and non-emergency calls quickly enough.",
            force_lead="Lisa Grant",
            opcc_lead="Priya Shah",
            target_date=target,
            status="being-progressed",
            today=self.workday,
        )
        for n, text in enumerate(
            [
                "Within six months, the force should make sure it answers 90% of 999 calls "
                "within 10 seconds, the national standard.",
                "Within six months, the force should improve how it assesses risk "
                "at first contact.",
            ],
            start=1,
        ):
            rec = inspections.add_finding(
                self.s,
                OFFICER,
                report,
                ref=f"CoC1-R{n}",
                kind="recommendation",
                text=text,
                parent=coc,
                force_lead="Lisa Grant",
                opcc_lead="Priya Shah",
                target_date=self.day(published + timedelta(days=183)),
                status="being-progressed",
                today=self.workday,
            )
            if recent and n == 1:
                inspections.set_finding_status(
                    self.s,
                    OFFICER,
                    rec,
                    "being-progressed",
                    "New call-handling staff recruited; answer times improving.",
                    self.day(self.today - timedelta(days=20)),
                )
        afis = [
            ("The force should improve the supervision of investigations.", "Rachel Hume", ["soc"]),
            ("The force should make sure it records crime accurately.", "Martin Doyle", []),
            (
                "The force should improve how it safeguards children at risk of exploitation.",
                "Owen Price",
                ["csa"],
            ),
            (
                "The force should ensure VAWG investigations are allocated to trained officers.",
                "Owen Price",
                ["vawg"],
            ),
            (
                "The force should understand the demand on its digital forensics unit.",
                "Neil Foster",
                ["cyber"],
            ),
        ]
        # the older report: what was done closed within its year; the rest was re-inspected
        closed = self.workday if recent else self.day(published + timedelta(days=300))
        for n, (text, lead, codes) in enumerate(afis, start=1):
            status = "being-progressed" if n <= 2 else "complete"
            if recent:
                status = (
                    "being-progressed" if n % 2 else "complete" if n == 4 else "awaiting-review"
                )
            inspections.add_finding(
                self.s,
                OFFICER,
                report,
                ref=f"AFI{n}",
                kind="area-for-improvement",
                text=text,
                force_lead=lead,
                opcc_lead="Tom Reid",
                target_date=self.day(self.today + timedelta(days=[-30, 10, 45, -5, 90][n - 1]))
                if recent
                else target,
                status=status,
                today=closed,
                threat_ids=[threats[c].id for c in codes if c in threats],  # type: ignore[misc]
            )
        inspections.add_finding(
            self.s,
            OFFICER,
            report,
            ref="IP1",
            kind="innovative-practice",
            text="The force's joint VAWG partnership hub is innovative practice.",
            status="complete",
            today=published,  # practice to learn from: noted as the report came out
            threat_ids=[threats["vawg"].id] if "vawg" in threats else [],  # type: ignore[list-item]
        )
        self.count("findings", 9)

    # -- evidence and assessments ---------------------------------------------------------
    def threat_ids(self, code: str, editions: list[Edition]) -> list[int]:
        ids: list[int] = []
        for edition in editions:
            by_code = {t.code: t.id for t in spr.threats_of(self.s, edition)}
            for c in [code, *SPR2023_EQUIVALENTS.get(code, [])]:
                if c in by_code:
                    ids.append(by_code[c])  # type: ignore[arg-type]
        return ids

    def evidence(self) -> None:
        last = self.fy.previous()
        years = [self.first_year, last, self.fy]
        for year in years:
            editions = [spr.edition_in_force(self.s, year.start)]
            if (later := spr.edition_in_force(self.s, year.end)).id != editions[0].id:
                editions.append(later)
            for n, (title, kind, code, dims) in enumerate(EVIDENCE_POOL):
                # the deliberate gaps: no cyber evidence at all in the last complete year, and
                # public order only has old evidence for consistency
                if year == last and code == "cyber":
                    continue
                if (
                    year == last
                    and code == "public-order-civil-emergencies"
                    and "consistency" in dims
                ):
                    dims = [d for d in dims if d != "consistency"]
                span = (min(year.end, self.today) - year.start).days
                if span < 1:
                    continue
                occurred = self.day(year.start + timedelta(days=(n * 29 + 11) % span))
                if not year.contains(occurred) or occurred > self.today:
                    continue
                evidence.add_evidence(
                    self.s,
                    OFFICER,
                    title=f"{title} ({year.label})",
                    occurred_on=occurred,
                    kind=kind,
                    source=f"ANY-{year.start_year}-{n + 1:03d}",
                    summary=f"{title}. Outcome recorded by the OPCC with the paper reference.",
                    threat_ids=self.threat_ids(code, editions),
                    dimension_ids=[spr.dimension_by_code(self.s, d).id for d in dims],  # type: ignore[misc]
                )
                self.count("evidence items")

    def assessments(self) -> None:
        last = self.fy.previous()
        edition = spr.edition_in_force(self.s, last.end)
        for threat in spr.threats_of(self.s, edition):
            for dim in spr.dimensions(self.s):
                if (threat.code, dim.code) not in ASSESSMENTS:
                    continue  # cyber's consistency: a missing assessment the statement must name
                level, rationale = ASSESSMENTS[threat.code, dim.code]
                evidence.set_assessment(
                    self.s,
                    OFFICER,
                    threat=threat,
                    year=last.start_year,
                    dimension=dim,
                    level_code=level,
                    rationale=rationale,
                    today=workdays.on_or_before(last.end),
                )
                self.count("assessments")


def overdue_count(session: Session, today: date) -> int:
    from sqlmodel import func, select

    cond = rules.overdue_sql(
        Action.due_date, Action.revised_due_date, Action.status, today, rules.ACTION_DONE
    )
    return int(session.exec(select(func.count()).select_from(Action).where(cond)).one())
