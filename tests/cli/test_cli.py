"""The command line through its real entry point (python -m assure in a subprocess)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import run_cli


def test_help_lists_the_contract() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in (
        "init",
        "demo",
        "remind",
        "statement",
        "import",
        "export",
        "board-pack",
        "backup",
    ):
        assert command in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("assure ")


def test_init_creates_then_is_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first = run_cli("init", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "Created" in first.stdout and "Reference data added" in first.stdout
    second = run_cli("--db", str(db), "init")  # global option before the command
    assert second.returncode == 0
    assert "up to date" in second.stdout and "nothing missing" in second.stdout


def test_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = run_cli("init", env={"ASSURE_DB": str(db)})
    assert result.returncode == 0 and db.exists()


def test_bad_today_is_one_line_exit_2_nothing_written(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    result = run_cli("init", "--db", str(db), "--today", "2026-02-30")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--today" in result.stderr
    assert not db.exists()


def test_demo_has_overdue_due_soon_and_evidence_or_gap_for_every_threat(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--no-tui", "--db", str(db), "--today", "2026-05-01")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    overdue = con.execute(
        "select count(*) from action where coalesce(revised_due_date, due_date) < '2026-05-01' "
        "and status not in ('closed','complete','superseded')"
    ).fetchone()[0]
    soon = con.execute(
        "select count(*) from action where coalesce(revised_due_date, due_date) "
        "between '2026-05-01' "
        "and '2026-05-15' and status not in ('closed','complete','superseded')"
    ).fetchone()[0]
    extended = con.execute(
        "select count(*) from action where revised_due_date is not null"
    ).fetchone()[0]
    assert overdue >= 1 and soon >= 1 and extended >= 1
    # last complete year 2025-26: each threat of the edition in force has evidence, or is a gap
    rows = con.execute(
        "select t.code, count(e.id) from threat t join edition ed on ed.id = t.edition_id "
        "left join evidencethreat et on et.threat_id = t.id "
        "left join evidence e on e.id = et.evidence_id "
        "and e.occurred_on between '2025-04-01' and '2026-03-31' "
        "where ed.code = 'plan-2025' group by t.code"
    ).fetchall()
    counts = dict(rows)
    assert len(counts) == 6
    assert counts["cyber"] == 0  # the deliberate gap
    assert all(n > 0 for code, n in counts.items() if code != "cyber")
