"""A database file the user cannot write is read, and a change to it is refused before it starts."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TODAY, run_cli


@pytest.fixture
def read_only_db(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """The demo database on a file system mounted read-only (root only: root writes any file)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a read-only tmpfs")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copy(demo_db, folder / "demo.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / "demo.db"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_database_is_read_and_a_write_is_one_line(
    read_only_db: Path, tmp_path: Path
) -> None:
    before = hashlib.sha256(read_only_db.read_bytes()).hexdigest()
    at = ["--db", str(read_only_db), "--today", TODAY.isoformat()]
    read = run_cli("export", "actions", "--format", "json", "--out", "-", *at)
    assert read.returncode == 0 and read.stdout.startswith("["), read.stderr
    people = tmp_path / "people.csv"
    people.write_text("name\nZed Newcomer\n")
    for args in (["import", "people", str(people)], ["init"],
                 ["statement", "build", "2025-26", "--out", str(tmp_path / "out")]):  # fmt: skip
        result = run_cli(*args, *at)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
        assert "read-only file system; you may read this database but not change it" in (
            result.stderr
        )
    assert not (tmp_path / "out").exists()
    assert hashlib.sha256(read_only_db.read_bytes()).hexdigest() == before
