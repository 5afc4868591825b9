"""`assure init` and `assure demo`."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors


def init(ctx: typer.Context, db: DbOpt = None, today: TodayOpt = None) -> None:
    """Create or migrate the database and load the reference data (safe to run twice)."""
    from rich.console import Console

    from assure.services import setup

    c = context(ctx, db, today)
    console = Console(stderr=False, highlight=False)
    with errors():
        report = setup.init(c.db)
    where = report.where
    if report.created:
        console.print(f"Created {where} at schema {report.to_revision}.")
    elif report.from_revision != report.to_revision:
        console.print(f"Migrated {where} from {report.from_revision} to {report.to_revision}.")
        if report.backup:
            console.print(f"Backup of the old database: {report.backup}")
    else:
        console.print(f"{where} is up to date (schema {report.to_revision}).")
    if report.loaded.total:
        added = ", ".join(f"{n} {kind}" for kind, n in sorted(report.loaded.added.items()))
        console.print(f"Reference data added: {added}.")
    else:
        console.print("Reference data: nothing missing.")


def demo(
    ctx: typer.Context,
    db: DbOpt = None,
    today: TodayOpt = None,
    no_tui: bool = typer.Option(
        False, "--no-tui", help="Only build the database; do not open the app."
    ),
    scale: int = typer.Option(
        0, "--scale", min=0, help="Add N synthetic board actions (benchmarks)."
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Replace an existing demo database without asking."
    ),
) -> None:
    """Build a demo database for the fictional Anyshire force, then open the app."""
    from assure.core.config import DATA_DIR
    from assure.services import setup

    c = context(ctx, db, today)
    c.db = c.db or str(DATA_DIR / "demo.db")
    with errors():
        existing = setup.demo_would_replace(c.db)
        question = f"Replace the demo database {existing}?"
        if existing and not yes and not typer.confirm(question, default=True):
            raise typer.Exit(1)
        report = setup.demo(c.db, c.today, scale=scale, progress=not no_tui)
    typer.echo(f"Demo database {report.where}: {report.summary}")
    if not no_tui:
        from assure.tui.launch import run_tui

        run_tui(c.db, c.today)
