"""Backups and restores of an SQLite database, checked, and safe while the app has it open.

Both use SQLite's online backup API, page by page under SQLite's own locks, so a copy is always
consistent and a restore never swaps a file out from under an open connection.

Nothing is trusted unchecked: a backup checks the database before copying it and the copy
before keeping it; a restore checks the backup before anything else, migrates it in a scratch
file beside the live database and checks the result again, and only then replaces the live
database. A check is SQLite's `PRAGMA integrity_check` plus every table and column the schema
revision has (from its migrations, and at the newest revision from the models). Scratch files
are written and removed by assure.core.files, which also clears those a killed run left.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from assure.core import db, files
from assure.core.errors import AssureError

SQLITE_MAGIC = b"SQLite format 3\x00"
Schema = Mapping[str, frozenset[str]]  # table -> its columns


@dataclass
class RestoreReport:
    restored_from: Path
    revision: str
    migrated_from: str | None
    previous_copy: Path | None


class _Unfit(Exception):
    """Why a database file is not a sound assure database (a phrase for a message)."""


@functools.cache
def schema_at(revision: str) -> Schema:
    """Every table and column an assure database at `revision` has, from its migrations."""
    engine = db.make_engine("sqlite://")
    try:
        db.migrate(engine, revision)
        found = inspect(engine)
        return {
            t: frozenset(c["name"] for c in found.get_columns(t)) for t in found.get_table_names()
        }
    finally:
        engine.dispose()


def models_schema() -> Schema:
    """Every table and column the models of this version of assure map."""
    import assure.models  # noqa: F401  (registers every table)

    return {
        name: frozenset(column.name for column in table.columns)
        for name, table in SQLModel.metadata.tables.items()
    }


def _schema_of(con: sqlite3.Connection) -> Schema:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: frozenset(r[1] for r in con.execute("SELECT * FROM pragma_table_info(?)", (t,)))
        for t in tables
    }


def _missing(found: Schema, expected: Schema) -> list[str]:
    missing: list[str] = []
    for table, columns in sorted(expected.items()):
        if table not in found:
            missing.append(f"table {table}")
        else:
            missing += [f"column {table}.{c}" for c in sorted(columns - found[table])]
    return missing


def _check(path: Path, *, revision: str | None = None, models: bool = False) -> str:
    """The schema revision of the sound assure database at `path`; raise _Unfit otherwise.

    Checks the file's pages (integrity_check) and that it has every table and column of its
    revision, which must be `revision` when that is given; with `models`, every table and
    column the models map as well (a database just migrated to the newest revision).
    """
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise _Unfit("not an SQLite database")
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error) as exc:
        raise _Unfit(f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return _check_open(con, revision, models)
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", on any read
        raise _Unfit(f"damaged ({exc})") from None
    finally:
        con.close()


def _check_open(con: sqlite3.Connection, revision: str | None, models: bool) -> str:
    problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise _Unfit(f"damaged (integrity check: {problems[0]})")
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        raise _Unfit("not an assure database (no schema version)") from None
    found = row[0] if row else None
    if found is None or found not in db.known_revisions():
        raise _Unfit(f"schema {found or 'unknown'} is not one this assure knows")
    if revision is not None and found != revision:
        raise _Unfit(f"at schema {found}, not {revision}")
    expected = dict(schema_at(found))
    if models:
        expected.update(models_schema())
    missing = _missing(_schema_of(con), expected)
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise _Unfit(f"incomplete for schema {found} (no {', '.join(missing[:3])}{more})")
    return str(found)


def check_source(path: Path) -> str:
    """The schema revision of the database at `path`, checked as a backup checks it first.

    Raises AssureError when it is missing, damaged or incomplete (no backup is written).
    """
    if not path.exists():
        raise AssureError(f"{path}: no such database")
    try:
        return _check(path)
    except _Unfit as exc:
        raise AssureError(f"{path}: the database is {exc}; no backup was written") from None


def backup(path: Path, target: Path | None = None, checked: str | None = None) -> Path:
    """A checked, consistent copy of the database at `path` (default: backups/NAME-STAMP.db).

    `checked` is the revision `check_source` found just now (the source is not checked twice).
    Raises AssureError when the database is missing or fails its check (nothing is written),
    when the copy fails its check or cannot be written (nothing is left), or when `target`
    exists already.
    """
    revision = checked or check_source(path)
    files.clear_leftovers(path.parent)  # a restore killed part way left its scratch copy here
    target = target or db.default_backup_path(path)

    def copy_and_check(scratch: Path) -> None:
        try:
            db.copy_sqlite(path, scratch)
            _check(scratch, revision=revision)
        except sqlite3.Error as exc:
            raise AssureError(db.write_problem(exc, target)) from None
        except _Unfit as exc:
            raise AssureError(f"the copy of {path} is {exc}; no backup was written") from None

    return files.write_atomic(target, copy_and_check, replace=False)


def check_backup_file(source: Path) -> str:
    """Return the schema revision of a sound assure backup; raise AssureError for anything else."""
    if not source.is_file():
        raise AssureError(f"{source}: no such file")
    try:
        return _check(source)
    except _Unfit as exc:
        raise AssureError(f"{source}: {exc}; refusing to restore it") from None


def restore(live: Path, source: Path) -> RestoreReport:
    """Replace the database at `live` with the backup `source`, keeping a copy of the old one.

    The backup is checked, copied beside `live` and migrated forward there, and checked again;
    only then is the live database copied aside and overwritten, through the backup API, in
    one step. Raises AssureError, with the live database untouched, when any of that fails.
    """
    revision = check_backup_file(source)
    files.clear_leftovers(live.parent)
    staged = files.scratch_path(live)
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.PRIVATE))
        db.copy_sqlite(source, staged)
        head = _migrate(staged)
        previous = db.backup_sqlite(live) if live.exists() and live.stat().st_size else None
        db.copy_sqlite(staged, live)
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        reason = files.reason(exc) if isinstance(exc, OSError) else _reason(exc)
        raise AssureError(f"cannot restore {source}: {reason}; the database is unchanged") from None
    finally:
        files.remove_scratch(staged)
    live.chmod(files.PRIVATE)
    return RestoreReport(source, head, revision if revision != head else None, previous)


def _migrate(staged: Path) -> str:
    """Bring the staged copy to the newest schema and check it; return that revision."""
    from assure.services.setup import initialise

    engine = db.make_engine(str(staged))
    try:
        report = initialise(engine, backup_first=False)
    finally:
        engine.dispose()
    try:
        _check(staged, revision=report.to_revision, models=True)
    except _Unfit as exc:
        raise AssureError(f"the backup migrated to schema {report.to_revision} is {exc}") from None
    return report.to_revision


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return "no space left on the device"
    return str(orig).splitlines()[0]
