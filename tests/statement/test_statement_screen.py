"""The Statement screen: the judgement before approval, and a gap closed from its list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select
from textual.widgets import Markdown, OptionList, Static

from assure.core import db
from assure.models import Assessment, Dimension, Threat
from assure.tui.dialogs.form import FormModal
from tests.tui.conftest import SIZE, make_app, settle, until

GAP = "! A national cyber incident: consistency not assessed for 2025-26"


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def listed(app) -> list[str]:  # type: ignore[no-untyped-def]
    gaps = app.screen.query_one("#gaps", OptionList)
    return [str(gaps.get_option_at_index(n).prompt) for n in range(gaps.option_count)]


async def test_the_screen_states_the_judgement_before_approval(demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        said = str(app.screen.query_one("#judgement", Static).render())
        assert said.startswith("Not assured. An overall level on 5 of 6 threats.")
        assert "Limited: Terrorism, Serious and organised crime" in said
        assert "No overall view (incomplete): A national cyber incident" in said
        assert "No open action names a gap" in said


async def test_enter_on_a_gap_records_its_assessment_and_the_gap_goes(demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert GAP in listed(app)
        gaps = app.screen.query_one("#gaps", OptionList)
        gaps.focus()
        gaps.highlighted = listed(app).index(GAP)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormModal), "the assessment form")
        form = app.screen
        assert form.query_one("#f-year").value == "2025-26"  # type: ignore[attr-defined]
        assert form.query_one("#f-dimension").value == "consistency"  # type: ignore[attr-defined]
        form.query_one("#f-level").value = "reasonable"  # type: ignore[attr-defined]
        form.query_one("#f-rationale").value = "Regional cyber exercise debrief, May 2026"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: GAP not in listed(app), "the gap to leave the list")
        assert not isinstance(app.screen, FormModal)
        assert any("A national cyber incident: no evidence" in line for line in listed(app))
    with Session(db.make_engine(str(demo))) as s:
        found = s.exec(
            select(Assessment, Threat.code, Dimension.code)
            .join(Threat, Threat.id == Assessment.threat_id)  # type: ignore[arg-type]
            .join(Dimension, Dimension.id == Assessment.dimension_id)  # type: ignore[arg-type]
            .where(Assessment.rationale == "Regional cyber exercise debrief, May 2026")
        ).one()
    assessment, threat, dimension = found
    assert (assessment.year, threat, dimension) == (2025, "cyber", "consistency")


async def test_enter_on_a_gap_of_evidence_opens_no_form(demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        gaps = app.screen.query_one("#gaps", OptionList)
        gaps.focus()
        gaps.highlighted = 0  # serious and organised crime: no evidence on consistency
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        assert listed(app)[0].startswith("! Serious and organised crime: no evidence")


async def test_a_commissioner_approves_from_the_screen_and_the_files_are_recorded(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from assure.core.actor import Actor
    from assure.models import Statement
    from assure.tui.dialogs.confirm import ConfirmModal

    monkeypatch.setattr("assure.core.config.EXPORTS_DIR", tmp_path / "exports")
    app = make_app(demo, Actor("Alex Morgan", "commissioner"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("B")
        await until(pilot, lambda: (tmp_path / "exports").exists(), "the draft files")
        await settle(pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the confirmation")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, FormModal), "the approval form")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormModal), "the approval")
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "approved by Alex Morgan on 1 May 2026" in status
    with Session(db.make_engine(str(demo))) as s:
        row = s.exec(select(Statement).where(Statement.status == "approved")).one()
    assert row.approved_by == "Alex Morgan"
    files = {e["file"] for e in json.loads(row.manifest) if "file" in e}
    assert files == {"md", "html", "docx"}


async def test_the_preview_fills_the_screen_and_escape_returns(demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        hint = app.screen.query_one("#preview", Markdown).source
        assert hint.startswith("Press `v` to preview the statement")
        await pilot.press("v")
        box = app.screen.query_one("#preview-box")
        await until(pilot, lambda: app.screen.maximized is box, "the preview to fill the screen")
        assert box.size.height >= SIZE[1] - 3  # all but the header and footer rows
        shown = app.screen.query_one("#preview", Markdown).source
        assert shown.startswith("# Anyshire: Strategic Policing Requirement assurance statement")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.maximized is None, "the preview to shrink back")
        assert app.screen.query_one("#judgement", Static).size.height > 0
