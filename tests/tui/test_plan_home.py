"""Home and Plan through the pilot: what they show comes from use cases; saves keep the cursor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select
from textual.widgets import DataTable, Static

from assure.core import db
from assure.core.actor import Actor
from assure.models import AuditEntry, Office, Priority, Update
from assure.services.inspections import findings as inspections
from assure.tui.dialogs.form import FormModal
from tests.conftest import OFFICER, TODAY
from tests.tui.conftest import SIZE, fill, form_submit, make_app, settle


def priority(path: Path, title: str) -> Priority:
    with Session(db.make_engine(str(path))) as s:
        return s.exec(select(Priority).where(Priority.title == title)).one()


async def test_home_shows_finding_statuses_by_their_labels(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        findings = str(app.screen.query_one("#findings", Static).render())
    assert "Being progressed" in findings and "being-progressed" not in findings


async def test_home_names_an_s55_step_not_its_code(demo_copy: Path) -> None:
    published = TODAY - timedelta(days=70)
    with Session(db.make_engine(str(demo_copy))) as s:
        report = inspections.add_inspection(
            s, OFFICER, title="Vetting 2026", kind="thematic", published_on=published,
            response_owner="Priya Shah", response_published_on=published + timedelta(days=50),
        )  # fmt: skip
        inspections.add_finding(s, OFFICER, report, ref="R1", kind="recommendation", text="Do.")
        s.commit()
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#due", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    kinds = {row[2].strip() for row in rows if "Finish the s55" in " ".join(row)}
    assert kinds == {"s55 step"}, rows


async def test_a_plan_update_is_saved_and_the_cursor_stays(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one("#priorities", DataTable)
        await pilot.press("down", "down", "down")
        title = str(table.get_row_at(3)[1])
        await form_submit(pilot, "u", text="Neighbourhood pilot started", rag="amber")
        assert not isinstance(app.screen, FormModal)
        assert table.cursor_row == 3 and str(table.get_row_at(3)[1]) == title
        assert str(table.get_row_at(3)[4]) == "Amber"
    saved = priority(demo_copy, title)
    assert saved.rag == "amber"
    with Session(db.make_engine(str(demo_copy))) as s:
        notes = s.exec(
            select(Update).where(Update.record_type == "priority", Update.record_id == saved.id)
        ).all()
    assert "Neighbourhood pilot started" in [n.text for n in notes]


async def test_a_viewer_has_no_plan_edit_keys(demo_copy: Path) -> None:
    app = make_app(demo_copy, Actor("Visitor", "viewer"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert "u" not in shown and "l" not in shown and "y" in shown
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)


async def test_pagedown_shows_the_next_page_of_evidence(demo_copy: Path) -> None:
    from assure.tui.widgets.paged_table import PagedTable
    from tests.tui.conftest import until

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await settle(pilot)
        register = app.screen.query_one(PagedTable)
        register.page_size = 10  # the demo's 34 items make four pages of ten
        shown = register.pages_shown
        register.reload(first=True)
        await until(pilot, lambda: register.pages_shown > shown, "pages of ten")
        assert register.page is not None and register.page.more
        first = {r.id for r in register.page.rows}
        await pilot.press("pagedown")
        await until(pilot, lambda: register.page_offset == 10, "the second page")
        await settle(pilot)
        second = {r.id for r in register.page.rows}
        assert second and not first & second
        await pilot.press("pageup")
        await until(pilot, lambda: register.page_offset == 0, "back to the first page")


async def test_a_first_run_says_what_to_do_first(tmp_path: Path) -> None:
    from assure.core import db as dbmod
    from assure.services.setup import initialise

    path = tmp_path / "new.db"
    initialise(dbmod.make_engine(str(path)))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # a new database names no force: the header does not claim one, and the app asks once
        assert app.sub_title.startswith("office not yet named")
        form = app.screen
        assert isinstance(form, FormModal)
        fill(app, force_name="Kent Police", area_name="Kent", pcc_name="Matthew Scott")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        assert app.sub_title.startswith("Kent · ")
        start = app.screen.query_one("#start", Static)
        assert start.display and "Nothing is recorded yet" in str(start.render())
    reopened = make_app(path)
    async with reopened.run_test(size=SIZE) as pilot:
        await settle(pilot)  # named once: the next run does not ask again
        assert not isinstance(reopened.screen, FormModal)
        assert reopened.sub_title.startswith("Kent · ")
    with Session(dbmod.make_engine(str(path))) as s:
        names = s.exec(select(Office)).one()
        trail = s.exec(select(AuditEntry).where(AuditEntry.record_type == "office")).all()
    assert (names.force_name, names.area_name, names.pcc_name) == (
        "Kent Police", "Kent", "Matthew Scott",
    )  # fmt: skip
    assert {t.field for t in trail} >= {"force_name", "area_name", "pcc_name"}


async def test_the_demo_is_named_and_asks_nothing(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        assert app.sub_title.startswith("Anyshire · ")


async def test_home_says_nothing_of_first_steps_once_records_exist(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#start", Static).display


async def test_the_chosen_theme_is_remembered(
    demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSURE_PREFS", str(tmp_path / "app.toml"))
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    again = make_app(demo_copy)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
