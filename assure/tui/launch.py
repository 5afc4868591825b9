"""Start the TUI (imported lazily by the CLI so other commands never load Textual)."""

from __future__ import annotations

from datetime import date


def run_tui(db: str | None, today: date) -> None:
    from assure.core import gctune
    from assure.tui.app import AssureApp

    gctune.for_the_app()  # a command before it (assure demo) collected rarely
    AssureApp(db=db, today=today).run()
