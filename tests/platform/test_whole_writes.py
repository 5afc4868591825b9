"""Every file is written whole and private or not at all: a full disk, a read-only folder or a
broken link gives one line and exit 2, never a traceback or half a file."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from assure.core import files
from assure.core.errors import AssureError
from tests.conftest import TODAY, run_cli


def _mount(folder: Path, options: str) -> bool:
    """Mount a tmpfs at `folder` (root only); False where that cannot be done."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)  # fmt: skip
    return done.returncode == 0


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system with no space left on it (a small tmpfs, filled to the brim)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if not _mount(folder, "size=256k,mode=0700"):
        pytest.skip("needs root to mount a small tmpfs (the unit tests simulate ENOSPC instead)")
    try:
        with (folder / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder on a read-only file system (or, without root, one its owner may not write)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if _mount(folder, "ro,size=64k"):
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
        return
    if os.geteuid() == 0:
        pytest.skip("cannot mount a read-only tmpfs, and root writes to any folder")
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def commands_into(folder: Path) -> dict[str, list[str]]:
    """Each command that writes a file, pointed at `folder`."""
    return {
        "export": ["export", "actions", "--format", "xlsx", "--out", str(folder / "a.xlsx")],
        "board-pack": ["board-pack", "--out", str(folder / "pack.docx")],
        "backup": ["backup", str(folder / "copy.db")],
        "outbox": ["remind", "--send", "--dry-run", "--out", str(folder / "outbox")],
        "statement": ["statement", "build", "2025-26", "--out", str(folder / "statement")],
    }


def run_each(folder: Path, demo: Path, says: str) -> None:
    before = sorted(p.name for p in folder.iterdir())
    for name, args in commands_into(folder).items():
        result = run_cli(*args, "--db", str(demo), "--today", TODAY.isoformat())
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1, (name, result.stderr)
        assert says in result.stderr and "Traceback" not in result.stderr, (name, result.stderr)
        left = sorted(p.name for p in folder.rglob("*") if not p.is_dir())
        assert left == before, (name, left)  # no partial file, no scratch file


def test_a_full_disk_leaves_no_partial_file(full_disk: Path, demo: Path) -> None:
    run_each(full_disk, demo, "no space left on the device")


def test_a_read_only_folder_is_one_line(read_only: Path, demo: Path) -> None:
    says = "read-only file system" if os.geteuid() == 0 else "permission denied"
    run_each(read_only, demo, says)


def test_a_broken_link_is_refused_not_followed(demo: Path, tmp_path: Path) -> None:
    link = tmp_path / "a.xlsx"
    link.symlink_to(tmp_path / "nowhere" / "a.xlsx")
    result = run_cli("export", "actions", "--format", "xlsx", "--out", str(link), "--db", str(demo))
    assert result.returncode == 2 and "broken symbolic link" in result.stderr
    assert result.stderr.count("\n") == 1
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_link_to_a_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    files.write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_the_file_is_private_from_its_first_byte(tmp_path: Path) -> None:
    seen: list[int] = []

    def fill(scratch: Path) -> None:
        seen.append(stat.S_IMODE(scratch.stat().st_mode))
        scratch.write_bytes(b"secret")

    old = os.umask(0)  # even a permissive umask never widens it
    try:
        path = files.write_atomic(tmp_path / "out.bin", fill)
    finally:
        os.umask(old)
    assert seen == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"secret"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"the old report")
    calls: list[int] = []

    def disk_full(fd: int, data: object) -> int:
        calls.append(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(AssureError, match=r"^no space left on the device: cannot write .*report"):
        files.write_atomic(target, b"the new report" * 1000)
    monkeypatch.undo()
    assert calls and target.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_refusing_to_replace_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"keep me")
    with pytest.raises(AssureError, match="already exists"):
        files.write_atomic(target, b"other", replace=False)
    assert target.read_bytes() == b"keep me" and len(list(tmp_path.iterdir())) == 1


def test_leftovers_of_a_dead_process_go_and_a_live_ones_stay(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # its pid now names no process
    stale = tmp_path / f".assure-{gone.pid}-0123abcd.x.db.part"
    stale_journal = tmp_path / f"{stale.name}-journal"
    mine = tmp_path / f".assure-{os.getpid()}-89abcdef.y.csv.part"
    other = tmp_path / ".assure-notes.txt"
    for path in (stale, stale_journal, mine, other):
        path.write_bytes(b"x")
    removed = files.clear_leftovers(tmp_path)
    assert sorted(removed) == sorted([stale, stale_journal])
    assert mine.exists() and other.exists()
