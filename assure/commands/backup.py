"""`assure backup` and `assure restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors, fail


def _sqlite_file(db: str | None) -> Path:
    from assure.core import db as dbmod

    path = dbmod.sqlite_path(dbmod.database_url(db))
    if path is None:
        fail("backup and restore work on SQLite files; for PostgreSQL use pg_dump and pg_restore")
    return path


def backup(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, help="Where to write the copy (default data/backups/NAME-STAMP.db)."
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write a consistent copy of the database, even while the app has it open."""
    from assure.services.interchange import backup as service

    c = context(ctx, db, today)
    path = _sqlite_file(c.db)
    if file is not None and file.exists():
        fail(f"{file} already exists; choose a new file name")
    with errors():
        target = service.backup(path, file)
    typer.echo(f"Backed up {path} to {target}")


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup written by `assure backup`."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Replace the database with a backup (checked and migrated first; the old one is kept)."""
    from assure.services.interchange import backup as service

    c = context(ctx, db, today)
    path = _sqlite_file(c.db)
    with errors():
        service.check_backup_file(file)
    if not yes:
        if not sys.stdin.isatty():
            fail("restore replaces the database; add --yes to confirm from a script")
        if not typer.confirm(f"Replace {path} with {file}? A copy of it is kept first."):
            raise typer.Exit(1)
    with errors():
        report = service.restore(path, file)
    typer.echo(f"Restored {path} from {file} (schema {report.revision}).")
    if report.migrated_from:
        typer.echo(f"The backup was at schema {report.migrated_from} and has been migrated.")
    if report.previous_copy:
        typer.echo(f"The database it replaced is kept at {report.previous_copy}")
