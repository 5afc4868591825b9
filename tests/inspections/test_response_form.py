"""The HMICFRS screen's s55 form (key r) records the PCC's comments with the steps."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from textual.widgets import Tree

from assure.core import db
from assure.models import Inspection
from assure.tui.dialogs.form import FormModal
from tests.tui.conftest import SIZE, form_submit, make_app, settle

WORDS = "I welcome the report.\n\nI will hold the Chief Constable to account for the plan."


async def test_the_s55_form_records_the_pccs_comments(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        node = next(n for n in tree.root.children if "PEEL 2023-25" in str(n.label))
        tree.move_cursor(node)
        await form_submit(pilot, "r", pcc_comments=WORDS, comments_invited_on="21/10/2024")
        assert not isinstance(app.screen, FormModal), "the form did not save"
    with Session(db.make_engine(str(demo_copy))) as s:
        report = s.exec(select(Inspection).where(Inspection.title.startswith("PEEL 2023-25"))).one()
    assert report.pcc_comments == WORDS
    assert str(report.comments_invited_on) == "2024-10-21"
