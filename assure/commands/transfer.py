"""`assure import` and `assure export`: registers in and out of spreadsheets."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt
from assure.commands.pending import not_yet


def import_(
    ctx: typer.Context,
    kind: str = typer.Argument("", help="people, actions, findings, evidence or priorities"),
    file: str = typer.Argument("", help="CSV or XLSX file"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Import a register from CSV or XLSX (not yet available)."""
    not_yet("import")


def export(
    ctx: typer.Context,
    kind: str = typer.Argument("", help="the register"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Export a register to CSV, XLSX or JSON (not yet available)."""
    not_yet("export")
