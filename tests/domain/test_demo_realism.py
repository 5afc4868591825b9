"""The demo as an officer reads it: dates, owners and words that match how offices work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import Date
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import assure.models  # noqa: F401  (registers every table)
from assure.core import workdays
from assure.services.demo.build import build_demo

# Dates that come from the reference data (the plan's term, an edition's start), not the demo.
REFERENCE_DATES = {("plan", "starts_on"), ("plan", "ends_on"), ("edition", "in_force_from")}


def _date_columns() -> Iterator[tuple[str, str]]:
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Date) and (table.name, column.name) not in REFERENCE_DATES:
                yield table.name, column.name


def test_every_date_the_demo_writes_is_a_working_day(demo_db: Path) -> None:
    """No meeting, due date, update, publication or response on a weekend or bank holiday."""
    con = sqlite3.connect(demo_db)
    seen, wrong = 0, []
    for table, column in _date_columns():
        for (value,) in con.execute(
            f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
        ):
            seen += 1
            day = date.fromisoformat(value)
            if not workdays.is_working_day(day):
                wrong.append(f"{table}.{column} = {day:%A %d %B %Y}")
    assert seen > 300, "the demo should write plenty of dates"
    assert not wrong, wrong


def test_a_demo_built_on_a_holiday_weekend_still_writes_working_days(engine: Engine) -> None:
    """Built on the Saturday after Boxing Day, "today's" entries fall on the last working day."""
    build_demo(engine, date(2027, 12, 25))
    with engine.connect() as con:
        for table, column in _date_columns():
            for (value,) in con.exec_driver_sql(
                f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
            ):
                day = date.fromisoformat(value)
                assert workdays.is_working_day(day), f"{table}.{column} = {day:%A %d %B %Y}"


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
