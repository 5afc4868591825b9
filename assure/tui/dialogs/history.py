"""`y`: a record's dated updates and its audit trail (who changed what, when, from and to)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from assure.services import history

if TYPE_CHECKING:
    from assure.tui.app import AssureApp


class HistoryModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,y", "dismiss", "Close")]

    class _Loaded(Message):
        def __init__(self, found: history.History) -> None:
            super().__init__()
            self.found = found

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
        self.query_one("#updates", DataTable).add_columns("on", "by", "update", "status")
        self.query_one("#audit", DataTable).add_columns(
            "at (UTC)", "who", "change", "field", "old", "new"
        )
        app = cast("AssureApp", self.app)
        rtype, rid = self.record_type, self.record_id
        self.run_worker(
            lambda: self.post_message(
                self._Loaded(history.history(app.store, app.actor, rtype, rid))
            ),
            thread=True,
        )

    @on(_Loaded)
    def _show(self, event: _Loaded) -> None:
        table = self.query_one("#updates", DataTable)
        for note in event.found.updates:
            change = f"{note.status_from} -> {note.status_to}" if note.status_to else ""
            table.add_row(f"{note.on:%d/%m/%Y}", note.author, note.text, change)
        log = self.query_one("#audit", DataTable)
        for entry in event.found.audit:
            log.add_row(
                f"{entry.at:%d/%m/%Y %H:%M}", entry.who, entry.operation, entry.field,
                entry.old, entry.new,
            )  # fmt: skip
