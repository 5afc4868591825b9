"""A register with one HMICFRS report whose s55 response is half done, built through the use
cases the app and the command line call."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from assure.core.db import Store
from assure.services import setup
from assure.services.inspections import usecases as inspections
from tests.conftest import OFFICER, TODAY

TITLE = "Police response to public disorder: Anyshire revisit"
PUBLISHED = date(2026, 3, 2)  # last day to respond: 26 April 2026
COMMENTS = (
    "I welcome this report & its findings on <mobilisation>.\n\n"
    "I will hold the Chief Constable to account for the plan at every board."
)


@dataclass(frozen=True)
class Register:
    path: Path
    store: Store
    report_id: int
    # (ref, text, cause of concern "ref: text" or "", explanation or "") as recorded
    recommendations: list[tuple[str, str, str, str]]


@pytest.fixture
def register(db_path: Path) -> Register:
    store = setup.open_store(str(db_path))
    report = inspections.add_report(
        store, OFFICER, title=TITLE, kind="thematic", published_on=PUBLISHED,
        link="https://hmicfrs.example/disorder",
    )  # fmt: skip
    inspections.add_report(
        store, OFFICER, title="Police response to public disorder: national", kind="national",
        published_on=date(2025, 1, 10),
    )  # fmt: skip

    def add(ref: str, kind: str, text: str, parent: int | None = None) -> int:
        view = inspections.add_finding(
            store, OFFICER, TODAY, report.id, ref=ref, kind=kind, text=text, parent_id=parent
        )
        return view.id

    coc = add("CoC1", "cause-of-concern", "The force cannot mobilise public order units fast.")
    r1 = add("CoC1-R1", "recommendation", "Within three months, review mobilisation.", coc)
    add("CoC1-R2", "recommendation", "Train | test 'callout' lists = twice a year.", coc)
    r10 = add("R10", "recommendation", "Publish the mutual aid plan.")
    add("AFI1", "area-for-improvement", "Debrief officers after each deployment.")
    inspections.explain(store, OFFICER, r1, "A review reported on 1 April 2026.")
    inspections.explain(store, OFFICER, r10, "None: the plan is national, not the force's.")
    view = inspections.response(store, OFFICER, report.id)
    inspections.record_steps(
        store, OFFICER, report.id, version=view.version,
        comments_invited_on="3/3/2026", comments_due_on="31/3/2026",
        comments_received_on="30/3/2026", pcc_comments=COMMENTS,
    )  # fmt: skip
    concern = "CoC1: The force cannot mobilise public order units fast."
    return Register(
        db_path,
        store,
        report.id,
        [
            ("CoC1-R1", "Within three months, review mobilisation.", concern,
             "A review reported on 1 April 2026."),
            ("CoC1-R2", "Train | test 'callout' lists = twice a year.", concern, ""),
            ("R10", "Publish the mutual aid plan.", "",
             "None: the plan is national, not the force's."),
        ],
    )  # fmt: skip


def publish(register: Register, copies_sent_on: str | None = None) -> None:
    """Record the response published on 20 April 2026 (and the copies sent, when given)."""
    view = inspections.response(register.store, OFFICER, register.report_id)
    inspections.record_steps(
        register.store, OFFICER, register.report_id, version=view.version,
        comments_invited_on=view.steps.comments_invited_on,
        comments_due_on=view.steps.comments_due_on,
        comments_received_on=view.steps.comments_received_on,
        published_on=date(2026, 4, 20),
        response_link="https://anyshire-pcc.example/hmicfrs/disorder",
        copies_sent_on=copies_sent_on,
    )  # fmt: skip


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may write to."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path
