"""The demo as an officer reads it: dates, owners and words that match how offices work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Date
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import assure.models  # noqa: F401  (registers every table)
from assure.core import db, workdays
from assure.services.demo import synthetic
from assure.services.demo.build import build_demo
from tests.conftest import TODAY, run_cli

# Dates that come from the reference data (the plan's term, an edition's start), not the demo.
REFERENCE_DATES = {("plan", "starts_on"), ("plan", "ends_on"), ("edition", "in_force_from")}


def _date_columns() -> Iterator[tuple[str, str]]:
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Date) and (table.name, column.name) not in REFERENCE_DATES:
                yield table.name, column.name


def _day(value: date | str) -> date:
    """A date as PostgreSQL returns it (a date) or SQLite (ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _days_off(engine: Engine) -> tuple[int, list[str]]:
    """(how many dates the database holds, those on a weekend or bank holiday)."""
    seen, wrong = 0, []
    with engine.connect() as con:
        for table, column in _date_columns():
            for (value,) in con.exec_driver_sql(
                f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
            ):
                seen += 1
                day = _day(value)
                if not workdays.is_working_day(day):
                    wrong.append(f"{table}.{column} = {day:%A %d %B %Y}")
    return seen, wrong


def test_every_date_the_demo_writes_is_a_working_day(demo_db: Path) -> None:
    """No meeting, due date, update, publication or response on a weekend or bank holiday."""
    engine = db.make_engine(str(demo_db))
    try:
        seen, wrong = _days_off(engine)
    finally:
        engine.dispose()
    assert seen > 300, "the demo should write plenty of dates"
    assert not wrong, wrong


def test_a_demo_built_on_a_holiday_weekend_still_writes_working_days(engine: Engine) -> None:
    """Built on the Saturday after Boxing Day, "today's" entries fall on the last working day."""
    build_demo(engine, date(2027, 12, 25))
    assert _days_off(engine)[1] == []


@pytest.mark.parametrize("today", [TODAY, date(2027, 12, 25)])
def test_a_synthetic_register_writes_working_days(engine: Engine, today: date) -> None:
    """`assure demo --scale N`: meetings, due dates, closures, inspections and evidence too,
    with overdue work still overdue and open work not yet due."""
    synthetic.add_synthetic(engine, today, 2_000, per_force=500)
    seen, wrong = _days_off(engine)
    assert seen > 5_000
    assert wrong == []
    with engine.connect() as con:
        rows = con.exec_driver_sql("SELECT status, raised_on, due_date FROM action").all()
    due = [(s, _day(raised), _day(day)) for s, raised, day in rows]
    late = [day for status, _, day in due if status == "open"]
    ahead = [day for status, _, day in due if status == "in-progress"]
    assert late and max(late) < today
    assert ahead and min(ahead) >= today
    # open work was raised at a meeting weeks before it falls due (the last one for work due
    # months ahead), not years before
    days = {(day - raised).days for s, raised, day in due if s in ("open", "in-progress")}
    assert min(days) >= 28 and max(days) <= 120


def test_a_synthetic_register_closes_work_by_today(engine: Engine) -> None:
    """Every closed, superseded or complete item has a closing day, and none is in the future."""
    synthetic.add_synthetic(engine, TODAY, 2_000, per_force=500)
    with engine.connect() as con:
        rows = con.exec_driver_sql(
            "SELECT status, closed_on FROM action UNION ALL SELECT status, closed_on FROM finding"
        ).all()
    ended = [(s, d) for s, d in rows if s in ("closed", "superseded", "complete")]
    assert {s for s, _ in ended} == {"closed", "superseded", "complete"}
    assert all(d is not None for _, d in ended)
    days = [_day(d) for _, d in ended]
    assert max(days) <= TODAY


def test_extensions_are_decided_at_a_meeting_on_or_after_the_request(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    rows = con.execute(
        "SELECT e.requested_on, e.decided_on, m.held_on, e.decision, a.raised_on"
        " FROM extension e JOIN action a ON a.id = e.action_id"
        " LEFT JOIN meeting m ON m.id = e.meeting_id"
    ).fetchall()
    decided = [row for row in rows if row[3] != "requested"]
    assert decided, "the demo should have extensions the board granted"
    for requested, decided_on, held_on, _, raised in decided:
        assert held_on == decided_on, "decided at a board meeting, on its date"
        assert decided_on >= requested >= raised


def test_the_new_peel_report_supersedes_the_old_reports_open_findings_on_its_date(
    demo_db: Path,
) -> None:
    """What the 2023-25 PEEL report re-inspected is superseded the day it was published."""
    con = sqlite3.connect(demo_db)
    (old_id,), (new_id, new_published) = (
        con.execute("SELECT id FROM inspection WHERE title LIKE 'PEEL 2021/22%'").fetchone(),
        con.execute(
            "SELECT id, published_on FROM inspection WHERE title LIKE 'PEEL 2023-25%'"
        ).fetchone(),
    )
    old = {
        ref: (status, closed_on)
        for ref, status, closed_on in con.execute(
            "SELECT ref, status, closed_on FROM finding WHERE inspection_id = ?", (old_id,)
        )
    }
    superseded = {ref for ref, (status, _) in old.items() if status == "superseded"}
    assert {"CoC1", "CoC1-R1", "CoC1-R2"} <= superseded, "call handling was re-inspected"
    assert all(old[ref][1] == new_published for ref in superseded)
    assert all(status in ("complete", "superseded", "no-action") for status, _ in old.values())
    assert all(closed < new_published for status, closed in old.values() if status == "complete")
    # through the app's lifecycle: a dated update and an audited status change for each
    for ref in superseded:
        (finding_id,) = con.execute(
            "SELECT id FROM finding WHERE inspection_id = ? AND ref = ?", (old_id, ref)
        ).fetchone()
        assert con.execute(
            "SELECT count(*) FROM progress_update WHERE record_type = 'finding' AND record_id = ?"
            " AND status_to = 'superseded' AND \"on\" = ?",
            (finding_id, new_published),
        ).fetchone() == (1,)
        assert con.execute(
            "SELECT count(*) FROM auditentry WHERE record_type = 'finding' AND record_id = ?"
            " AND field = 'status' AND new = 'superseded'",
            (finding_id,),
        ).fetchone() == (1,)
    assert new_id != old_id


def _texts(con: sqlite3.Connection) -> list[str]:
    """Every piece of prose the demo writes that a reader sees."""
    queries = [
        "SELECT title FROM action", "SELECT title FROM agendaitem", "SELECT text FROM finding",
        "SELECT explanation FROM finding", "SELECT title FROM inspection",
        "SELECT title FROM evidence", "SELECT summary FROM evidence",
        "SELECT text FROM progress_update", "SELECT rationale FROM assessment",
    ]  # fmt: skip
    return [text for query in queries for (text,) in con.execute(query) if text]


def test_chief_finance_officers_own_the_budget_actions(demo_db: Path) -> None:
    """The PCC and the Chief Constable each appoint a CFO (PRSRA 2011 Sch 1 para 6, Sch 2)."""
    con = sqlite3.connect(demo_db)
    rows = con.execute(
        "SELECT a.title, p.role, p.organisation FROM action a JOIN person p ON p.id = a.owner_id"
        " WHERE a.title LIKE '%budget%' OR a.title LIKE '%precept%' OR a.title LIKE '%outturn%'"
    ).fetchall()
    assert rows, "the demo should have budget actions"
    assert {role for _, role, _ in rows} == {"Chief Finance Officer"}, rows
    cfos = con.execute("SELECT organisation FROM person WHERE role = 'Chief Finance Officer'")
    assert {org for (org,) in cfos} == {"OPCC", "Anyshire Constabulary"}


def test_mid_year_budget_monitoring_falls_in_the_autumn(demo_db: Path) -> None:
    """Half way through a 1 April year: the position to 30 September, at an autumn board."""
    con = sqlite3.connect(demo_db)
    rows = con.execute(
        "SELECT a.title, a.due_date FROM action a WHERE lower(a.title) LIKE '%mid-year%'"
    ).fetchall()
    for title, due in rows:
        assert date.fromisoformat(due).month in (10, 11), (title, due)
    assert all("mid-year" not in text.lower() for text in _texts(con) if "budget" not in text)


def test_mid_year_budget_monitoring_is_only_asked_for_in_the_autumn() -> None:
    from assure.services.demo.data import BUDGET_CYCLE

    assert sorted(BUDGET_CYCLE) == list(range(1, 13))
    autumn = {month for month, (text, _) in BUDGET_CYCLE.items() if "mid-year" in text}
    assert autumn == {10, 11}


def test_contest_is_described_by_its_four_ps(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    mentions = [text for text in _texts(con) if "CONTEST" in text]
    assert mentions, "the counter terrorism item should say what CONTEST is"
    for text in mentions:
        assert all(p in text for p in ("Prevent", "Pursue", "Protect", "Prepare")), text


def test_the_999_measure_is_the_national_standard(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    texts = _texts(con)
    assert any("90% of 999 calls answered within 10 seconds" in text for text in texts)
    for text in texts:
        if "999" in text:
            assert "90%" in text and "10 seconds" in text, text


def test_the_public_disorder_inspection_is_hmicfrs_national_one(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    rows = con.execute(
        "SELECT title, kind FROM inspection WHERE lower(title) LIKE '%public disorder%'"
    ).fetchall()
    assert rows
    for title, kind in rows:
        assert kind == "national" and "national" in title and "Anyshire" not in title, title
    findings = con.execute(
        "SELECT f.kind, f.text FROM finding f JOIN inspection i ON i.id = f.inspection_id"
        " WHERE lower(i.title) LIKE '%public disorder%'"
    ).fetchall()
    assert findings and all(kind == "recommendation" for kind, _ in findings)
    assert all(text.startswith("Chief constables should") for _, text in findings)


def test_each_assessment_rationale_is_its_own(demo_db: Path) -> None:
    """No rationale is shared by two threats or two headings: each says what was seen."""
    con = sqlite3.connect(demo_db)
    rows = con.execute("SELECT threat_id, dimension_id, rationale FROM assessment").fetchall()
    assert len(rows) > 20
    assert len({rationale for _, _, rationale in rows}) == len(rows)


def test_the_demo_says_innovative_practice(demo_db: Path) -> None:
    """HMICFRS's current term; "notable practice" belongs to older reports the demo lacks."""
    con = sqlite3.connect(demo_db)
    kinds = {kind for (kind,) in con.execute("SELECT kind FROM finding")}
    assert "innovative-practice" in kinds and "notable-practice" not in kinds
    assert not [text for text in _texts(con) if "notable practice" in text.lower()]


def test_timestamps_are_the_demos_today(demo_db: Path) -> None:
    """Built with today fixed, no record carries the day the tests happened to run."""
    con = sqlite3.connect(demo_db)
    stamps = [
        ("action", "created_at"), ("evidence", "recorded_at"), ("progress_update", "created_at"),
    ]  # fmt: skip
    for table, column in stamps:
        days = {at[:10] for (at,) in con.execute(f'SELECT "{column}" FROM "{table}"')}
        assert days == {TODAY.isoformat()}, (table, column, days)


def test_assure_demo_stamps_its_audit_trail_with_assure_today(tmp_path: Path) -> None:
    """`assure demo` with ASSURE_TODAY: every audit entry, the reference data's too, is dated
    that day, not the day the demo was built."""
    path = tmp_path / "demo.db"
    done = run_cli("demo", "--no-tui", "--db", str(path), env={"ASSURE_TODAY": "2025-11-03"})
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(path)
    days = {at[:10] for (at,) in con.execute("SELECT at FROM auditentry")}
    assert days == {"2025-11-03"}
