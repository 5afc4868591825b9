"""`assure remind --send --repeat-days N` through the real command line: the window's edges.

An item reminded on day D is left out of the digests through day D + N - 1 and is in the
digest again on day D + N; with no window an owner is reminded every day, never twice in one.
A dry run (--dry-run --out DIR) writes each digest as a file and logs it, so no mail server is
needed, and the file names carry the day.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from assure.core import db
from assure.services import people
from assure.services.board import actions as board
from assure.services.setup import initialise
from tests.conftest import OFFICER, run_cli

DAY = date(2026, 5, 1)


@pytest.fixture
def register(tmp_path: Path) -> Path:
    """One owner with an e-mail address and one action due on DAY."""
    path = tmp_path / "repeat.db"
    eng = db.make_engine(str(path))
    initialise(eng)
    with Session(eng) as s:
        people.add_person(s, OFFICER, "Rachel Hume", email="rachel@x.example")
        board.add_action(
            s, OFFICER, title="Quarterly return", owner="Rachel Hume", due_date=DAY,
            today=DAY - timedelta(days=60),
        )  # fmt: skip
        s.commit()
    eng.dispose()
    return path


def send(path: Path, day: date, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(
        "remind", "--db", str(path), "--today", day.isoformat(), "--send", "--dry-run",
        "--out", str(path.parent / "outbox"), *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def written(path: Path) -> list[str]:
    return sorted(p.name[:10] for p in (path.parent / "outbox").glob("*.eml"))


@pytest.mark.parametrize("days", [1, 7])
def test_an_item_is_held_back_for_the_repeat_window_and_no_longer(
    register: Path, days: int
) -> None:
    window = ("--repeat-days", str(days))
    send(register, DAY, *window)
    last_held = DAY + timedelta(days=days - 1)
    if last_held > DAY:
        held = send(register, last_held, *window)
        assert f"every item reminded in the last {days} days" in held.stdout
    send(register, DAY + timedelta(days=days), *window)
    assert written(register) == [DAY.isoformat(), (DAY + timedelta(days=days)).isoformat()]


def test_without_a_window_an_owner_is_reminded_every_day_but_once_a_day(register: Path) -> None:
    send(register, DAY)
    again = send(register, DAY)
    assert "already reminded today" in again.stdout
    send(register, DAY + timedelta(days=1))
    assert written(register) == [DAY.isoformat(), (DAY + timedelta(days=1)).isoformat()]


def test_a_negative_window_is_refused(register: Path) -> None:
    result = run_cli("remind", "--db", str(register), "--send", "--dry-run", "--repeat-days", "-1")
    assert result.returncode == 2 and "--repeat-days" in result.stderr
    assert written(register) == []
