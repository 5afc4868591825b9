"""Import and export through the real command line, reading back the files they write."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import ROOT, TODAY, run_cli

NASTY = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--db", str(db), "--today", TODAY.isoformat())


def audit_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM auditentry").fetchone()[0])
    finally:
        con.close()


def write_csv(path: Path, rows: list[list[str]], bom: bool = False) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
    return path


@pytest.mark.parametrize(
    "kind", ["people", "actions", "findings", "evidence", "priorities", "assessments"]
)
def test_export_then_import_changes_nothing(demo: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.csv"
    assert cli(demo, "export", kind, "--out", str(out)).returncode == 0
    before = audit_count(demo)
    result = cli(demo, "import", kind, str(out))
    assert result.returncode == 0, result.stderr
    assert "0 created, 0 updated" in result.stdout
    assert audit_count(demo) == before


def test_unicode_and_newlines_round_trip(demo: Path, tmp_path: Path) -> None:
    title = "Zoë's review:\nline two, with “quotes” and an emoji 🚓"
    rows = [["action", "owner", "due_date"], [title, "Lisa Grant", "30/06/2026"]]
    source = write_csv(tmp_path / "in.csv", rows, bom=True)
    assert cli(demo, "import", "actions", str(source)).returncode == 0
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"out.{fmt}"
        assert cli(demo, "export", "actions", "--format", fmt, "--out", str(out)).returncode == 0
        if fmt == "csv":
            found = [r["action"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))]
        elif fmt == "json":
            found = [r["action"] for r in json.loads(out.read_text())]
        else:
            sheet = load_workbook(out).active
            found = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert title in found, fmt
    again = cli(demo, "import", "actions", str(tmp_path / "out.xlsx"))
    assert again.returncode == 0 and "0 created, 0 updated" in again.stdout


def test_no_exported_cell_can_run_as_a_formula(demo: Path, tmp_path: Path) -> None:
    rows = [["action", "owner", "due_date"]] + [
        [title, "Lisa Grant", "30/06/2026"] for title in (NASTY, "+1+1", "@SUM(A1)")
    ]
    assert cli(demo, "import", "actions", str(write_csv(tmp_path / "f.csv", rows))).returncode == 0
    xlsx = tmp_path / "out.xlsx"
    assert cli(demo, "export", "actions", "--format", "xlsx", "--out", str(xlsx)).returncode == 0
    sheet = load_workbook(xlsx).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    risky = [c for c in cells if str(c.value).startswith(("=", "+", "@"))]
    assert len(risky) == 3 and all(c.data_type == "s" for c in risky)
    out = tmp_path / "out.csv"
    assert cli(demo, "export", "actions", "--out", str(out)).returncode == 0
    titles = [r["action"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))]
    assert "'" + NASTY in titles and "'+1+1" in titles and NASTY not in titles


def test_a_csv_export_with_formula_starts_re_imports_unchanged(demo: Path, tmp_path: Path) -> None:
    """The apostrophe an export puts before a formula start is taken off again on import."""
    titles = (NASTY, "-1 for the budget", "+44 line", "@mention")
    rows = [["action", "owner", "due_date"]] + [[t, "Lisa Grant", "30/06/2026"] for t in titles]
    assert cli(demo, "import", "actions", str(write_csv(tmp_path / "f.csv", rows))).returncode == 0
    out = tmp_path / "out.csv"
    assert cli(demo, "export", "actions", "--out", str(out)).returncode == 0
    before = audit_count(demo)
    again = cli(demo, "import", "actions", str(out))
    assert again.returncode == 0 and "0 created, 0 updated" in again.stdout, again.stderr
    assert audit_count(demo) == before
    con = sqlite3.connect(demo)
    stored = {r[0] for r in con.execute("SELECT title FROM action")}
    con.close()
    assert set(titles) <= stored and not any(t.startswith("'") for t in stored)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"action,owner,due_date,colour\nx,Lisa Grant,01/06/2026,red\n", "unknown column colour"),
        (b"action,owner\nx,Lisa Grant\n", "missing required column: due_date"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "binary"),
        ("action,owner,due_date\nCaf\xe9,Lisa Grant,01/06/2026\n".encode("latin-1"), "not UTF-8"),
        (b"action,owner,due_date\n", "no rows"),
    ],
)
def test_malformed_files_are_refused_with_nothing_written(
    demo: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = audit_count(demo)
    result = cli(demo, "import", "actions", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert audit_count(demo) == before


def test_every_bad_row_is_named_and_nothing_is_written(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["Action", " Owner ", "DUE_DATE"],
        ["Good row", "Lisa Grant", "2026-06-30"],
        ["Bad date", "Lisa Grant", "31/02/2026"],
        ["Unknown owner", "Nobody Known", "30 June 2026"],
        ["", "Lisa Grant", "30/06/2026"],
    ]
    before = audit_count(demo)
    result = cli(demo, "import", "actions", str(write_csv(tmp_path / "rows.csv", rows)))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert any("line 3, due_date" in line for line in lines)
    assert any("line 4, owner" in line and "Nobody Known" in line for line in lines)
    assert any("line 5, action" in line for line in lines)
    assert "3 of 4 rows refused" in lines[-1]
    assert audit_count(demo) == before


def test_dry_run_and_create_owners(demo: Path, tmp_path: Path) -> None:
    rows = [["action", "owner", "due_date"], ["New owner's action", "Kim Lowe", "30/06/2026"]]
    path = write_csv(tmp_path / "new.csv", rows)
    before = audit_count(demo)
    dry = cli(demo, "import", "actions", str(path), "--dry-run", "--create-owners")
    assert dry.returncode == 0 and "dry run" in dry.stdout and "Kim Lowe" in dry.stdout
    assert audit_count(demo) == before
    real = cli(demo, "import", "actions", str(path), "--create-owners")
    assert real.returncode == 0 and "1 created" in real.stdout
    con = sqlite3.connect(demo)
    assert con.execute("SELECT count(*) FROM person WHERE name = 'Kim Lowe'").fetchone()[0] == 1
    con.close()


def test_xlsx_import_reads_date_cells(demo: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "date", "threats", "dimensions"])
    sheet.append(["Cyber exercise debrief", date(2026, 3, 31), "cyber", "capability;consistency"])
    path = tmp_path / "evidence.xlsx"
    book.save(path)
    result = cli(demo, "import", "evidence", str(path))
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(demo)
    row = con.execute(
        "SELECT occurred_on FROM evidence WHERE title = 'Cyber exercise debrief'"
    ).fetchone()
    con.close()
    assert row[0] == "2026-03-31"


def test_templates(tmp_path: Path) -> None:
    result = run_cli("import", "findings", "--template")
    assert result.stdout.strip().split(",")[:4] == ["report", "ref", "kind", "text"]
    path = tmp_path / "t.xlsx"
    assert run_cli("import", "people", "--template", str(path)).returncode == 0
    header = next(load_workbook(path).active.iter_rows(values_only=True))
    assert list(header) == ["name", "role", "organisation", "email", "login", "access", "version"]


def test_a_killed_import_leaves_the_database_as_it_was(demo: Path, tmp_path: Path) -> None:
    """Killed half way through, holding the write lock with meetings written in its open
    transaction: none stay.

    The import says "N of M rows" every 1,000 rows checked, but only to a terminal: its stderr
    is a pseudo-terminal here. Checking a row that names a meeting not yet in the register adds
    the meeting (each row here names a new one), so the test kills it on the first such line,
    and it tells an atomic import from one that had not started; no sleep decides when, and a
    slow machine only makes the wait longer. (The actions themselves are written together
    after the check: test_usecases covers a failure there.)
    """
    path = tmp_path / "big.csv"
    first = date(2015, 1, 5)
    rows = [["action", "owner", "due_date", "meeting_date"]] + [
        [
            f"Bulk action {i}",
            "Lisa Grant",
            "30/06/2026",
            f"{first + timedelta(days=i % 3000):%d/%m/%Y}",
        ]
        for i in range(20000)
    ]
    write_csv(path, rows)
    meetings = _meetings(demo)
    before = audit_count(demo)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURE_")}
    env["ASSURE_CONFIG"] = "/nonexistent"
    terminal, stderr = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assure", "import", "actions", str(path), "--db", str(demo),
         "--today", TODAY.isoformat()],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
    )  # fmt: skip
    os.close(stderr)
    try:
        said = _read_until(terminal, b"1,000 of 20,000 rows")
        # meetings written and not committed: the import still holds the write lock
        probe = sqlite3.connect(demo, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")
        probe.close()
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL, f"the import ended by itself: {said!r}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(terminal)
    con = sqlite3.connect(demo)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (
        con.execute("SELECT count(*) FROM action WHERE title LIKE 'Bulk action%'").fetchone()[0]
        == 0
    )
    con.close()
    assert audit_count(demo) == before
    assert _meetings(demo) == meetings


def _meetings(db: Path) -> int:
    with closing(sqlite3.connect(db)) as con:
        return int(con.execute("SELECT count(*) FROM meeting").fetchone()[0])


def _read_until(terminal: int, wanted: bytes) -> bytes:
    """Read a child's terminal until `wanted` shows; fail if the child closes it first.

    The bound only stops a hung child from hanging the suite: it is not what the test waits for.
    """
    seen = b""
    while wanted not in seen:
        ready, _, _ = select.select([terminal], [], [], 600)
        assert ready, f"no {wanted!r} in ten minutes; the import said {seen!r}"
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # EIO: the child closed its terminal (it exited)
            chunk = b""
        assert chunk, f"the import ended before {wanted!r}; it said {seen!r}"
        seen += chunk
    return seen
