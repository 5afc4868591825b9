"""The action log in pages: more rows than a page, read page by page.

Page 2 starts where page 1 ended, no row shows twice, every row shows once, and the total and
the "more" flag are right on every page, with the filters applied in the database.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.services import people
from assure.services.board import actions as board
from assure.services.board.queries import ActionFilter, actions_count, actions_page
from tests.conftest import OFFICER, TODAY

LIMIT = 4


def fill(engine: Engine) -> list[str]:
    """Eleven live actions (three pages of four) and two closed; return the live refs in order."""
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Rachel Hume")
        people.add_person(s, OFFICER, "David Kerr")
        # due dates repeat so that the order within a day (by ref) is tested too
        for n in range(11):
            board.add_action(
                s, OFFICER, title=f"Action {n:02d}", owner="Rachel Hume" if n % 2 else "David Kerr",
                due_date=TODAY + timedelta(days=(n * 7) % 5), today=TODAY,
            )  # fmt: skip
        for n in range(2):
            done = board.add_action(
                s, OFFICER, title=f"Closed {n}", owner="Rachel Hume", due_date=TODAY, today=TODAY
            )
            board.supersede(s, OFFICER, done, "Replaced", TODAY)
    with Session(engine) as s:
        everything = actions_page(s, TODAY, ActionFilter(), 0, 100)
    return [r.ref for r in everything.rows]


def pages(engine: Engine, filt: ActionFilter, limit: int = LIMIT) -> list[list[str]]:
    found: list[list[str]] = []
    offset = 0
    with Session(engine) as s:
        total = actions_count(s, TODAY, filt)
        while True:
            page = actions_page(s, TODAY, filt, offset, limit)
            assert page.total == total and (page.offset, page.limit) == (offset, limit)
            found.append([r.ref for r in page.rows])
            if not page.more:
                break
            assert len(page.rows) == limit  # a page that says "more" is full
            offset += len(page.rows)
    return found


def test_pages_follow_on_without_repeating_or_missing_a_row(engine: Engine) -> None:
    live = fill(engine)
    assert len(live) == 11 and len(set(live)) == 11
    got = pages(engine, ActionFilter())
    assert [len(p) for p in got] == [4, 4, 3]
    assert [ref for page in got for ref in page] == live  # page 2 starts where page 1 ended
    assert got[1][0] == live[LIMIT]


def test_the_log_is_ordered_by_due_date_then_ref(engine: Engine) -> None:
    fill(engine)
    with Session(engine) as s:
        rows = actions_page(s, TODAY, ActionFilter(), 0, 100).rows
    assert [(r.due, r.ref) for r in rows] == sorted((r.due, r.ref) for r in rows)
    assert rows[0].due == TODAY and rows[-1].due == TODAY + timedelta(days=4)


def test_a_page_that_exactly_fills_says_no_more(engine: Engine) -> None:
    fill(engine)
    with Session(engine) as s:
        last = actions_page(s, TODAY, ActionFilter(), 8, 3)
        assert (len(last.rows), last.more, last.total) == (3, False, 11)
        assert last.label == "9-11 of 11"
        beyond = actions_page(s, TODAY, ActionFilter(), 11, 3)
        assert (beyond.rows, beyond.more, beyond.label) == ([], False, "no rows")
        uncounted = actions_page(s, TODAY, ActionFilter(), 4, 4, count=False)
        assert (uncounted.total, uncounted.more, uncounted.label) == (None, True, "5-8 of more")


def test_filters_page_and_count_alike(engine: Engine) -> None:
    live = fill(engine)
    everyone = ActionFilter(status="all")
    every = [ref for page in pages(engine, everyone) for ref in page]
    assert len(every) == 13 and set(live) < set(every)
    hers = ActionFilter(owner="rachel")
    mine = [ref for page in pages(engine, hers, limit=2) for ref in page]
    assert len(mine) == len(set(mine)) == 5
    superseded = ActionFilter(status="superseded")
    assert [len(p) for p in pages(engine, superseded, limit=1)] == [1, 1]
    text = ActionFilter(text="ACTION 0")
    assert len([ref for page in pages(engine, text, limit=3) for ref in page]) == 10


def test_the_overdue_filter_pages_only_late_rows(engine: Engine) -> None:
    fill(engine)
    later = TODAY + timedelta(days=3)  # due on TODAY..TODAY+2 are late by then
    with Session(engine) as s:
        rows = actions_page(s, later, ActionFilter(overdue=True), 0, 100).rows
        count = actions_count(s, later, ActionFilter(overdue=True))
    assert rows and all(r.overdue and r.due < later for r in rows)
    assert count == len(rows)
    with Session(engine) as s:
        late = {r.ref for r in actions_page(s, later, ActionFilter(), 0, 100).rows if r.overdue}
    assert late == {r.ref for r in rows}
