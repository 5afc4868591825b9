"""`assure backup` and `assure restore`."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt
from assure.commands.pending import not_yet


def backup(
    ctx: typer.Context,
    file: str = typer.Argument("", help="where to write the copy"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """A consistent copy of the database while it is in use (not yet available)."""
    not_yet("backup")
