"""A command collects cycles rarely; the app, even when a command opens it, as CPython does."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pytest

from assure.core import gctune
from assure.tui import launch
from assure.tui.app import AssureApp

_THRESHOLD_AFTER = """
import gc, sys
from assure.entry import main
sys.argv = ["assure", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(repr(gc.get_threshold()))
"""


def threshold_after(*argv: str) -> tuple[int, ...]:
    done = subprocess.run(
        [sys.executable, "-c", _THRESHOLD_AFTER, *argv], capture_output=True, text=True, timeout=60
    )
    return tuple(int(n) for n in done.stderr.strip().strip("()").split(","))


def test_a_command_collects_every_200000_allocations() -> None:
    assert threshold_after("--version") == gctune.COMMAND
    assert gctune.COMMAND[0] > gctune.INTERPRETER[0]


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("thresholds")
def test_the_app_opened_by_a_command_collects_as_cpython_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr(AssureApp, "run", lambda self, *a, **k: seen.append(gc.get_threshold()))
    gctune.for_a_command()
    launch.run_tui(None, date(2026, 5, 1))
    assert seen == [gctune.INTERPRETER]
