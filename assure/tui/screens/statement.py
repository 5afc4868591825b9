"""Statement: choose a year, see its gaps, preview, build the files, approve."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Markdown, Static

from assure.core.clock import FinancialYear
from assure.core.errors import AssureError
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.screens.base import AssureScreen


class StatementScreen(AssureScreen):
    TITLE = "Statement"
    HELP = (
        "The annual Strategic Policing Requirement assurance statement. Type a financial year "
        "(2025-26) and press `enter`: the gaps in that year's evidence are listed. `v` previews "
        "the statement as it would be built now; `B` builds it into `exports/` as Word, HTML and "
        "Markdown and stores the draft with its evidence manifest; `A` records the "
        "Commissioner's approval of the latest draft, which freezes its text."
    )
    BINDINGS = [
        Binding("v", "preview", "Preview"),
        Binding("B", "build", "Build files"),
        Binding("A", "approve", "Approve"),
        Binding("slash", "year", "Change year"),
        Binding("escape", "leave_year", "Back", show=False),
    ]
    EDIT_ACTIONS = frozenset({"build"})

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            with Horizontal(classes="filters"):
                yield Label("Financial year ", classes="field-label")
                yield Input(id="year")
            yield Static(id="status")
            yield Label("Gaps", classes="panel-title")
            yield Static(id="gaps")
            with VerticalScroll(id="preview-box"):
                yield Markdown(id="preview")
        yield footer

    def on_mount(self) -> None:
        year = FinancialYear.of(self.assure.today).previous()
        self.query_one("#year", Input).value = year.label
        self.query_one("#preview-box").focus()
        self.reload()

    def year(self) -> FinancialYear | None:
        try:
            return FinancialYear.parse(self.query_one("#year", Input).value)
        except AssureError as exc:
            self.query_one("#status", Static).update(str(exc))
            return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#preview-box").focus()
        self.reload()

    def action_year(self) -> None:
        self.query_one("#year", Input).focus()

    def action_leave_year(self) -> None:
        self.query_one("#preview-box").focus()

    def reload(self) -> None:
        year = self.year()
        if year is not None:
            self.load(year)

    @work(thread=True, exclusive=True, group="statement")
    def load(self, year: FinancialYear) -> None:
        from assure.services.statement import gather as statement

        app = self.assure

        def read(s: Session) -> tuple[list[str], str]:
            data = statement.gather(s, year, app.settings, app.today)
            row = statement.stored_for(s, year)
            if row is None:
                standing = "nothing built yet"
            elif row.status == "approved":
                standing = f"approved by {row.approved_by} on {row.approved_on:%d %B %Y}"
            else:
                standing = f"latest draft built {row.built_at:%d %B %Y %H:%M}"
            return data.gaps, standing

        gaps, standing = app.read(read)
        app.call_from_thread(self.show, year, gaps, standing)

    def show(self, year: FinancialYear, gaps: list[str], standing: str) -> None:
        self.query_one("#status", Static).update(f"{year.label}: {standing}")
        text = (
            "\n".join(f"! {g}" for g in gaps)
            if gaps
            else "No gaps: every threat and dimension has evidence and an assessment."
        )
        self.query_one("#gaps", Static).update(text)

    def action_preview(self) -> None:
        year = self.year()
        if year is not None:
            self.preview(year)

    @work(thread=True, exclusive=True, group="preview")
    def preview(self, year: FinancialYear) -> None:
        from assure.render import statement as render
        from assure.services.statement import gather as statement

        app = self.assure
        text = app.read(
            lambda s: render.markdown(statement.gather(s, year, app.settings, app.today))
        )
        app.call_from_thread(self.query_one("#preview", Markdown).update, text)

    def action_build(self) -> None:
        year = self.year()
        if year is None:
            return
        from assure.core.config import EXPORTS_DIR
        from assure.render import statement as render
        from assure.services.statement import gather as statement

        app = self.assure

        def write(s: Session) -> Any:
            data = statement.gather(s, year, app.settings, app.today)
            content = render.markdown(data)
            return statement.store_draft(
                s, app.actor, data, content, statement.edition_id_for(s, data)
            )

        row = self.save(write, f"Draft of {year.label} stored.")
        if row is None:
            return
        banner = render.Banner(row.sha256, "draft")
        title = f"{app.settings.area_name}: SPR assurance statement {year.label}"
        stem = EXPORTS_DIR / f"spr-statement-{year.label}-draft"
        render.write(stem.with_suffix(".md"), render.markdown_file(row.content, banner).encode())
        render.write(stem.with_suffix(".html"), render.html(row.content, banner, title).encode())
        render.write(stem.with_suffix(".docx"), render.docx(row.content, banner, title))
        self.notify(f"Wrote {stem}.docx, .html and .md", title="Built")
        self.reload()

    def action_approve(self) -> None:
        year = self.year()
        if year is None:
            return
        from assure.services.statement import gather as statement

        app = self.assure
        fields = [
            Field(
                "by", "Approved by (the Commissioner)", value=app.settings.pcc_name, required=True
            )
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                row = statement.approve(s, app.actor, year, v["by"], app.today)
                return f"{year.label} approved by {row.approved_by}."

            return app.write(write)

        def done(saved: object | None) -> None:
            if saved:
                self.reload()

        self.app.push_screen(FormModal(f"Approve the {year.label} statement", fields, submit), done)
