"""Helpers for driving the app headless with Textual's pilot on a copy of the demo database."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assure.config import Settings
from assure.services.actor import Actor
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
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
