"""The cross-register due list: every kind, the edges of overdue and due soon, owners, order."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.services import people
from assure.services.board import actions as board
from assure.services.inspections import findings as inspections
from assure.services.plan import priorities as plan
from assure.services.reminders import due
from tests.conftest import OFFICER, TODAY


def _setup(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Rachel Hume", email="rachel@x.example")
        people.add_person(s, OFFICER, "Sarah Okafor", email="sarah@x.example")
        for title, due_on in [
            ("due yesterday", TODAY - timedelta(days=1)),
            ("due today", TODAY),
            ("due in 14", TODAY + timedelta(days=14)),
            ("due in 15", TODAY + timedelta(days=15)),
        ]:
            board.add_action(
                s,
                OFFICER,
                title=title,
                owner="Rachel Hume",
                due_date=due_on,
                today=TODAY - timedelta(days=60),
            )
        done = board.add_action(
            s,
            OFFICER,
            title="closed long ago",
            owner="Rachel Hume",
            due_date=TODAY - timedelta(days=40),
            today=TODAY - timedelta(days=60),
        )
        board.propose_completion(s, OFFICER, done, "done", TODAY - timedelta(days=41))
        ext = board.add_action(
            s,
            OFFICER,
            title="extended",
            owner="Sarah Okafor",
            due_date=TODAY - timedelta(days=10),
            today=TODAY - timedelta(days=60),
        )
        board.extend(
            s,
            OFFICER,
            ext,
            TODAY + timedelta(days=5),
            "data late",
            "Alex Morgan",
            TODAY - timedelta(days=12),
        )
        report = inspections.add_inspection(
            s,
            OFFICER,
            title="Thematic",
            kind="thematic",
            published_on=TODAY - timedelta(days=50),
            response_owner="Sarah Okafor",
        )
        inspections.add_finding(
            s,
            OFFICER,
            report,
            ref="AFI1",
            kind="area-for-improvement",
            text="Improve it",
            force_lead="Rachel Hume",
            target_date=TODAY - timedelta(days=3),
        )
        inspections.add_finding(
            s,
            OFFICER,
            report,
            ref="AFI2",
            kind="area-for-improvement",
            text="Done",
            force_lead="Rachel Hume",
            target_date=TODAY - timedelta(days=3),
            status="complete",
        )
        priority = plan.get_priority(s, 1)
        plan.set_leads(
            s, OFFICER, priority, opcc_lead="Sarah Okafor", update_due=TODAY + timedelta(days=2)
        )


def test_due_items_cover_every_kind_at_the_edges(engine: Engine) -> None:
    _setup(engine)
    with Session(engine) as s:
        items = due.due_items(s, TODAY, 14)
    titles = {i.title for i in items}
    assert {"due yesterday", "due today", "due in 14", "extended"} <= titles
    assert not {"due in 15", "closed long ago"} & titles
    by_kind = {i.kind for i in items}
    assert by_kind == {"action", "finding", "response", "priority"}
    yesterday = next(i for i in items if i.title == "due yesterday")
    today = next(i for i in items if i.title == "due today")
    assert (yesterday.days_overdue, yesterday.overdue) == (1, True)
    assert (today.days_overdue, today.overdue) == (0, False)
    extended = next(i for i in items if i.title == "extended")
    assert extended.due_date == TODAY + timedelta(days=5)
    assert extended.original_due_date == TODAY - timedelta(days=10)
    assert extended.days_overdue == -5
    response = next(i for i in items if i.kind == "response")
    assert response.due_date == TODAY - timedelta(days=50) + timedelta(days=55)
    assert [i.ref for i in items if i.kind == "finding"] == ["AFI1"]


def test_due_items_most_overdue_first_and_by_owner(engine: Engine) -> None:
    _setup(engine)
    with Session(engine) as s:
        items = due.due_items(s, TODAY, 14)
        only = due.due_items(s, TODAY, 14, owner="Sarah Okafor")
    assert [i.days_overdue for i in items] == sorted((i.days_overdue for i in items), reverse=True)
    assert {i.owner for i in only} == {"Sarah Okafor"} and len(only) == 3
    groups = due.by_owner(items)
    assert next(iter(groups)) == "Rachel Hume"  # owns the most overdue item
    assert items[0].as_json()["due_date"] == items[0].due_date.isoformat()


def test_fast_path_matches_session_path(engine: Engine, db_path: Path) -> None:
    _setup(engine)
    with Session(engine) as s:
        slow = due.due_items(s, TODAY, 14)
    fast = due.due_items_sqlite(db_path, TODAY, 14)
    assert fast == slow
    assert due.due_items_sqlite(db_path, TODAY, 14, owner="Nobody") == []
