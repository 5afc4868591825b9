"""Backups while the database is in use, restores that check and keep, and who may write."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from assure.core import db
from assure.core.errors import ConflictError
from assure.models import Action, Person
from assure.services import people
from assure.services.board import actions as board
from tests.conftest import OFFICER, ROOT, run_cli


@pytest.fixture
def live(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.db"
    shutil.copy(demo_db, path)
    return path


def count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def test_backup_is_consistent_while_a_writer_is_mid_transaction(live: Path, tmp_path: Path) -> None:
    before = count(live, "person")
    writer = sqlite3.connect(live)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO person (name, role, organisation, email, access, active, version)"
                   " VALUES ('Half Written', '', '', '', 'viewer', 1, 1)")  # fmt: skip
    copy = tmp_path / "copy.db"
    result = run_cli("backup", str(copy), "--db", str(live))
    writer.rollback()
    writer.close()
    assert result.returncode == 0, result.stderr
    assert count(copy, "person") == before
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert copy.stat().st_mode & 0o077 == 0
    again = run_cli("backup", str(copy), "--db", str(live))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_restore_replaces_the_database_and_keeps_the_old_one(live: Path, tmp_path: Path) -> None:
    copy = tmp_path / "before.db"
    assert run_cli("backup", str(copy), "--db", str(live)).returncode == 0
    eng = db.make_engine(str(live))
    with Session(eng) as s:
        people.add_person(s, OFFICER, "Added After The Backup")
        s.commit()
    reader = sqlite3.connect(live)  # another connection stays open through the restore
    result = run_cli("restore", str(copy), "--yes", "--db", str(live))
    assert result.returncode == 0, result.stderr
    names = {r[0] for r in reader.execute("SELECT name FROM person")}
    reader.close()
    assert "Added After The Backup" not in names
    kept = Path(result.stdout.split("kept at ")[1].strip())
    con = sqlite3.connect(kept)
    assert (
        con.execute("SELECT count(*) FROM person WHERE name = 'Added After The Backup'").fetchone()[
            0
        ]
        == 1
    )
    con.close()
    eng.dispose()


@pytest.mark.parametrize("kind", ["junk", "foreign", "missing"])
def test_restore_refuses_what_is_not_an_assure_backup(
    live: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / f"{kind}.db"
    if kind == "junk":
        bad.write_bytes(b"\x00\x01 definitely not sqlite" * 50)
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        con.commit()
        con.close()
    before = live.read_bytes()
    result = run_cli("restore", str(bad), "--yes", "--db", str(live))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert live.read_bytes() == before


def test_restore_asks_first_and_scripts_must_say_yes(live: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert run_cli("backup", str(copy), "--db", str(live)).returncode == 0
    result = run_cli("restore", str(copy), "--db", str(live))
    assert result.returncode == 2 and "--yes" in result.stderr


def test_restore_migrates_an_older_backup(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    eng = db.make_engine(str(old))
    db.migrate(eng, "0001")
    eng.dispose()
    live = tmp_path / "live.db"
    assert run_cli("init", "--db", str(live)).returncode == 0
    result = run_cli("restore", str(old), "--yes", "--db", str(live))
    assert result.returncode == 0, result.stderr
    assert "migrated" in result.stdout
    con = sqlite3.connect(live)
    assert (
        con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == db.head_revision()
    )
    con.close()


def test_postgres_backup_points_to_pg_dump() -> None:
    result = run_cli("backup", "--db", "postgresql://nobody@localhost/assure")
    assert result.returncode == 2 and "pg_dump" in result.stderr


def test_a_second_writer_gets_a_conflict_not_a_lost_update(live: Path) -> None:
    """Two people open the same action; the second to save is told, not silently overwritten."""
    eng = db.make_engine(str(live))
    with Session(eng) as first_look:  # person A opens the action in their app
        mine = first_look.exec(select(Action).where(col(Action.status) == "in-progress")).first()
        assert mine is not None
        action_id, seen = mine.id, mine.version
    with db.session_scope(eng) as theirs:  # person B saves a change meanwhile
        action = theirs.get(Action, action_id)
        assert action is not None
        board.edit_action(theirs, OFFICER, action, expected_version=seen, title="Their change")
    with pytest.raises(ConflictError, match="changed by Test Officer"), db.session_scope(eng) as s:
        action = s.get(Action, action_id)
        assert action is not None
        board.edit_action(s, OFFICER, action, expected_version=seen, title="My change")
    with Session(eng) as check:
        assert check.get(Action, action_id).title == "Their change"  # type: ignore[union-attr]
    eng.dispose()


def test_a_locked_database_waits_rather_than_fails(live: Path) -> None:
    """A writer holding the lock for a moment delays a second writer; it does not crash it.

    The lock is held until the second writer is seen waiting for it (asleep in SQLite's busy
    handler with the database open), not for a fixed time: on a loaded machine the writer may
    take longer than any sleep just to start, and would then never have waited at all.
    """
    holder = sqlite3.connect(live, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = run_cli_async(live)
    try:
        waiting_for_the_lock(writer, live)
        assert writer.poll() is None, "the second writer should be waiting for the lock"
    finally:
        holder.execute("COMMIT")
        holder.close()
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    con = sqlite3.connect(live)
    assert con.execute("SELECT count(*) FROM person WHERE name = 'Waited For The Lock'").fetchone()
    con.close()


# the sleep system calls SQLite's busy handler waits in (nanosleep, clock_nanosleep)
_SLEEPS = {"x86_64": {"35", "230"}, "aarch64": {"101", "115"}}


def waiting_for_the_lock(proc: subprocess.Popen[str], path: Path) -> None:
    """Return once `proc` has `path` open and is asleep in a sleep call (Linux's /proc tells).

    Python's start-up does not sleep, so asleep with the database open is the busy handler. The
    bound only stops a hung writer from hanging the suite; SQLite's busy timeout (10 s) starts
    only once the writer reaches the lock, and the lock is released as soon as it is seen.
    """
    proc_dir = Path(f"/proc/{proc.pid}")
    if not (proc_dir / "syscall").exists():
        pytest.skip("needs Linux's /proc to see the writer waiting")
    sleeps = _SLEEPS.get(os.uname().machine, set())
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the second writer ended while the lock was held"
        try:
            call = (proc_dir / "syscall").read_text().split()[0]
            wchan = (proc_dir / "wchan").read_text()
            files = [os.readlink(fd) for fd in (proc_dir / "fd").iterdir()]
        except (OSError, IndexError):  # a descriptor closed while we looked: look again
            call, wchan, files = "", "", []
        if str(path) in files and (call in sleeps or "nanosleep" in wchan):
            return
        time.sleep(0.01)
    raise AssertionError("the second writer never waited for the lock")


def run_cli_async(live: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURE_")}
    env["ASSURE_CONFIG"] = "/nonexistent"
    rows = live.parent / "people.csv"
    rows.write_text("name\nWaited For The Lock\n")
    return subprocess.Popen(
        [sys.executable, "-m", "assure", "import", "people", str(rows), "--db", str(live)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_viewer_cannot_write_through_the_command_line(live: Path, tmp_path: Path) -> None:
    eng = db.make_engine(str(live))
    with Session(eng) as s:
        people.add_person(s, OFFICER, "Vera Viewer", access="viewer")
        s.commit()
    config = tmp_path / "assure.toml"
    config.write_text("[office]\nallow_as = true\n")
    result = run_cli(
        "statement", "build", "2025-26", "--as", "Vera Viewer", "--db", str(live),
        "--out", str(tmp_path / "out"), env={"ASSURE_CONFIG": str(config)},
    )  # fmt: skip
    assert result.returncode == 2 and "may not build statement" in result.stderr
    assert not (tmp_path / "out").exists()
    with Session(eng) as s:
        assert s.exec(select(Person).where(Person.name == "Vera Viewer")).one().access == "viewer"
    eng.dispose()
