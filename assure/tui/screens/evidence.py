"""Evidence: find it, record it, and link it to threats and dimensions."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label

from assure.models import Term
from assure.services.evidence import queries, spr
from assure.services.evidence import records as evidence
from assure.services.paging import Page
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen

PAGE = 50


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
        Binding("slash", "search", "Search"),
        Binding("escape", "leave_filter", "Back to table", show=False),
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Prev page", show=False),
    ]
    EDIT_ACTIONS = frozenset({"add"})

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.page_offset = 0
        self.total = 0
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            yield Input(placeholder="search title or source", id="search")
            yield DataTable(id="evidence", cursor_type="row", zebra_stripes=True)
            yield Label("", id="pager", classes="pager")
        yield footer

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("ref", "date", "kind", "title", "source", "threats")
        table.focus()
        self.reload()

    def reload(self) -> None:
        self.load(self.text, self.page_offset)

    @work(thread=True, exclusive=True, group="evidence")
    def load(self, text: str, offset: int) -> None:
        page = self.assure.read(lambda s: queries.evidence_page(s, text, offset, PAGE))
        self.assure.call_from_thread(self.show, page)

    def show(self, page: Page) -> None:
        self.total = page.total or 0
        table = self.query_one(DataTable)
        table.clear()
        for row in page.rows:
            table.add_row(
                f"E{row.id}", f"{row.occurred_on:%d/%m/%Y}", row.kind, row.title, row.source,
                row.threats, key=str(row.id),
            )  # fmt: skip
        self.query_one("#pager", Label).update(f"evidence {page.label}")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text, self.page_offset = event.value.strip(), 0
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.12, self.reload)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one(DataTable).focus()

    def action_page(self, step: int) -> None:
        new = self.page_offset + step * PAGE
        if 0 <= new < max(self.total, 1):
            self.page_offset = new
            self.reload()

    def action_add(self) -> None:
        app = self.assure

        def options(
            s: Session,
        ) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, str]]]:
            edition = spr.edition_in_force(s, app.today)
            threats = [(t.name, t.id or 0) for t in spr.threats_of(s, edition)]
            dims = [(d.name, d.id or 0) for d in spr.dimensions(s)]
            from sqlmodel import col, select

            kinds = [
                (t.label, t.code)
                for t in s.exec(
                    select(Term)
                    .where(Term.vocabulary == "evidence-kind")
                    .order_by(col(Term.position))
                )
            ]
            return threats, dims, kinds

        threats, dims, kinds = app.read(options)
        fields = [
            Field("title", "Title", required=True),
            Field("occurred_on", "Date", "date", required=True),
            Field(
                "kind",
                "Kind",
                "select",
                options=kinds,
                value="other" if any(k[1] == "other" for k in kinds) else "",
            ),
            Field("source", "Source (paper, report, link)"),
            Field("summary", "Summary"),
            Field("threats", "Threats it bears on", "multi", options=threats),
            Field("dimensions", "Dimensions", "multi", options=dims),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                item = evidence.add_evidence(
                    s, app.actor, title=v["title"], occurred_on=v["occurred_on"],
                    kind=v["kind"] or "other", source=v["source"], summary=v["summary"],
                    threat_ids=v["threats"], dimension_ids=v["dimensions"],
                )  # fmt: skip
                return f"Recorded E{item.id}."

            return app.write(write)

        self.app.push_screen(FormModal("Record evidence", fields, submit), self.saved_then_reload)

    def action_history(self) -> None:
        key = self.selected_row()
        if key is not None:
            self.app.push_screen(HistoryModal("evidence", key, f"E{key}"))
