"""Overdue and current due, in Python and in both SQL twins, which must agree with it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    not_,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from assure.core import rules
from tests.rules.strategies import RULES, days

TODAY = date(2026, 5, 1)
HORIZON = TODAY + timedelta(days=rules.DUE_SOON_DAYS)  # 15 May 2026

ACTIONS = [  # id, due, revised, status
    (1, date(2026, 4, 30), None, "open"),  # due yesterday: overdue
    (2, date(2026, 5, 1), None, "open"),  # due today: not yet
    (3, date(2026, 4, 1), date(2026, 6, 1), "open"),  # extended: not overdue
    (4, date(2026, 6, 1), date(2026, 4, 30), "in-progress"),  # brought forward: overdue
    (5, None, None, "open"),  # no date: never
    (6, date(2026, 1, 1), None, "closed"),
    (7, date(2026, 1, 1), None, "complete"),  # awaiting sign-off: never overdue
    (8, date(2026, 5, 15), None, "open"),  # last day of the due-soon window
    (9, date(2026, 5, 16), None, "open"),  # just beyond it
    (10, None, date(2026, 4, 1), "in-progress"),  # only a revised date
    (11, date(2026, 1, 1), None, "superseded"),
    (12, date(2026, 5, 2), None, "in-progress"),  # due tomorrow
]
OVERDUE = {1, 4, 10}
OVERDUE_IGNORING_REVISED = {1, 3}  # when the table has no revised column
OVERDUE_OR_SOON = {1, 2, 4, 8, 10, 12}

FINDINGS = [
    (1, date(2026, 1, 1), None, "awaiting-review"),
    (2, date(2026, 1, 1), None, "being-progressed"),
    (3, date(2026, 1, 1), None, "pending-sign-off"),
    (4, date(2026, 1, 1), None, "complete"),
    (5, date(2026, 1, 1), None, "superseded"),
    (6, date(2026, 1, 1), None, "no-action"),
    (7, date(2026, 5, 1), None, "being-progressed"),
]
FINDINGS_OVERDUE = {1, 2}

items = Table(
    "items",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("due", Date),
    Column("revised", Date),
    Column("status", String),
)


def _load(rows: Sequence[tuple[int, date | None, date | None, str]]) -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    items.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            items.insert(),
            [{"id": i, "due": d, "revised": r, "status": s} for i, d, r, s in rows],
        )
        yield conn
    engine.dispose()


@pytest.fixture
def actions() -> Iterator[Connection]:
    yield from _load(ACTIONS)


@pytest.fixture
def findings() -> Iterator[Connection]:
    yield from _load(FINDINGS)


# --- Python -----------------------------------------------------------------------------------
def test_due_today_is_not_overdue_due_yesterday_is() -> None:
    assert not rules.is_overdue(TODAY, "open", TODAY, rules.ACTION_DONE)
    assert rules.is_overdue(TODAY - timedelta(days=1), "open", TODAY, rules.ACTION_DONE)
    assert not rules.is_overdue(TODAY + timedelta(days=1), "open", TODAY, rules.ACTION_DONE)


def test_no_due_date_is_never_overdue() -> None:
    assert rules.is_overdue(None, "open", TODAY, rules.ACTION_DONE) is False


@pytest.mark.parametrize(
    ("status", "overdue"),
    [
        ("awaiting-review", True),
        ("being-progressed", True),
        ("pending-sign-off", False),
        ("complete", False),
        ("superseded", False),
        ("no-action", False),
    ],
)
def test_a_finding_pending_sign_off_is_never_overdue(status: str, overdue: bool) -> None:
    long_ago = date(2020, 1, 1)
    assert rules.is_overdue(long_ago, status, TODAY, rules.FINDING_DONE) is overdue


@pytest.mark.parametrize(
    ("status", "overdue"),
    [
        ("open", True),
        ("in-progress", True),
        ("complete", False),
        ("closed", False),
        ("superseded", False),
    ],
)
def test_only_live_actions_fall_overdue(status: str, overdue: bool) -> None:
    assert rules.is_overdue(date(2020, 1, 1), status, TODAY, rules.ACTION_DONE) is overdue


@RULES
@given(days, days)
def test_overdue_exactly_when_due_is_before_today(due: date, today: date) -> None:
    assert rules.is_overdue(due, "open", today, rules.ACTION_DONE) is (due < today)
    assert rules.days_overdue(due, today) == (today - due).days
    assert (rules.days_overdue(due, today) > 0) is (due < today)


def test_days_overdue_edges() -> None:
    assert rules.days_overdue(TODAY, TODAY) == 0
    assert rules.days_overdue(TODAY - timedelta(days=1), TODAY) == 1
    assert rules.days_overdue(TODAY + timedelta(days=1), TODAY) == -1


def test_current_due_is_the_extension_if_any() -> None:
    due, revised = date(2026, 1, 1), date(2026, 6, 1)
    assert rules.current_due(due, revised) == revised
    assert rules.current_due(due, None) == due
    assert rules.current_due(None, revised) == revised
    assert rules.current_due(None, None) is None


# --- SQL expressions (SQLAlchemy) -------------------------------------------------------------
def _ids(conn: Connection, where: ColumnElement[bool]) -> set[int]:
    return set(conn.execute(select(items.c.id).where(where)).scalars())


def test_overdue_sql_agrees_with_python(actions: Connection) -> None:
    where = rules.overdue_sql(
        items.c.due, items.c.revised, items.c.status, TODAY, rules.ACTION_DONE
    )
    assert _ids(actions, where) == OVERDUE
    python = {
        i
        for i, due, revised, status in ACTIONS
        if rules.is_overdue(rules.current_due(due, revised), status, TODAY, rules.ACTION_DONE)
    }
    assert python == OVERDUE


def test_overdue_sql_is_false_not_null_so_it_can_be_negated(actions: Connection) -> None:
    # Like is_overdue(), the twin says False for an item with no due date, never NULL: so
    # "not overdue" finds every other item, the undated ones included.
    where = rules.overdue_sql(
        items.c.due, items.c.revised, items.c.status, TODAY, rules.ACTION_DONE
    )
    assert _ids(actions, not_(where)) == {i for i, *_ in ACTIONS} - OVERDUE
    undated = actions.execute(select(where).where(items.c.id == 5)).scalar_one()
    assert undated is not None and not undated


def test_overdue_sql_without_a_revised_column(actions: Connection) -> None:
    where = rules.overdue_sql(items.c.due, None, items.c.status, TODAY, rules.ACTION_DONE)
    assert _ids(actions, where) == OVERDUE_IGNORING_REVISED


def test_overdue_sql_for_findings(findings: Connection) -> None:
    where = rules.overdue_sql(
        items.c.due, items.c.revised, items.c.status, TODAY, rules.FINDING_DONE
    )
    assert _ids(findings, where) == FINDINGS_OVERDUE


def test_current_due_sql_without_a_revised_column_is_the_column_itself() -> None:
    # Not coalesce(NULL, due): a bare column lets the database use an index on it.
    assert rules.current_due_sql(items.c.due) is items.c.due
    assert rules.current_due_sql(items.c.due, None) is items.c.due


def test_current_due_sql(actions: Connection) -> None:
    both = rules.current_due_sql(items.c.due, items.c.revised)
    only_due = rules.current_due_sql(items.c.due)
    rows = actions.execute(select(items.c.id, both, only_due).order_by(items.c.id)).all()
    for (i, due, revised, _), row in zip(ACTIONS, rows, strict=True):
        assert tuple(row) == (i, rules.current_due(due, revised), due)


# --- SQL text ---------------------------------------------------------------------------------
def test_not_done_text() -> None:
    assert (
        rules.not_done_text("a.status", rules.ACTION_DONE)
        == "a.status NOT IN ('closed', 'complete', 'superseded')"
    )
    assert rules.not_done_text("status", frozenset({"x"})) == "status NOT IN ('x')"


def test_current_due_text() -> None:
    assert rules.current_due_text("due_date") == "due_date"
    assert rules.current_due_text("due_date", None) == "due_date"
    assert rules.current_due_text("due_date", "revised") == "coalesce(revised, due_date)"


def test_overdue_or_soon_text() -> None:
    assert rules.overdue_or_soon_text("d", "r", "s", frozenset({"closed"})) == (
        "coalesce(r, d) IS NOT NULL AND coalesce(r, d) <= :horizon AND s NOT IN ('closed')"
    )
    assert rules.overdue_or_soon_text("d", None, "s", frozenset({"closed"})) == (
        "d IS NOT NULL AND d <= :horizon AND s NOT IN ('closed')"
    )


def test_overdue_or_soon_text_runs(actions: Connection) -> None:
    where = rules.overdue_or_soon_text("due", "revised", "status", rules.ACTION_DONE)
    found = actions.execute(
        text(f"SELECT id FROM items WHERE {where}"), {"horizon": HORIZON.isoformat()}
    )
    assert set(found.scalars()) == OVERDUE_OR_SOON
