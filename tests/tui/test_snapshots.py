"""Snapshots of the main screens on the demo database with today fixed at 1 May 2026.

Update them deliberately after a visual change: `make test ARGS=--snapshot-update` (then read
the report before committing the new SVGs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZE, make_app, settle


@pytest.mark.parametrize("key", ["h", "b", "t", "i", "p", "e"])
def test_main_screens(key: str, demo_copy: Path, snap_compare: Any) -> None:
    async def open_screen(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=SIZE, run_before=open_screen)
