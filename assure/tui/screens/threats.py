"""Threats: the SPR threats of the edition in force, their evidence and gaps this year."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from assure.core.clock import FinancialYear
from assure.services.evidence import queries, spr
from assure.services.evidence import records as evidence
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.screens.base import AssureScreen


class ThreatsScreen(AssureScreen):
    TITLE = "Threats"
    HELP = (
        "The national threats of the Strategic Policing Requirement edition in force, with the "
        "number of evidence items recorded against each in this financial year and the gaps: "
        "a threat with no evidence, or a dimension (capacity and contribution, capability, "
        "consistency, connectivity) with none. Move the cursor to see a threat's summary and "
        "its evidence per dimension, this year's assessment on each dimension, its live board "
        "actions and open HMICFRS findings, and the plan priorities that bear on it. `a` records "
        "an assessment (the level and why). Record evidence on the Evidence screen (`e`, `a`)."
    )
    BINDINGS = [Binding("r", "refresh", "Refresh"), Binding("a", "assess", "Assess")]
    EDIT_ACTIONS = frozenset({"assess"})

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
        self.detail(rows[index].id)

    @work(thread=True, exclusive=True, group="threat-detail")
    def detail(self, threat_id: int) -> None:
        app = self.assure
        info = app.read(lambda s: queries.threat_detail(s, threat_id, app.today))
        app.call_from_thread(self.show_detail, threat_id, info)

    def show_detail(self, threat_id: int, info: queries.ThreatDetail) -> None:
        threat = next(t for t in self.cover.threats if t.id == threat_id)
        counts = ", ".join(
            f"{d.name}: {self.cover.count(threat, d) or 'GAP'}" for d in self.cover.dimensions
        )
        year = FinancialYear.of(self.assure.today).label
        levels = "\n".join(
            f"  {dim}: [b]{level}[/b]{' (' + why + ')' if why else ''}"
            for dim, level, why in info.assessments
        )
        overdue = f", [red]! {info.overdue_actions} OVERDUE[/red]" if info.overdue_actions else ""
        self.query_one("#detail", Static).update(
            f"[b]{threat.name}[/b] ({self.cover.edition.name})\n{threat.summary}\n"
            f"Evidence in {year} by dimension: {counts}\n"
            f"Assessments {year}:\n{levels}\n"
            f"Board actions live: {info.live_actions}{overdue}; open HMICFRS findings: "
            f"{info.open_findings}\nPlan priorities: {'; '.join(info.priorities) or 'none linked'}"
        )

    def action_assess(self) -> None:
        table = self.query_one(DataTable)
        rows = getattr(self, "rows", [])
        if not rows:
            return
        threat_id = rows[table.cursor_row].id
        app = self.assure

        def options(s: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            from assure.models import AssuranceLevel

            levels = [
                (lv.name, lv.code)
                for lv in s.exec(select(AssuranceLevel).order_by(col(AssuranceLevel.position)))
            ]
            return [(d.name, d.code) for d in spr.dimensions(s)], levels

        dims, levels = app.read(options)
        year = FinancialYear.of(app.today)
        fields = [
            Field("dimension", "Dimension", "select", options=dims, required=True),
            Field("level", f"Assurance in {year.label}", "select", options=levels, required=True),
            Field("rationale", "Why (cite the evidence)", required=True),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                from assure.models import Threat

                threat = s.get(Threat, threat_id)
                assert threat is not None
                evidence.set_assessment(
                    s, app.actor, threat=threat, year=year.start_year,
                    dimension=spr.dimension_by_code(s, v["dimension"]), level_code=v["level"],
                    rationale=v["rationale"], today=app.today,
                )  # fmt: skip
                return f"Assessment recorded for {threat.name}."

            return app.write(write)

        def done(saved: object | None) -> None:
            if saved:
                self.detail(threat_id)

        self.app.push_screen(FormModal("Record an assessment", fields, submit), done)
