"""`assure remind`: overdue and soon-due work per owner."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt
from assure.commands.pending import not_yet


def remind(ctx: typer.Context, db: DbOpt = None, today: TodayOpt = None) -> None:
    """List overdue and soon-due work per owner (not yet available)."""
    not_yet("remind")
