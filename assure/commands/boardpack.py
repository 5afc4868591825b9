"""`assure board-pack`: the action-log paper for the next board meeting."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt
from assure.commands.pending import not_yet


def board_pack(ctx: typer.Context, db: DbOpt = None, today: TodayOpt = None) -> None:
    """The action-log paper for the next board meeting (not yet available)."""
    not_yet("board-pack")
