"""Backups are checked before they are trusted, and a killed backup or restore leaves no litter."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


@pytest.fixture
def live(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live" / "assure.db"
    path.parent.mkdir()
    shutil.copy(demo_db, path)
    return path


@pytest.fixture
def good(live: Path, tmp_path: Path) -> Path:
    """A sound backup of the live database, taken through the command line."""
    copy = tmp_path / "good.db"
    result = run_cli("backup", str(copy), "--db", str(live))
    assert result.returncode == 0, result.stderr
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def litter(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.iterdir() if p.name.startswith(".assure-")]


def damage_a_page(path: Path) -> None:
    """Overwrite one whole page in the middle of the file, as a bad sector would."""
    con = sqlite3.connect(path)
    page = int(con.execute("PRAGMA page_size").fetchone()[0])
    con.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // page * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def alter(path: Path, sql: str) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(sql)
    con.commit()
    con.close()


def drop_table(path: Path) -> None:
    alter(path, "DROP TABLE reminder_log")


def drop_column(path: Path) -> None:
    alter(path, "ALTER TABLE finding DROP COLUMN explanation")


def drop_people(path: Path) -> None:
    alter(path, "DROP TABLE person")  # the register identifying the actor reads


DAMAGE: dict[str, Callable[[Path], None]] = {
    "a damaged page": damage_a_page,
    "a dropped table": drop_table,
    "no register of people": drop_people,
    "a dropped column": drop_column,
}
SAYS = {"a damaged page": "damaged", "a dropped table": "table reminder_log",
        "no register of people": "(no table person)",
        "a dropped column": "column finding.explanation"}  # fmt: skip


@pytest.mark.parametrize("fault", list(DAMAGE))
def test_restore_refuses_an_unsound_backup_and_leaves_the_live_database_alone(
    live: Path, good: Path, fault: str
) -> None:
    DAMAGE[fault](good)
    before = digest(live)
    result = run_cli("restore", str(good), "--yes", "--db", str(live))
    assert result.returncode == 2, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert SAYS[fault] in result.stderr and "refusing to restore" in result.stderr
    assert digest(live) == before
    assert litter(live.parent) == []
    assert run_cli("remind", "--db", str(live)).returncode == 0  # the database still works


@pytest.mark.parametrize("fault", list(DAMAGE))
def test_backup_refuses_to_copy_an_unsound_database(live: Path, tmp_path: Path, fault: str) -> None:
    DAMAGE[fault](live)
    copy = tmp_path / "copy.db"
    result = run_cli("backup", str(copy), "--db", str(live))
    assert result.returncode == 2, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert SAYS[fault] in result.stderr and "no backup was written" in result.stderr
    assert not copy.exists() and litter(tmp_path) == []


def test_a_sound_backup_restores_and_the_copy_is_checked(live: Path, good: Path) -> None:
    con = sqlite3.connect(good)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    people = con.execute("SELECT count(*) FROM person").fetchone()[0]
    con.close()
    alter(live, "DELETE FROM reminder_log")
    result = run_cli("restore", str(good), "--yes", "--db", str(live))
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(live)
    assert con.execute("SELECT count(*) FROM person").fetchone()[0] == people
    con.close()
    assert litter(live.parent) == []


KILLED = """
import sys
from pathlib import Path
from assure.core import db
from assure.services.interchange import backup

real = db.copy_sqlite

def copy_then_hang(source, dest):
    real(source, dest)
    Path(sys.argv[4]).write_text(str(dest))  # the scratch copy is on disk: kill me now
    sys.stdin.read()  # blocks until the test kills this process

db.copy_sqlite = copy_then_hang
if sys.argv[1] == "restore":
    backup.restore(Path(sys.argv[2]), Path(sys.argv[3]))
else:
    backup.backup(Path(sys.argv[2]), Path(sys.argv[3]))
"""


def kill_mid_copy(tmp_path: Path, *args: str) -> Path:
    """Run a backup or restore, kill -9 it once its scratch file is written; return that file."""
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, *args, str(ready)], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 300  # only a bound on a hung child, never a wait for a state
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the child never wrote its scratch copy"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    if proc.stdin:
        proc.stdin.close()
    if proc.stderr:
        proc.stderr.close()
    return Path(ready.read_text())


def test_a_killed_restore_leaves_nothing_after_the_next_run(live: Path, good: Path) -> None:
    before = digest(live)
    scratch = kill_mid_copy(live.parent.parent, "restore", str(live), str(good))
    assert scratch.parent == live.parent and scratch.exists()  # beside the database, not /tmp
    assert digest(live) == before
    result = run_cli("restore", str(good), "--yes", "--db", str(live))
    assert result.returncode == 0, result.stderr
    assert litter(live.parent) == []


def test_a_killed_backup_leaves_nothing_after_the_next_run(live: Path, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "copy.db"
    target.parent.mkdir()
    scratch = kill_mid_copy(tmp_path, "backup", str(live), str(target))
    assert scratch.parent == target.parent and scratch.exists() and not target.exists()
    result = run_cli("backup", str(target.parent / "again.db"), "--db", str(live))
    assert result.returncode == 0, result.stderr
    assert litter(target.parent) == [] and not target.exists()
