"""The real `assure` command in a real terminal (tmux): it starts, answers keys and quits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def capture(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def wait_for(session: str, text: str, timeout: float = 120) -> str:
    """Poll the pane until `text` shows (the bound only stops a hung app failing silently)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if text in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def test_assure_in_tmux(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    # unique to this run: a second suite running beside this one has the same tmp_path.name,
    # and one tmux server serves both (a shared name would clash, or kill the other's app)
    session = f"assure-smoke-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    command = f"ASSURE_CONFIG=/nonexistent {sys.executable} -m assure --db {db} --today {TODAY}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "45", command],
        check=True,
    )
    try:
        home = wait_for(session, "! OVERDUE")
        assert "Overdue and due soon" in home and "b Board" in home
        subprocess.run(["tmux", "send-keys", "-t", session, "b"], check=True)
        # Home shows BCB refs and "! OVERDUE" too, so neither proves the Board is drawn. The
        # action log's pager line ("actions 1-50 of ...") is printed only by the Board, in the
        # same step that fills the table, so once it shows the rows are there as well.
        board = wait_for(session, "actions 1-")
        assert "! OVERDUE" in board and "Meetings" in board
        subprocess.run(["tmux", "send-keys", "-t", session, "?"], check=True)
        wait_for(session, "Keys on this screen")
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape"], check=True)
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        # the session ends when assure exits; the bound only stops a hung app hanging the suite
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
            if alive.returncode != 0:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("assure did not quit on ctrl+q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
