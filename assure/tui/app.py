"""The assure app (placeholder home screen until the TUI issue lands)."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class AssureApp(App[None]):
    TITLE = "assure"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, db: str | None = None, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "assure: the registers are ready. The full app is on its way.", id="placeholder"
        )
        yield Footer()
