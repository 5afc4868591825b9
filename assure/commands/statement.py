"""`assure statement build|approve|verify`: the annual SPR assurance statement."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt
from assure.commands.pending import not_yet

app = typer.Typer(
    help="Build, approve and verify the annual SPR assurance statement.", no_args_is_help=True
)


@app.command("build")
def build(
    ctx: typer.Context,
    year: str = typer.Argument(..., help="Financial year, e.g. 2025-26"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write the statement for a financial year (not yet available)."""
    not_yet("statement build")


@app.command("approve")
def approve(
    ctx: typer.Context,
    year: str = typer.Argument(..., help="Financial year, e.g. 2025-26"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Freeze a year's statement (not yet available)."""
    not_yet("statement approve")


@app.command("verify")
def verify(
    ctx: typer.Context,
    target: str = typer.Argument(..., help="A file or a year"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check a statement against its recorded hash (not yet available)."""
    not_yet("statement verify")
