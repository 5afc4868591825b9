"""Evidence: find it, record it, and link it to threats and dimensions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from assure.services import catalogue
from assure.services.evidence import usecases as evidence
from assure.services.evidence.queries import EvidenceRow
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.form import Field, FormModal
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
Choices = dict[str, list[catalogue.Choice]]


class EvidenceScreen(AssureScreen):
    TITLE = "Evidence"
    HELP = (
        "Every dated item of evidence, newest first: board papers, audits, exercises, HMICFRS "
        "reports, scrutiny meetings. Type to search titles and sources. `a` records new "
        "evidence and links it to the SPR threats and the four dimensions it bears on: the "
        "Home screen's coverage grid and the statement's gaps change at once. `y` shows an "
        "item's history; `pagedown`/`pageup` move a page."
    )
    BINDINGS = [
        Binding("a", "add", "Add evidence"),
        Binding("y", "history", "History"),
    ]
    OPERATIONS = {"add": "record-evidence"}

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
        app = self.assure

        def choices() -> Choices:
            return {
                "threats": catalogue.threats(app.store, app.actor, app.today),
                "dimensions": catalogue.dimensions(app.store, app.actor),
                "kind": [
                    catalogue.Choice(c.label, c.value)
                    for c in catalogue.vocabulary(app.store, app.actor, "evidence-kind").choices
                ],
            }

        self.call(choices, self._open_add, group="one")

    def _open_add(self, found: Choices) -> None:
        app = self.assure
        kinds = options(found["kind"])
        fields = [
            Field("title", "Title", required=True),
            Field("occurred_on", "Date", "date", required=True),
            Field("kind", "Kind", "select", options=kinds,
                  value="other" if any(k[1] == "other" for k in kinds) else ""),
            Field("source", "Source (paper, report, link)"),
            Field("summary", "Summary"),
            Field("threats", "Threats it bears on", "multi", options=options(found["threats"])),
            Field("dimensions", "Dimensions", "multi", options=options(found["dimensions"])),
        ]  # fmt: skip
        form = FormModal(
            "Record evidence",
            fields,
            lambda v: evidence.record_evidence(
                app.store,
                app.actor,
                title=v["title"],
                occurred_on=v["occurred_on"],
                kind=v["kind"] or "other",
                source=v["source"],
                summary=v["summary"],
                threat_ids=v["threats"],
                dimension_ids=v["dimensions"],
            ),
            says=lambda row: f"Recorded E{row.id}.",
        )
        self.app.push_screen(form, lambda row: self.register.reload(keep=row.id) if row else None)

    def action_history(self) -> None:
        key = self.register.table.current_id
        if key is not None:
            self.app.push_screen(HistoryModal("evidence", key, f"E{key}"))
