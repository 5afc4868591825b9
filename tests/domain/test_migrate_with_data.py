"""A database full of records migrates across a migration that copies a referenced table."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command

from assure.core import db


def test_the_demo_goes_down_and_up_across_0007_with_every_link_kept(
    demo_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    engine = db.make_engine(str(path))
    before = sqlite3.connect(path).execute("SELECT count(*) FROM action").fetchone()
    command.downgrade(db._alembic_config(engine), "0006")  # rebuilds action, still referenced
    assert db.current_revision(engine) == "0006"
    db.migrate(engine, backup_first=False)
    assert db.current_revision(engine) == db.head_revision()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM action").fetchone() == before
    notnull = {row[1]: row[3] for row in con.execute("PRAGMA table_info(action)")}
    assert notnull["raised_on"] == 0  # a raised date may be unknown
    indexes = {row[1] for row in con.execute("PRAGMA index_list(action)")}
    assert "ix_action_open_due" in indexes  # the remind fast path's partial index survives


def test_the_years_counts_read_an_index_and_the_open_work_keeps_its_own(demo_db: Path) -> None:
    """0008: the statement's governance counts search by date through covering indexes; the
    due-work query still reads the partial index of open work (0003), not the dated ones."""
    con = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)

    def plan(sql: str) -> str:
        return " ".join(row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}"))

    year = "BETWEEN '2025-04-01' AND '2026-03-31'"
    assert "COVERING INDEX ix_action_raised_on" in plan(
        f"SELECT count(*) FROM action WHERE raised_on {year}"
    )
    for table in ("action", "finding"):
        assert f"COVERING INDEX ix_{table}_closed_on_status" in plan(
            f"SELECT status, count(*) FROM {table} WHERE closed_on {year} GROUP BY status"
        )
    open_work = plan(
        "SELECT ref FROM action WHERE closed_on IS NULL AND status NOT IN ('complete', "
        "'superseded') ORDER BY coalesce(revised_due_date, due_date)"
    )
    assert "closed_on_status" not in open_work
