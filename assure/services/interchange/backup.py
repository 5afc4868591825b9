"""Backups and restores of an SQLite database, safe while the app has it open.

Both use SQLite's online backup API, page by page under SQLite's own locks, so a copy is always
consistent and a restore never swaps a file out from under an open connection.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assure.core import db
from assure.core.errors import AssureError

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class RestoreReport:
    restored_from: Path
    revision: str
    migrated_from: str | None
    previous_copy: Path | None


def backup(path: Path, target: Path | None = None) -> Path:
    """A consistent copy of the database at `path` (default: data/backups/NAME-STAMP.db)."""
    if not path.exists():
        raise AssureError(f"{path}: no such database")
    return db.backup_sqlite(path, target)


def check_backup_file(source: Path) -> str:
    """Return the schema revision of an assure backup; raise AssureError for anything else."""
    if not source.is_file():
        raise AssureError(f"{source}: no such file")
    with source.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise AssureError(f"{source}: not an SQLite database")
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        raise AssureError(f"{source}: not an assure database (no schema version)") from None
    if row is None or row[0] not in db.known_revisions():
        raise AssureError(
            f"{source}: schema {row[0] if row else 'unknown'} is not one this assure knows"
        )
    return str(row[0])


def restore(live: Path, source: Path) -> RestoreReport:
    """Replace the database at `live` with the backup `source`, keeping a copy of the old one.

    The backup is checked, copied and migrated forward in a scratch file first; only then is the
    live database copied aside and overwritten, through the backup API, in one step.
    """
    revision = check_backup_file(source)
    with tempfile.TemporaryDirectory(prefix="assure-restore-") as scratch:
        staged = Path(scratch) / "staged.db"
        db.backup_sqlite(source, staged)
        engine = db.make_engine(str(staged))
        try:
            from assure.services.setup import initialise

            report = initialise(engine)
        finally:
            engine.dispose()
        previous = db.backup_sqlite(live) if live.exists() and live.stat().st_size else None
        src = sqlite3.connect(staged)
        try:
            dest = sqlite3.connect(live, timeout=10)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    live.chmod(0o600)
    migrated = revision if revision != report.to_revision else None
    return RestoreReport(source, report.to_revision, migrated, previous)
