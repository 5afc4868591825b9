"""Every screen opens, has help, is in the command palette; evidence changes the coverage grid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from textual.pilot import Pilot
from textual.widgets import (
    DataTable,
    Input,
    OptionList,
    SelectionList,
    Static,
    TextArea,
    Tree,
)

from assure.core import db
from assure.models import Action, Evidence, EvidenceThreat, Finding, Person
from assure.tui.dialogs.form import FormModal
from assure.tui.dialogs.help import HelpModal
from assure.tui.screens import SCREENS
from tests.tui.conftest import SIZE, fill, form_submit, make_app, settle


async def test_every_screen_opens_by_its_key_and_has_help(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for name, spec in SCREENS.items():
            await pilot.press(spec.key)
            await settle(pilot)
            assert type(app.screen).__name__ == spec.cls, name
            help_text = type(app.screen).HELP
            assert help_text is not None and len(help_text) > 80
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpModal)
            await pilot.press("escape")
            await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert all(f"Go to {spec.title}" in titles for spec in SCREENS.values())


def coverage_cell(app, threat: str, dimension: str) -> str:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#coverage", DataTable)
    columns = [str(c.label) for c in table.columns.values()]
    for index in range(table.row_count):
        row = table.get_row_at(index)
        if str(row[0]) == threat:
            return str(row[columns.index(dimension)])
    raise AssertionError(threat)


async def test_recording_evidence_changes_the_coverage_grid(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = coverage_cell(app, "A national cyber incident", "Consistency")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        form.query_one("#f-title", Input).value = "Cyber incident exercise with the regional unit"
        form.query_one("#f-occurred_on", Input).value = "12 May 2026"
        threats = form.query_one("#f-threats", SelectionList)
        dims = form.query_one("#f-dimensions", SelectionList)
        for index in range(threats.option_count):
            if str(threats.get_option_at_index(index).prompt) == "A national cyber incident":
                threats.select(threats.get_option_at_index(index).value)
        for index in range(dims.option_count):
            if str(dims.get_option_at_index(index).prompt) == "Consistency":
                dims.select(dims.get_option_at_index(index).value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        await pilot.press("h")
        await settle(pilot)
        after = coverage_cell(app, "A national cyber incident", "Consistency")
    assert after != before
    assert int(after) == (0 if before == "GAP" else int(before)) + 1
    with Session(db.make_engine(str(demo_copy))) as s:
        query = select(Evidence).where(col(Evidence.title).startswith("Cyber incident exercise"))
        assert s.exec(query).one()


async def test_add_a_person(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-name", Input).value = "Ade Okonjo"
        form.query_one("#f-email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)  # the bad e-mail is refused
        form.query_one("#f-email", Input).value = "ade.okonjo@anyshire-pcc.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    with Session(db.make_engine(str(demo_copy))) as s:
        person = s.exec(select(Person).where(Person.name == "Ade Okonjo")).one()
    assert person.email == "ade.okonjo@anyshire-pcc.example"


async def test_set_a_finding_status_from_the_tree(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        target = None
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and isinstance(node.data, int):
                target = node
                break
        assert target is not None
        tree.move_cursor(target)
        await pilot.press("u")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        form.query_one("#f-status").value = "being-progressed"  # type: ignore[attr-defined]
        form.query_one("#f-note", Input).value = "Plan agreed with the force lead"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        cursor = tree.cursor_node  # the tree was rebuilt: the cursor is back on the finding
        assert cursor is not None and cursor.data == target.data
    with Session(db.make_engine(str(demo_copy))) as s:
        finding = s.get(Finding, target.data)
    assert finding is not None and finding.status == "being-progressed"


async def test_statement_screen_lists_gaps_and_builds(
    demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assure.core.config.EXPORTS_DIR", tmp_path / "exports")
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        gaps = app.screen.query_one("#gaps", OptionList)
        listed = [str(gaps.get_option_at_index(n).prompt) for n in range(gaps.option_count)]
        assert any("A national cyber incident" in line for line in listed)
        await pilot.press("B")
        await settle(pilot)
    assert sorted(p.suffix for p in (tmp_path / "exports").iterdir()) == [".docx", ".html", ".md"]


async def test_record_an_assessment_on_the_threats_screen(demo_copy: Path) -> None:
    from assure.models import Assessment

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        form.query_one("#f-dimension").value = "connectivity"  # type: ignore[attr-defined]
        form.query_one("#f-level").value = "reasonable"  # type: ignore[attr-defined]
        form.query_one("#f-rationale", Input).value = "Joint exercise with the region [E40]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Joint exercise with the region [E40]" in detail  # the citation survives
    with Session(db.make_engine(str(demo_copy))) as s:
        found = s.exec(select(Assessment).where(Assessment.rationale.startswith("Joint"))).one()
    assert found.year == 2026


async def test_a_new_report_with_a_cause_of_concern_and_its_response(demo_copy: Path) -> None:
    """A newcomer's week: record a report, a cause of concern, a recommendation under it,
    and the day the PCC's s55 response was published."""
    from textual.widgets import Tree

    from assure.models import Inspection

    title = "Violence against women and girls: national thematic"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await settle(pilot)
        await form_submit(pilot, "n", title=title, kind="national", published_on="2/3/2026")
        tree = app.screen.query_one(Tree)
        # the cursor lands on the new report, so its first finding is one key away
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FormModal) and title in app.screen.heading
        await pilot.press("escape")
        await settle(pilot)
        report_node = next(
            tree.get_node_at_line(i)
            for i in range(tree.last_line + 1)
            if title in str(tree.get_node_at_line(i).label)  # type: ignore[union-attr]
        )
        assert report_node is not None
        tree.move_cursor(report_node)
        await form_submit(pilot, "f", ref="CoC1", kind="cause-of-concern",
                          text="The force does not record VAWG offences accurately")  # fmt: skip
        with Session(db.make_engine(str(demo_copy))) as s:
            report = s.exec(select(Inspection).where(Inspection.title == title)).one()
            coc = s.exec(select(Finding).where(Finding.inspection_id == report.id)).one()
        tree.move_cursor(report_node)
        await form_submit(pilot, "f", ref="CoC1-R1", kind="recommendation", parent_id=coc.id,
                          text="Within six months, audit VAWG crime recording")  # fmt: skip
        recommendation = next(
            tree.get_node_at_line(i)
            for i in range(tree.last_line + 1)
            if "CoC1-R1" in str(tree.get_node_at_line(i).label)  # type: ignore[union-attr]
        )
        tree.move_cursor(recommendation)
        await form_submit(pilot, "x", explanation="An audit of VAWG recording runs in June")
        await pilot.press("x")  # again: the form names it and starts from what was recorded
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal) and "CoC1-R1" in form.heading
        assert form.query_one("#f-explanation", TextArea).text.startswith("An audit of VAWG")
        await pilot.press("escape")
        await settle(pilot)
        tree.move_cursor(report_node)
        await form_submit(pilot, "r", published_on="1/2/2026")  # before the report: refused
        form = app.screen
        assert isinstance(form, FormModal)
        assert "before the report was published" in str(form.query_one("#e-published_on").render())
        assert app.focused is form.query_one("#f-published_on", Input)
        await pilot.press("escape")
        await settle(pilot)
        await form_submit(
            pilot,
            "r",
            comments_invited_on="3/3/2026",
            comments_due_on="31/3/2026",
            comments_received_on="30/3/2026",
            published_on="20/4/2026",
            response_link="https://anyshire-pcc.example/hmicfrs/vawg",
        )
        assert not isinstance(app.screen, FormModal)
        report_now = next(n for n in tree.root.children if title in str(n.label))
        todo = str(report_now.children[0].label)  # the tree was rebuilt from the records
        assert todo == "s55 still to do: send copies to HMICFRS and the Home Secretary"
    with Session(db.make_engine(str(demo_copy))) as s:
        report = s.exec(select(Inspection).where(Inspection.title == title)).one()
        found = s.exec(select(Finding).where(Finding.inspection_id == report.id)).all()
    assert report.kind == "national" and report.response_published_on == date(2026, 4, 20)
    assert report.comments_received_on == date(2026, 3, 30)
    assert {f.ref: f.parent_id for f in found} == {"CoC1": None, "CoC1-R1": coc.id}
    assert next(f for f in found if f.ref == "CoC1-R1").explanation.startswith("An audit")


async def test_a_newer_report_supersedes_an_earlier_reports_open_findings(
    demo_copy: Path,
) -> None:
    from assure.models import Inspection
    from assure.tui.dialogs.confirm import ConfirmModal

    with Session(db.make_engine(str(demo_copy))) as s:
        reports = s.exec(select(Inspection).order_by(col(Inspection.published_on))).all()
        newer, earlier = reports[-1], reports[-2]
        open_before = {
            f.ref
            for f in s.exec(select(Finding).where(Finding.inspection_id == earlier.id))
            if f.status in ("awaiting-review", "being-progressed")
        }
    assert open_before, "the demo's earlier report has open findings"
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        tree.move_cursor(next(n for n in tree.root.children if newer.title in str(n.label)))
        await form_submit(pilot, "S", earlier=earlier.id)
        assert isinstance(app.screen, ConfirmModal)
        assert all(ref in app.screen.question for ref in open_before)  # listed for review
        await pilot.press("y")
        await settle(pilot)
    with Session(db.make_engine(str(demo_copy))) as s:
        after = {
            f.ref: f
            for f in s.exec(select(Finding).where(Finding.inspection_id == earlier.id))
            if f.ref in open_before
        }
    assert all(f.status == "superseded" for f in after.values())
    assert all(f.closed_on == newer.published_on for f in after.values())


async def test_correct_evidence_and_its_links_from_the_register(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        table = app.screen.query_one("#evidence", DataTable)
        await pilot.press("down")  # the second item: the cursor must stay on it after saving
        await settle(pilot)
        chosen = int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.heading == f"Edit E{chosen}"
        threats = form.query_one("#f-threats", SelectionList)
        threats.deselect_all()
        fill(app, title="Corrected title", action="BCB-2026-01-02")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert int(str(row_key)) == chosen
    with Session(db.make_engine(str(demo_copy))) as s:
        item = s.get(Evidence, chosen)
        assert item is not None and item.title == "Corrected title"
        action = s.exec(select(Action).where(Action.ref == "BCB-2026-01-02")).one()
        assert item.action_id == action.id
        links = s.exec(select(EvidenceThreat).where(EvidenceThreat.evidence_id == chosen)).all()
        assert links == []


async def open_new_report_form(pilot: Pilot[None]) -> FormModal[object]:
    """Go to HMICFRS and open the new report form."""
    await pilot.press("i")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormModal)
    return form


async def test_a_failed_save_puts_the_cursor_in_the_missing_field(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_new_report_form(pilot)
        fill(app, title="Custody services inspection", kind="thematic")
        assert app.focused is form.query_one("#f-title", Input)
        await pilot.press("ctrl+s")  # the published date is required and left blank
        await settle(pilot)
        assert app.screen is form
        assert app.focused is form.query_one("#f-published_on", Input)
        assert "required" in str(form.query_one("#e-published_on").render())


async def test_keys_typed_just_before_ctrl_s_are_saved(demo_copy: Path) -> None:
    """A fast typist (or a terminal that delivers a burst) loses nothing to the save."""
    from textual import events

    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_new_report_form(pilot)
        fill(app, kind="thematic", published_on="2/3/2026")
        form.query_one("#f-title", Input).focus()
        await settle(pilot)
        title = "Custody services inspection 2026"
        for char in title:  # all queued at once, as a burst arrives
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    with Session(db.make_engine(str(demo_copy))) as s:
        from assure.models import Inspection

        assert s.exec(select(Inspection).where(Inspection.title == title)).one()
