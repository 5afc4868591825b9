"""`assure backup` and `assure restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors, fail


def backup(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, help="Where to write the copy (default data/backups/NAME-STAMP.db)."
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write a consistent copy of the database, even while the app has it open."""
    from assure.services.interchange import usecases as interchange

    c = context(ctx, db, today)
    with errors():
        path = interchange.database_file(c.db)
        # before asking who is acting, which would create a missing database and reads the
        # register of people that a damaged or incomplete one may not have
        revision = interchange.check_source(c.db)
        target = interchange.backup(c.db, c.actor(), file, checked=revision)
    typer.echo(f"Backed up {path} to {target}")


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup written by `assure backup`."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Replace the database with a backup (checked and migrated first; the old one is kept)."""
    from assure.services.interchange import usecases as interchange

    c = context(ctx, db, today)
    with errors():
        path = interchange.database_file(c.db)
        actor = c.actor()
        interchange.check_backup(actor, file)
    if not yes:
        if not sys.stdin.isatty():
            fail("restore replaces the database; add --yes to confirm from a script")
        if not typer.confirm(f"Replace {path} with {file}? A copy of it is kept first."):
            raise typer.Exit(1)
    c.store().dispose()  # the restore writes the file through SQLite's own backup API
    with errors():
        report = interchange.restore(c.db, actor, file)
    typer.echo(f"Restored {path} from {file} (schema {report.revision}).")
    if report.migrated_from:
        typer.echo(f"The backup was at schema {report.migrated_from} and has been migrated.")
    if report.previous_copy:
        typer.echo(f"The database it replaced is kept at {report.previous_copy}")
