"""Threats: the SPR threats of the edition in force, their evidence and gaps this year."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from assure.core.clock import FinancialYear
from assure.services import catalogue
from assure.services.evidence import usecases as evidence
from assure.services.evidence.queries import ThreatDetail
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.record_table import Column, RecordTable

COLUMNS = (
    Column("threat", 20, flex=True),
    Column("evidence this year", 8),
    Column("gaps", 30, drop=1),
)
Choices = dict[str, list[catalogue.Choice]]


class ThreatsScreen(AssureScreen):
    TITLE = "Threats"
    HELP = (
        "The national threats of the Strategic Policing Requirement edition in force, with the "
        "number of evidence items recorded against each in this financial year and the gaps: "
        "a threat with no evidence, or a dimension (capacity and contribution, capability, "
        "consistency, connectivity) with none. Move the cursor to see a threat's summary and "
        "its evidence per dimension, this year's assessment on each dimension, its live board "
        "actions and open HMICFRS findings, and the plan priorities that bear on it. `a` records "
        "an assessment (the level and why) for any financial year: last year's gaps can still "
        "be closed after 31 March, when statements are written. Record evidence on the "
        "Evidence screen (`e`, `a`)."
    )
    BINDINGS = [Binding("r", "refresh", "Refresh"), Binding("a", "assess", "Assess")]
    OPERATIONS = {"assess": "record-assessment"}

    def __init__(self) -> None:
        super().__init__()
        self.view: evidence.ThreatsView | None = None

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield RecordTable(id="threats", columns=COLUMNS, sortable=True)
        yield Static(id="detail", classes="detail")
        yield footer

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = self.assure
        self.call(
            lambda: evidence.threats(app.store, app.actor, app.today), self.show, group="load"
        )

    def show(self, view: evidence.ThreatsView) -> None:
        self.view = view
        self.table.fill(
            (
                row.id,
                (row.name, str(row.evidence), ("! " + "; ".join(row.gaps)) if row.gaps else "none"),
            )
            for row in view.threats
        )
        if self.table.current_id is not None:
            self.detail(self.table.current_id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self.detail(int(event.row_key.value))

    def detail(self, threat_id: int) -> None:
        app = self.assure
        self.call(
            lambda: evidence.threat_detail(app.store, app.actor, app.today, threat_id),
            lambda info: self.show_detail(threat_id, info),
            group="detail",
        )

    def show_detail(self, threat_id: int, info: ThreatDetail) -> None:
        view = self.view
        if view is None:
            return
        cover = view.coverage
        row = next(r for r in cover.rows if r.threat_id == threat_id)
        counts = ", ".join(
            f"{dim}: {n or 'GAP'}" for dim, n in zip(cover.dimensions, row.counts, strict=True)
        )
        # a Text, not markup: rationales cite evidence as [E40], which markup would swallow
        text = Text.assemble(
            (row.threat, "bold"),
            f" ({view.edition})\n",
            view.summaries.get(threat_id, ""),
            f"\nEvidence in {view.year} by dimension: {counts}\nAssessments {view.year}:\n",
        )
        for dim, level, why in info.assessments:
            text.append(f"  {dim}: ")
            text.append(level, "bold")
            text.append(f" ({why})\n" if why else "\n")
        text.append(f"Board actions live: {info.live_actions}")
        if info.overdue_actions:
            text.append(f", ! {info.overdue_actions} OVERDUE", "red")
        text.append(f"; open HMICFRS findings: {info.open_findings}\nPlan priorities: ")
        text.append("; ".join(info.priorities) or "none linked")
        self.query_one("#detail", Static).update(text)

    def action_assess(self) -> None:
        threat_id = self.table.current_id
        if threat_id is None:
            return
        app = self.assure
        self.call(
            lambda: {
                "dimension": catalogue.dimensions(app.store, app.actor, by="code"),
                "level": catalogue.levels(app.store, app.actor),
            },
            lambda found: self.open_assessment(threat_id, found),
            group="one",
        )

    def open_assessment(self, threat_id: int, found: Choices, dimension: str = "",
                        year: str = "") -> None:  # fmt: skip
        """The assessment form, for any financial year (this one unless `year` says)."""
        app = self.assure
        fields = [
            Field("year", "Financial year (e.g. 2025-26)",
                  value=year or FinancialYear.of(app.today).label, required=True),
            Field("dimension", "Dimension", "select", options=options(found["dimension"]),
                  value=dimension, required=True),
            Field("level", "Assurance", "select", options=options(found["level"]),
                  required=True),
            Field("rationale", "Why (cite the evidence)", required=True),
        ]  # fmt: skip

        def submit(v: dict[str, str]) -> evidence.AssessmentRow:
            chosen = FinancialYear.parse(v["year"])  # a bad year is refused under its field
            return evidence.record_assessment(
                app.store,
                app.actor,
                app.today,
                threat_id=threat_id,
                year=chosen,
                dimension_code=v["dimension"],
                level_code=v["level"],
                rationale=v["rationale"],
            )

        form = FormModal(
            "Record an assessment",
            fields,
            submit,
            says=lambda a: f"{a.threat}, {a.dimension}, {a.year}: assessment recorded.",
        )
        self.app.push_screen(form, lambda saved: self.detail(threat_id) if saved else None)
