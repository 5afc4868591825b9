"""Threats: the SPR threats of the edition in force, their evidence and gaps this year."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from assure.clock import FinancialYear
from assure.services import queries, spr
from assure.tui.screens.base import AssureScreen


class ThreatsScreen(AssureScreen):
    TITLE = "Threats"
    HELP = (
        "The national threats of the Strategic Policing Requirement edition in force, with the "
        "number of evidence items recorded against each in this financial year and the gaps: "
        "a threat with no evidence, or a dimension (capacity and contribution, capability, "
        "consistency, connectivity) with none. Move the cursor to see a threat's summary and "
        "its evidence per dimension below. Record evidence on the Evidence screen (`e`, then `a`)."
    )
    BINDINGS = [Binding("r", "refresh", "Refresh")]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield DataTable(id="threats", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail", classes="detail")
        yield footer

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("threat", "evidence this year", "gaps")
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="threats")
    def load(self) -> None:
        app = self.assure
        cover, rows = app.read(lambda s: queries.threats_overview(s, app.today))
        app.call_from_thread(self.show, cover, rows)

    def show(self, cover: spr.Coverage, rows: list[queries.ThreatRow]) -> None:
        self.cover, self.rows = cover, rows
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            gaps = "; ".join(row.gaps) if row.gaps else "none"
            marker = "! " if row.gaps else ""
            table.add_row(row.name, str(row.evidence), marker + gaps, key=str(row.id))
        self.describe(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.describe(event.cursor_row)

    def describe(self, index: int) -> None:
        rows = getattr(self, "rows", [])
        if not rows or index >= len(rows):
            return
        threat = next(t for t in self.cover.threats if t.id == rows[index].id)
        counts = ", ".join(
            f"{d.name}: {self.cover.count(threat, d) or 'GAP'}" for d in self.cover.dimensions
        )
        year = FinancialYear.of(self.assure.today).label
        self.query_one("#detail", Static).update(
            f"[b]{threat.name}[/b] ({self.cover.edition.name})\n{threat.summary}\n\n"
            f"Evidence in {year} by dimension: {counts}"
        )
