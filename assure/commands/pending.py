"""Commands of the contract whose work has not landed yet: they say so and exit 2."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt, fail


def not_yet(name: str) -> None:
    fail(f"`assure {name}` is not yet available in this version")


def remind(db: DbOpt = None, today: TodayOpt = None) -> None:
    """List overdue and soon-due work per owner (not yet available)."""
    not_yet("remind")


def import_(
    kind: str = typer.Argument("", help="people, actions, findings, evidence or priorities"),
    file: str = typer.Argument("", help="CSV or XLSX file"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Import a register from CSV or XLSX (not yet available)."""
    not_yet("import")


def export(
    kind: str = typer.Argument("", help="the register"), db: DbOpt = None, today: TodayOpt = None
) -> None:
    """Export a register to CSV, XLSX or JSON (not yet available)."""
    not_yet("export")


def board_pack(db: DbOpt = None, today: TodayOpt = None) -> None:
    """The action-log paper for the next board meeting (not yet available)."""
    not_yet("board-pack")


def backup(
    file: str = typer.Argument("", help="where to write the copy"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """A consistent copy of the database while it is in use (not yet available)."""
    not_yet("backup")


statement_app = typer.Typer(
    help="Build, approve and verify the annual SPR assurance statement.", no_args_is_help=True
)


@statement_app.command("build")
def statement_build(
    year: str = typer.Argument(..., help="Financial year, e.g. 2025-26"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write the statement for a financial year (not yet available)."""
    not_yet("statement build")


@statement_app.command("approve")
def statement_approve(
    year: str = typer.Argument(..., help="Financial year, e.g. 2025-26"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Freeze a year's statement (not yet available)."""
    not_yet("statement approve")


@statement_app.command("verify")
def statement_verify(
    target: str = typer.Argument(..., help="A file or a year"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check a statement against its recorded hash (not yet available)."""
    not_yet("statement verify")
