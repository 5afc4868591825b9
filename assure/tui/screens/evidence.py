"""Evidence: find it, record it, and link it to threats and dimensions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable

from assure.services.evidence import usecases as evidence
from assure.services.evidence.queries import EvidenceRow
from assure.services.evidence.usecases import EvidenceView
from assure.tui.dialogs import evidence_forms as forms
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.paged_table import PagedTable
from assure.tui.widgets.record_table import Column, Row

COLUMNS = (
    Column("ref", 6),
    Column("date", 10),
    Column("kind", 18, drop=2),
    Column("title", 16, flex=True),
    Column("source", 24, drop=1),
    Column("threats", 12, drop=3),
)


class EvidenceScreen(AssureScreen):
    TITLE = "Evidence"
    HELP = (
        "Every dated item of evidence, newest first: board papers, audits, exercises, HMICFRS "
        "reports, scrutiny meetings. Type to search titles and sources. `a` records new "
        "evidence and links it to the SPR threats and the four dimensions it bears on, and to "
        "the board meeting, action or HMICFRS finding it comes from: the Home screen's "
        "coverage grid and the statement's gaps change at once. `enter` corrects an item and "
        "its links (every change is kept in its history). `y` shows an "
        "item's history; `pagedown`/`pageup` move a page."
    )
    BINDINGS = [
        Binding("a", "add", "Add evidence"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("y", "history", "History"),
    ]
    OPERATIONS = {"add": "record-evidence", "edit": "record-evidence"}

    def compose(self) -> ComposeResult:
        app = self.assure
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            yield PagedTable(
                columns=COLUMNS,
                load=lambda text, offset, limit: evidence.evidence_page(
                    app.store, app.actor, text, offset, limit
                ),
                render=self.render_item,
                noun="evidence",
                placeholder="search title or source (/)",
                table_id="evidence",
                id="register",
            )
        yield footer

    @property
    def register(self) -> PagedTable:
        return self.query_one("#register", PagedTable)

    def on_mount(self) -> None:
        self.register.table.focus()
        self.register.reload()

    def reload(self) -> None:
        self.register.reload()

    @staticmethod
    def render_item(row: EvidenceRow) -> Row:
        return row.id, (
            f"E{row.id}", f"{row.occurred_on:%d/%m/%Y}", row.kind, row.title, row.source,
            row.threats,
        )  # fmt: skip

    def action_add(self) -> None:
        self.call(lambda: forms.choices(self.assure), self._open_add, group="one")

    def _open_add(self, found: forms.Choices) -> None:
        self.app.push_screen(forms.record(self.assure, found), self._saved)

    def action_edit(self) -> None:
        key = self.register.table.current_id
        if key is None:
            return
        app = self.assure

        def load() -> tuple[EvidenceView, forms.Choices]:
            item = evidence.evidence_item(app.store, app.actor, key)
            return item, forms.choices(app, item.finding_id)

        self.call(load, self._open_edit)

    def _open_edit(self, got: tuple[EvidenceView, forms.Choices]) -> None:
        self.app.push_screen(forms.edit(self.assure, *got), self._saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """`enter` (or a click) on an item opens it for correcting."""
        if event.data_table.id == "evidence" and self.check_action("edit", ()):
            self.action_edit()

    def _saved(self, row: EvidenceRow | None) -> None:
        if row is not None:
            self.register.reload(keep=row.id)

    def action_history(self) -> None:
        key = self.register.table.current_id
        if key is not None:
            self.app.push_screen(HistoryModal("evidence", key, f"E{key}"))
