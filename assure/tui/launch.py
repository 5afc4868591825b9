"""Start the TUI (imported lazily by the CLI so other commands never load Textual)."""

from __future__ import annotations

from datetime import date


def run_tui(db: str | None, today: date) -> None:
    from assure.tui.app import AssureApp

    AssureApp(db=db, today=today).run()
