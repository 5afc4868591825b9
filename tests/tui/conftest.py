"""Helpers for driving the app headless with Textual's pilot on a copy of the demo database."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assure.core.actor import Actor
from assure.core.config import Settings
from assure.tui.app import AssureApp
from tests.conftest import OFFICER, TODAY

SIZE = (140, 45)


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def make_app(path: Path, actor: Actor = OFFICER) -> AssureApp:
    return AssureApp(db=str(path), today=TODAY, actor=actor, settings=Settings())


async def settle(pilot: Pilot[Any]) -> None:
    """Let every chain of workers finish (a page, then its meetings, then their agenda) and
    the screen repaint: settled when a pass over the message queues starts no new worker."""
    from textual.worker import WorkerState

    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    for _ in range(100):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.state in busy for worker in pilot.app.workers):
            return
    raise AssertionError("the app never settled: workers kept starting")


async def until(pilot: Pilot[Any], done: Callable[[], bool], what: str) -> None:
    """Let the app run until `done()` holds: a state only the expected outcome shows.

    The bound is a count of event-loop turns (generous, so a loaded machine does not trip it),
    never a sleep: the test waits for the state, not for time.
    """
    for _ in range(2000):
        if done():
            return
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    raise AssertionError(f"never happened: {what}")


def fill(app: Any, **values: object) -> None:
    """Type values into the open form's fields (selects get the option's value)."""
    from textual.widgets import Input, Select, TextArea

    from assure.tui.dialogs.form import FormModal

    form = app.screen
    assert isinstance(form, FormModal)
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = str(value)
        else:
            assert isinstance(widget, Input)
            widget.value = str(value)


async def form_submit(pilot: Pilot[Any], key: str, **values: object) -> None:
    """Open a form with `key`, fill it in and save it with ctrl+s."""
    await pilot.press(key)
    await settle(pilot)
    fill(pilot.app, **values)
    await pilot.press("ctrl+s")
    await settle(pilot)
