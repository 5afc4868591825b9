"""Snapshots of the main screens on the demo database with today fixed at 1 May 2026.

Each key screen at the two sizes that matter: 80x24 (a small terminal over SSH) and 160x48.
Update them deliberately after a visual change: `make test ARGS=--snapshot-update` (then read
the report before committing the new SVGs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import make_app, settle

SIZES = {"small": (80, 24), "large": (160, 48)}


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("key", ["h", "b", "t", "i", "p", "e"])
def test_main_screens(key: str, size: str, demo_copy: Path, snap_compare: Any) -> None:
    """Each screen, opened by its key, after its data has loaded."""

    async def open_screen(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=SIZES[size], run_before=open_screen)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_add_action_form(size: str, demo_copy: Path, snap_compare: Any) -> None:
    """The Board's add-action form: it fits the terminal, first field focused."""

    async def open_form(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=SIZES[size], run_before=open_form)
