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
