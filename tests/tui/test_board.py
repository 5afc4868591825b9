"""The action log through the pilot: add, edit, update, extend, propose and accept completion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select
from textual.widgets import Checkbox, DataTable, Label, Select, SelectionList

from assure.core import db
from assure.core.actor import Actor
from assure.models import Action, Extension, Update
from assure.tui.dialogs.form import FormModal
from assure.tui.widgets.paged_table import PagedTable
from tests.tui.conftest import SIZE, fill, form_submit, make_app, settle, until


def action(path: Path, ref: str) -> Action:
    with Session(db.make_engine(str(path))) as s:
        found = s.exec(select(Action).where(Action.ref == ref)).one()
        return found


def choose_row(app, ref: str) -> None:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#actions", DataTable)
    for index in range(table.row_count):
        if str(table.get_row_at(index)[1]) == ref:
            table.move_cursor(row=index)
            return
    raise AssertionError(f"{ref} is not on the page")


async def test_add_then_edit_an_action(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        title = "Report the custody detention times by month"
        await form_submit(pilot, "a", title=title, owner="Lisa Grant", due_date="30 June 2026")
        assert not isinstance(app.screen, FormModal)
        with Session(db.make_engine(str(demo_copy))) as s:
            added = s.exec(select(Action).where(col(Action.title) == title)).one()
        assert added.due_date == date(2026, 6, 30) and added.status == "open"
        await pilot.press("/")
        await pilot.press(*"custody")
        table = app.screen.query_one("#actions", DataTable)
        await until(pilot, lambda: table.row_count == 1, "the search left one action")
        assert str(table.get_row_at(0)[1]) == added.ref
        await pilot.press("escape")
        await form_submit(pilot, "enter", title=title + " and by site")
    assert action(demo_copy, added.ref).title.endswith("by site")


async def test_a_bad_date_is_refused_with_a_message_and_nothing_written(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await form_submit(
            pilot, "a", title="An action with a bad date", owner="Lisa Grant", due_date="31/02/2026"
        )
        assert isinstance(app.screen, FormModal)  # still open: nothing saved
        message = str(app.screen.query_one("#e-due_date", Label).render())
        assert "not a date" in message
    with Session(db.make_engine(str(demo_copy))) as s:
        query = select(Action).where(Action.title == "An action with a bad date")
        assert s.exec(query).first() is None


async def test_update_extend_propose_and_accept(demo_copy: Path) -> None:
    ref = "BCB-2026-03-02"
    before = action(demo_copy, ref)
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        choose_row(app, ref)
        await form_submit(pilot, "u", text="Referral figures received from the regional CT unit")
        choose_row(app, ref)
        await form_submit(
            pilot, "x", new_due="30/06/2026", reason="Waiting for the regional return"
        )
        choose_row(app, ref)
        await form_submit(pilot, "g", decision="grant", agreed_by="The Chair")
        choose_row(app, ref)
        await form_submit(pilot, "c", text="Briefing given at the June board")
        choose_row(app, ref)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    after = action(demo_copy, ref)
    assert after.status == "closed" and after.closed_on is not None
    assert after.due_date == before.due_date  # the original due date is kept
    assert after.revised_due_date == date(2026, 6, 30)
    with Session(db.make_engine(str(demo_copy))) as s:
        query = select(Update).where(Update.record_type == "action", Update.record_id == after.id)
        notes = s.exec(query).all()
        texts = [n.text for n in notes]
        assert "Referral figures received from the regional CT unit" in texts
        assert "Briefing given at the June board" in texts
        ext = s.exec(select(Extension).where(Extension.action_id == after.id)).all()
        assert [e.decision for e in ext][-1] == "granted"


async def test_a_viewer_sees_no_edit_keys_and_cannot_add(demo_copy: Path) -> None:
    app = make_app(demo_copy, Actor("Visitor", "viewer"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert "a" not in shown and "u" not in shown
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)


async def test_paging_and_overdue_filter(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        register = app.screen.query_one(PagedTable)
        table = register.table
        live = table.row_count
        app.screen.query_one("#status", Select).value = "all"
        await until(pilot, lambda: table.row_count > live, "all actions, closed ones too")
        assert table.row_count == 45 or table.row_count == 50
        app.screen.query_one("#overdue", Checkbox).value = True
        await until(pilot, lambda: table.row_count < 45, "only overdue actions")
        markers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert markers and all(m == "! OVERDUE" for m in markers)


async def test_add_a_meeting_and_an_agenda_item(demo_copy: Path) -> None:
    from assure.models import AgendaItem, Meeting

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await form_submit(pilot, "M", held_on="2 June 2026", title="June 2026 meeting")
        meetings = app.screen.query_one("#meetings", DataTable)
        assert str(meetings.get_row_at(0)[0]) == "02/06/2026"
        meetings.focus()
        meetings.move_cursor(row=0)
        await form_submit(pilot, "I", agenda_item="Violence against women and girls delivery plan")
        agenda = str(app.screen.query_one("#agenda").render())
        assert "1. Violence against women and girls delivery plan" in agenda
    with Session(db.make_engine(str(demo_copy))) as s:
        meeting = s.exec(select(Meeting).where(Meeting.held_on == date(2026, 6, 2))).one()
        items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    assert [i.title for i in items] == ["Violence against women and girls delivery plan"]


async def test_enter_on_a_meeting_corrects_it_and_its_agenda(demo_copy: Path) -> None:
    from assure.models import AgendaItem, Meeting

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        meetings = app.screen.query_one("#meetings", DataTable)
        meetings.focus()
        meetings.move_cursor(row=1)
        await settle(pilot)
        chosen = int(str(meetings.coordinate_to_cell_key(meetings.cursor_coordinate).row_key.value))
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        with Session(db.make_engine(str(demo_copy))) as s:
            first = s.exec(
                select(AgendaItem).where(AgendaItem.meeting_id == chosen, AgendaItem.number == 1)
            ).one()
        fill(app, title="Corrected meeting title", **{f"agenda_{first.id}": "Corrected item"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        row = meetings.coordinate_to_cell_key(meetings.cursor_coordinate).row_key.value
        assert int(str(row)) == chosen  # the cursor stays on the meeting it corrected
        assert "1. Corrected item" in str(app.screen.query_one("#agenda").render())
    with Session(db.make_engine(str(demo_copy))) as s:
        meeting = s.get(Meeting, chosen)
        item = s.get(AgendaItem, first.id)
    assert meeting is not None and meeting.title == "Corrected meeting title"
    assert item is not None and item.title == "Corrected item"


async def test_after_a_save_the_next_key_acts_on_the_same_action(demo_copy: Path) -> None:
    """On the fourth action: a progress update, then `x` names that action, not row 1."""
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        table = app.screen.query_one("#actions", DataTable)
        await pilot.press("down", "down", "down")
        fourth = str(table.get_row_at(3)[1])
        await form_submit(pilot, "u", text="Figures received from the force")
        assert table.cursor_row == 3 and str(table.get_row_at(3)[1]) == fourth
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        assert app.screen.heading == f"Request an extension: {fourth}"
    assert action(demo_copy, fourth).status == "in-progress"


async def test_an_accepted_completion_shows_closed_at_once(demo_copy: Path) -> None:
    ref = "BCB-2026-03-02"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        choose_row(app, ref)
        await form_submit(pilot, "c", text="Referral figures presented to the board")
        choose_row(app, ref)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("y")  # yes, close it
        await settle(pilot)
        table = app.screen.query_one("#actions", DataTable)
        row = table.get_row_at(table.cursor_row)
        assert str(row[1]) == ref and str(row[-1]) == "Closed"
    assert action(demo_copy, ref).status == "closed"


async def test_the_edit_form_cannot_move_the_original_due_date(demo_copy: Path) -> None:
    ref = "BCB-2025-12-01"  # overdue: an edit must not make it stop being overdue
    before = action(demo_copy, ref)
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        choose_row(app, ref)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        assert not app.screen.query("Input#f-due_date")  # shown as a note, not a field
        fill_title = before.title + " (by force area)"
        fill(app, title=fill_title)
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = action(demo_copy, ref)
    assert after.title == fill_title and after.due_date == before.due_date


async def test_an_action_is_linked_where_it_came_from_with_a_new_owner(demo_copy: Path) -> None:
    from assure.models import ActionThreat, AgendaItem, Person, Threat

    with Session(db.make_engine(str(demo_copy))) as s:
        item = s.exec(select(AgendaItem).order_by(col(AgendaItem.id).desc())).first()
        threat = s.exec(select(Threat).where(Threat.code == "vawg")).first()
        assert item is not None and threat is not None
        item_id, meeting_id, threat_id = item.id, item.meeting_id, threat.id
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        fill(app, title="Report stalking protection orders by month", due_date="30/06/2026",
             new_owner="Nadia Briggs", agenda_item=item_id)  # fmt: skip
        app.screen.query_one("#f-threats", SelectionList).select(threat_id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    with Session(db.make_engine(str(demo_copy))) as s:
        added = s.exec(select(Action).where(Action.title.startswith("Report stalking"))).one()
        owner = s.get(Person, added.owner_id)
        links = s.exec(select(ActionThreat).where(ActionThreat.action_id == added.id)).all()
    assert owner is not None and owner.name == "Nadia Briggs"
    assert added.agenda_item_id == item_id and added.meeting_id == meeting_id
    assert [link.threat_id for link in links] == [threat_id]


async def test_supersede_keeps_the_action_with_its_reason(demo_copy: Path) -> None:
    ref = "BCB-2026-04-02"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        choose_row(app, ref)
        await form_submit(pilot, "S", text="Replaced by the budget action of the May board")
        table = app.screen.query_one("#actions", DataTable)
        assert str(table.get_row_at(table.cursor_row)[-1]) == "Superseded"
    after = action(demo_copy, ref)
    assert after.status == "superseded" and after.closed_on is not None
    with Session(db.make_engine(str(demo_copy))) as s:
        notes = s.exec(select(Update).where(Update.record_id == after.id)).all()
    assert "Replaced by the budget action of the May board" in [n.text for n in notes]


async def test_a_header_orders_the_log_in_the_database(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        register = app.screen.query_one(PagedTable)
        shown = register.pages_shown
        register.post_message(PagedTable.Sort("owner"))
        await until(pilot, lambda: register.pages_shown > shown, "the log ordered by owner")
        await settle(pilot)
        owners = [str(register.table.get_row_at(i)[3]) for i in range(register.table.row_count)]
    assert owners == sorted(owners) and len(set(owners)) > 1


async def test_plan_sorts_by_a_clicked_column_and_keeps_the_cursor(demo_copy: Path) -> None:
    from textual.widgets import DataTable as Table

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one("#priorities", Table)
        await pilot.click("#priorities", offset=(60, 0))  # the "priority" header
        await settle(pilot)
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert titles == sorted(titles, key=str.casefold)


async def test_the_palette_jumps_to_an_action_by_its_ref(demo_copy: Path) -> None:
    from textual.command import CommandList, CommandPalette

    ref = "BCB-2025-12-03"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*ref)
        hits = app.screen.query_one(CommandList)

        def offered() -> bool:
            prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
            return any(f"Open {ref}" in prompt for prompt in prompts)

        await until(pilot, offered, "the action among the palette's hits")
        await pilot.press("enter")
        await until(pilot, lambda: app.current_mode == "board", "the Board")
        table = app.screen.query_one("#actions", DataTable)
        await until(pilot, lambda: table.row_count == 1, "only that action")
        assert str(table.get_row_at(0)[1]) == ref


async def test_a_progress_note_keeps_its_lines(demo_copy: Path) -> None:
    ref = "BCB-2026-03-02"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await settle(pilot)
        choose_row(app, ref)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press(*"Figures in.", "enter", *"Briefing booked.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    with Session(db.make_engine(str(demo_copy))) as s:
        notes = s.exec(select(Update).where(Update.record_id == action(demo_copy, ref).id)).all()
    assert "Figures in.\nBriefing booked." in [n.text for n in notes]
