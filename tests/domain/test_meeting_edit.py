"""Correcting a meeting and its agenda: one save, audited, refused whole when any part is bad."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from assure.core import db
from assure.core.db import Store
from assure.core.errors import ConflictError, ValidationError
from assure.models import Action, AgendaItem, AuditEntry, Meeting
from assure.services import history, people
from assure.services.board import usecases as board
from tests.conftest import OFFICER, TODAY


def _meeting(store: Store) -> tuple[int, list[int]]:
    row = board.add_meeting(store, OFFICER, "21/04/2026", "April meeting", "")
    items = [board.add_agenda_item(store, OFFICER, row.id, t).id for t in ("Cyber", "VAWG")]
    return row.id, items


def test_a_meeting_and_its_agenda_are_corrected_in_one_save(engine: Engine) -> None:
    store = Store(engine=engine)
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Lisa Grant")
    meeting_id, items = _meeting(store)
    added = board.add_action(
        store, OFFICER, TODAY, title="Brief the board", owner="Lisa Grant",
        due_date="30/06/2026", meeting_id=meeting_id,
    )  # fmt: skip

    row = board.edit_meeting(
        store, OFFICER, TODAY, meeting_id, version=1, held_on="22 April 2026",
        title="April 2026 meeting", board="", agenda={items[0]: "Cyber resilience"},
    )  # fmt: skip

    assert (row.held_on, row.title, row.actions) == (date(2026, 4, 22), "April 2026 meeting", 1)
    view = board.meeting(store, OFFICER, meeting_id)
    assert view.version == 2
    assert [a.title for a in view.agenda] == ["Cyber resilience", "VAWG"]
    with db.session_scope(engine) as s:
        action = s.exec(select(Action).where(Action.id == added.id)).one()
        assert action.ref == added.ref  # its ref came from the old date and stays
    trail = history.history(store, OFFICER, "meeting", meeting_id).audit
    assert {(r.field, r.new) for r in trail if r.operation == "update"} == {
        ("held on", "22/04/2026"),
        ("title", "April 2026 meeting"),
    }
    item_trail = history.history(store, OFFICER, "agendaitem", items[0]).audit
    assert [r.new for r in item_trail if r.operation == "update"] == ["Cyber resilience"]


def _count(engine: Engine) -> int:
    with db.session_scope(engine) as s:
        return len(list(s.exec(select(AuditEntry))))


@pytest.mark.parametrize("bad", ["date taken", "blank item", "item elsewhere", "stale"])
def test_a_bad_correction_changes_nothing(engine: Engine, bad: str) -> None:
    store = Store(engine=engine)
    meeting_id, items = _meeting(store)
    other = board.add_meeting(store, OFFICER, "10/03/2026", "March meeting", "")
    elsewhere = board.add_agenda_item(store, OFFICER, other.id, "Elsewhere").id
    if bad == "stale":
        board.edit_meeting(
            store, OFFICER, TODAY, meeting_id, version=1, held_on="21/04/2026",
            title="Renamed", board="",
        )  # fmt: skip
    before = _count(engine)
    values: dict[str, object] = {
        "held_on": "10/03/2026" if bad == "date taken" else "23/04/2026",
        "title": "Changed",
        "board": "",
        "agenda": {items[0]: "   "} if bad == "blank item"
        else {elsewhere: "Moved"} if bad == "item elsewhere"
        else {items[1]: "Changed too"},
    }  # fmt: skip
    expected = ConflictError if bad == "stale" else ValidationError
    with pytest.raises(expected):
        board.edit_meeting(store, OFFICER, TODAY, meeting_id, version=1, **values)  # type: ignore[arg-type]
    assert _count(engine) == before
    with db.session_scope(engine) as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None and meeting.held_on == date(2026, 4, 21)
        titles = [i.title for i in s.exec(select(AgendaItem).order_by(col(AgendaItem.id)))]
        assert titles == ["Cyber", "VAWG", "Elsewhere"]
