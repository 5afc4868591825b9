"""The statement's judgements: a threat's overall level, and the day its counts are taken.

- A threat's overall assurance is the lowest level given on any of its four dimensions; with a
  dimension unassessed it is "incomplete", with none assessed "not assessed".
- Overdue counts are as at the end of the year, or today while the year is still running.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from assure.core import db, rules
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.models import Action
from assure.models.base import pk
from assure.services import people
from assure.services.board import actions as board
from assure.services.evidence import records, spr
from assure.services.statement.gather import gather
from assure.services.statement.model import StatementData, ThreatSection
from assure.services.statement.registers import late_at, late_at_sql
from tests.conftest import OFFICER

YEAR = FinancialYear(2025)
AFTER = date(2026, 5, 1)  # the year has ended
DIMENSIONS = ("capacity", "capability", "consistency", "connectivity")
# the scale from best to worst, as the reference data names it
NAMES = {
    "substantial": "Substantial",
    "reasonable": "Reasonable",
    "limited": "Limited",
    "none": "No assurance",
}


def assess(
    engine: Engine, levels: dict[str, str], threat: str = "terrorism", year: int = 2025
) -> None:
    with db.session_scope(engine) as s:
        edition, _ = spr.edition_for_year(s, FinancialYear(year))
        found = spr.threat_by_code(s, edition, threat)
        for dimension, level in levels.items():
            records.set_assessment(
                s, OFFICER, threat=found, year=year,
                dimension=spr.dimension_by_code(s, dimension), level_code=level,
                rationale=f"{level} on {dimension}", today=date(year + 1, 3, 1),
            )  # fmt: skip


def statement(engine: Engine, today: date = AFTER, year: FinancialYear = YEAR) -> StatementData:
    with Session(engine) as s:
        return gather(s, year, Settings(), today)


def section(data: StatementData, code: str = "terrorism") -> ThreatSection:
    return next(t for t in data.threats if t.code == code)


# every way of giving the four dimensions two levels, one of them once: the lowest must win
MIXES = [
    (better, worse, position)
    for better, worse in itertools.combinations(NAMES, 2)
    for position in range(4)
]


def test_a_threats_overall_level_is_the_lowest_of_its_dimensions(engine: Engine) -> None:
    # one register, reassessed for each mix (a database per mix would cost a second each)
    for better, worse, position in MIXES:
        for lone, rest in ((worse, better), (better, worse)):
            assess(engine, {d: rest for d in DIMENSIONS} | {DIMENSIONS[position]: lone})
            overall = section(statement(engine)).overall
            assert overall == NAMES[worse], (lone, rest, position)


def test_one_level_on_every_dimension_is_the_overall_level(engine: Engine) -> None:
    for level in NAMES:
        assess(engine, dict.fromkeys(DIMENSIONS, level))
        data = statement(engine)
        assert section(data).overall == NAMES[level]
        assert section(data, "soc").overall == "not assessed"  # another threat is untouched


def test_an_unassessed_dimension_makes_the_overall_incomplete(engine: Engine) -> None:
    assess(engine, dict.fromkeys(DIMENSIONS[:3], "substantial"))
    data = statement(engine)
    assert section(data).overall == "incomplete"
    assert "connectivity not assessed for 2025-26" in section(data).gaps
    assert "Connectivity" not in {v.name for v in section(data).dimensions if v.level}


def test_a_threat_with_no_assessment_is_not_assessed(engine: Engine) -> None:
    assert {t.overall for t in statement(engine).threats} == {"not assessed"}


def test_assessments_of_another_year_do_not_count(engine: Engine) -> None:
    assess(engine, dict.fromkeys(DIMENSIONS, "limited"), year=2024)
    assert section(statement(engine)).overall == "not assessed"
    assert section(statement(engine, year=FinancialYear(2024))).overall == "Limited"


# --- as at --------------------------------------------------------------------------------------


AS_AT = [
    (date(2026, 5, 1), date(2026, 3, 31)),  # the year has ended: its last day
    (date(2026, 4, 1), date(2026, 3, 31)),
    (date(2026, 3, 31), date(2026, 3, 31)),
    (date(2026, 3, 30), date(2026, 3, 30)),  # still running: today
    (date(2025, 4, 1), date(2025, 4, 1)),
]


def test_the_statement_is_as_at_the_years_end_or_today(engine: Engine) -> None:
    for today, as_of in AS_AT:
        assert statement(engine, today).as_of == as_of, today


def add(engine: Engine, title: str, due: date, close_on: date | None = None) -> None:
    with db.session_scope(engine) as s:
        if people.find_person(s, "Rachel Hume") is None:
            people.add_person(s, OFFICER, "Rachel Hume")
        edition, _ = spr.edition_for_year(s, YEAR)
        threat = spr.threat_by_code(s, edition, "terrorism")
        action = board.add_action(
            s, OFFICER, title=title, owner="Rachel Hume", due_date=due,
            today=date(2025, 6, 1), threat_ids=[pk(threat)],
        )  # fmt: skip
        if close_on is not None:
            board.propose_completion(s, OFFICER, action, "Done", close_on)
            board.accept_completion(s, OFFICER, action, "Accepted", close_on)


def overdue(data: StatementData) -> set[str]:
    return {a.title for a in section(data).overdue_actions}


def test_overdue_is_counted_as_at_the_years_end_once_it_has_ended(engine: Engine) -> None:
    end = YEAR.end
    add(engine, "due on the last day", end)
    add(engine, "due the day before, still open", end - timedelta(days=1))
    add(engine, "late, closed after the year", end - timedelta(days=10), end + timedelta(days=15))
    add(engine, "late, closed on the last day", end - timedelta(days=10), end)
    data = statement(engine, AFTER)
    expected = {"due the day before, still open", "late, closed after the year"}
    assert overdue(data) == expected
    assert data.governance.actions_overdue == len(expected)


def test_overdue_is_counted_as_at_today_while_the_year_runs(engine: Engine) -> None:
    today = date(2026, 1, 10)
    add(engine, "due today", today)
    add(engine, "due yesterday", today - timedelta(days=1))
    add(engine, "due next month", today + timedelta(days=30))
    data = statement(engine, today)
    assert overdue(data) == {"due yesterday"}
    assert data.governance.actions_overdue == 1


def test_an_extension_past_the_years_end_or_a_completion_awaiting_sign_off_is_not_late(
    engine: Engine,
) -> None:
    end = YEAR.end
    add(engine, "extended past the year", end - timedelta(days=10))
    with db.session_scope(engine) as s:
        extended = board.get_action(s, action_ref(s, "extended past the year"))
        board.extend(s, OFFICER, extended, end + timedelta(days=30), "Data late", "Chair", end)
        add_in(s, "proposed, awaiting sign-off", end - timedelta(days=10))
        proposed = board.get_action(s, action_ref(s, "proposed, awaiting sign-off"))
        board.propose_completion(s, OFFICER, proposed, "Done", end - timedelta(days=5))
    add(engine, "still late", end - timedelta(days=10))
    data = statement(engine, AFTER)
    assert overdue(data) == {"still late"}
    assert data.governance.actions_overdue == 1


def action_ref(s: Session, title: str) -> str:
    refs = {a.title: a.ref for a in s.exec(select(Action))}
    return refs[title]


def add_in(s: Session, title: str, due: date) -> None:
    board.add_action(
        s, OFFICER, title=title, owner="Rachel Hume", due_date=due, today=date(2025, 6, 1)
    )


# (due, revised, status, closed_on): every way an action can stand at the end of the year
END = YEAR.end
GRID = [
    (due, revised, status, closed)
    for due in (END - timedelta(days=1), END, END + timedelta(days=1))
    for revised in (None, END - timedelta(days=3), END + timedelta(days=3))
    for status in ("open", "in-progress", "complete", "closed", "superseded")
    for closed in (None, END, END + timedelta(days=1))
]


def test_the_sql_count_of_late_actions_agrees_with_the_rule_on_every_row(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        for n, (due, revised, status, closed) in enumerate(GRID):
            s.add(
                Action(
                    ref=f"G-{n}", title="grid", raised_on=date(2025, 4, 1), due_date=due,
                    revised_due_date=revised, status=status, closed_on=closed,
                )
            )  # fmt: skip
    for as_of in (END - timedelta(days=2), END):
        with Session(engine) as s:
            sql = set(s.exec(select(Action.ref).where(late_at_sql(as_of))))
        python = {
            f"G-{n}"
            for n, (due, revised, status, closed) in enumerate(GRID)
            if late_at(rules.current_due(due, revised), status, closed, as_of)
        }
        assert sql == python, as_of
        assert python  # the grid has late rows and others


def test_evidence_on_two_threats_is_cited_once_under_both(engine: Engine) -> None:
    """An item linked to two of the edition's threats is one citation, filed under each threat,
    hashed with both codes; items before the year or on no threat are not cited."""
    with db.session_scope(engine) as s:
        edition, _ = spr.edition_for_year(s, YEAR)
        threats = [pk(spr.threat_by_code(s, edition, code)) for code in ("vawg", "terrorism")]
        capacity = pk(spr.dimension_by_code(s, "capacity"))

        def add(title: str, day: date, on: list[int]) -> int:
            item = records.add_evidence(
                s, OFFICER, title=title, occurred_on=day, threat_ids=on, dimension_ids=[capacity]
            )
            s.flush()
            return pk(item)

        both = add("Joint briefing", date(2025, 6, 2), threats)
        add("Last year's briefing", date(2025, 3, 31), threats)
        add("A note on no threat", date(2025, 6, 3), [])
    data = statement(engine)
    assert [c.id for c in data.cited] == [both]
    assert (data.cited[0].threats, data.cited[0].dimensions) == (
        ["terrorism", "vawg"],
        ["capacity"],
    )
    assert [c.id for c in section(data, "terrorism").evidence] == [both]
    assert [c.id for c in section(data, "vawg").evidence] == [both]
    with Session(engine) as s:
        stored = records.get_evidence(s, both)
        assert data.cited[0].sha256 == records.content_hash(
            stored, ["terrorism", "vawg"], ["capacity"]
        )
