"""Plan: the Police and Crime Plan's priorities, their OPCC and force leads, RAG and updates."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from assure.services import catalogue
from assure.services.catalogue import Vocabulary
from assure.services.plan import usecases as plan
from assure.services.plan.queries import PriorityRow
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.record_table import Column, RecordTable, Row

COLUMNS = (
    Column("theme", 24, drop=1),
    Column("priority", 20, flex=True),
    Column("OPCC lead", 12),
    Column("force lead", 12, drop=2),
    Column("RAG", 11),
    Column("update due", 20),
)
RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


class PlanScreen(AssureScreen):
    TITLE = "Plan"
    HELP = (
        "The priorities of the Police and Crime Plan by theme, with their OPCC and force leads, "
        "their RAG rating and when the next progress update is due (`! OVERDUE` when it is "
        "late). `u` records a progress update with a new RAG and the next update date; `l` sets "
        "the leads; `y` shows a priority's updates and history."
    )
    BINDINGS = [
        Binding("u", "update", "Update"),
        Binding("l", "leads", "Set leads"),
        Binding("y", "history", "History"),
    ]
    OPERATIONS = {"update": "edit-priority", "leads": "edit-priority"}

    def __init__(self) -> None:
        super().__init__()
        self.rag = Vocabulary("rag", ())
        self.rows: dict[int, PriorityRow] = {}

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield RecordTable(id="priorities", columns=COLUMNS, sortable=True)
        yield footer

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        app = self.assure
        self.call(
            lambda: (
                catalogue.vocabulary(app.store, app.actor, "rag"),
                plan.priorities(app.store, app.actor),
            ),
            lambda loaded: self.show(*loaded, keep=keep),
            group="load",
        )

    def show(self, rag: Vocabulary, rows: list[PriorityRow], keep: int | None = None) -> None:
        self.rag = rag
        self.rows = {r.id: r for r in rows}
        self.table.fill((self.render_priority(r) for r in rows), keep=keep)

    def render_priority(self, r: PriorityRow) -> Row:
        due = Text("")
        if r.update_due:
            late = r.update_due < self.assure.today
            due = Text(
                f"{'! OVERDUE ' if late else ''}{r.update_due:%d/%m/%Y}",
                style="bold red" if late else "",
            )
        rag = Text(self.rag.label(r.rag), style=RAG_STYLE.get(r.rag, ""))
        return r.id, (r.theme, r.title, r.opcc_lead, r.force_lead, rag, due)

    def saved(self, row: PriorityRow | None) -> None:
        """After a write: redraw the priority in place; the cursor stays on it."""
        if row is None:
            return
        self.rows[row.id] = row
        if not self.table.update_row(*self.render_priority(row)):
            self.reload(keep=row.id)

    def _chosen(self) -> PriorityRow | None:
        pid = self.table.current_id
        if pid is None:
            self.notify("Choose a priority first.", severity="warning")
        return self.rows.get(pid) if pid is not None else None

    def action_update(self) -> None:
        priority = self._chosen()
        if priority is None:
            return
        app = self.assure
        rag = [(c.label, c.value) for c in self.rag.choices]
        fields = [
            Field("text", "Progress", required=True),
            Field("rag", "RAG", "select", value=priority.rag, options=rag),
            Field("next_due", "Next update due", "date"),
        ]
        form = FormModal(
            f"Update: {priority.title}",
            fields,
            lambda v: plan.record_update(
                app.store,
                app.actor,
                app.today,
                priority.id,
                text=v["text"],
                rag=v["rag"],
                next_due=v["next_due"] or None,
            ),
            says=lambda row: f"Update recorded: {row.title}.",
        )
        self.app.push_screen(form, self.saved)

    def action_leads(self) -> None:
        priority = self._chosen()
        if priority is None:
            return
        app = self.assure

        def open_form(people: list[catalogue.Choice]) -> None:
            options = [(c.label, c.value) for c in people]
            fields = [
                Field("opcc_lead", "OPCC lead", "select", options=options,
                      value=priority.opcc_lead or ""),
                Field("force_lead", "Force lead", "select", options=options,
                      value=priority.force_lead or ""),
            ]  # fmt: skip
            form = FormModal(
                f"Leads: {priority.title}",
                fields,
                lambda v: plan.set_leads(
                    app.store,
                    app.actor,
                    priority.id,
                    version=priority.version,
                    opcc_lead=v["opcc_lead"],
                    force_lead=v["force_lead"],
                ),
                says=lambda row: f"Leads set: {row.title}.",
            )
            self.app.push_screen(form, self.saved)

        self.call(lambda: catalogue.people(app.store, app.actor), open_form, group="one")

    def action_history(self) -> None:
        priority = self._chosen()
        if priority is not None:
            self.app.push_screen(HistoryModal("priority", priority.id, priority.title))
