"""`y`: a record's dated updates and its audit trail (who changed what, when, from and to)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from assure.core import audit
from assure.services import updates

if TYPE_CHECKING:
    from assure.tui.app import AssureApp


class HistoryModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,y", "dismiss", "Close")]

    def __init__(self, record_type: str, record_id: int, title: str) -> None:
        super().__init__()
        self.record_type, self.record_id, self.heading = record_type, record_id, title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Label(f"History of {self.heading}", classes="title")
            yield Label("Updates", classes="section")
            yield DataTable(id="updates", cursor_type="row")
            yield Label("Audit trail", classes="section")
            yield DataTable(id="audit", cursor_type="row")

    def on_mount(self) -> None:
        app = cast("AssureApp", self.app)
        notes = app.read(lambda s: updates.updates_for(s, self.record_type, self.record_id))
        trail = app.read(lambda s: audit.history(s, self.record_type, self.record_id))
        table = self.query_one("#updates", DataTable)
        table.add_columns("on", "by", "update", "status")
        for note in notes:
            change = f"{note.status_from or ''} -> {note.status_to}" if note.status_to else ""
            table.add_row(f"{note.on:%d/%m/%Y}", note.author, note.text, change)
        log = self.query_one("#audit", DataTable)
        log.add_columns("at (UTC)", "who", "change", "field", "old", "new")
        for entry in trail:
            log.add_row(
                f"{entry.at:%d/%m/%Y %H:%M}", entry.who, entry.operation, entry.field,
                entry.old or "", entry.new or "",
            )  # fmt: skip
