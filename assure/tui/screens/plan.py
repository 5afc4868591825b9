"""Plan: the Police and Crime Plan's priorities, their OPCC and force leads, RAG and updates."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from assure.services import catalogue
from assure.services.plan import priorities as plan
from assure.services.plan import queries
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen

RAG = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


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
    EDIT_ACTIONS = frozenset({"update", "leads"})

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield DataTable(id="priorities", cursor_type="row", zebra_stripes=True)
        yield footer

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "theme", "priority", "OPCC lead", "force lead", "RAG", "update due"
        )
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="plan")
    def load(self) -> None:
        rows = self.assure.read(queries.priorities)
        self.assure.call_from_thread(self.show, rows)

    def show(self, rows: list[queries.PriorityRow]) -> None:
        today = self.assure.today
        table = self.query_one(DataTable)
        table.clear()
        for r in rows:
            due = Text("")
            if r.update_due:
                late = r.update_due < today
                due = Text(
                    f"{'! OVERDUE ' if late else ''}{r.update_due:%d/%m/%Y}",
                    style="bold red" if late else "",
                )
            table.add_row(
                r.theme, r.title, r.opcc_lead, r.force_lead, Text(r.rag, style=RAG.get(r.rag, "")),
                due, key=str(r.id),
            )  # fmt: skip

    def action_update(self) -> None:
        pid = self.selected_row()
        if pid is None:
            return
        app = self.assure
        priority = app.read(lambda s: plan.get_priority(s, pid))
        rag = [(x, x) for x in ("red", "amber", "green", "not-rated")]
        fields = [
            Field("text", "Progress", required=True),
            Field("rag", "RAG", "select", value=priority.rag, options=rag),
            Field("next_due", "Next update due", "date"),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                plan.add_priority_update(
                    s, app.actor, plan.get_priority(s, pid), v["text"], app.today,
                    rag=v["rag"], next_due=v["next_due"] or None,
                )  # fmt: skip
                return f"Update recorded: {priority.title}."

            return app.write(write)

        self.app.push_screen(
            FormModal(f"Update: {priority.title}", fields, submit), self.saved_then_reload
        )

    def action_leads(self) -> None:
        pid = self.selected_row()
        if pid is None:
            return
        app = self.assure
        priority = app.read(lambda s: plan.get_priority(s, pid))
        people = app.read(catalogue.people_options)
        fields = [
            Field("opcc_lead", "OPCC lead", "select", options=people),
            Field("force_lead", "Force lead", "select", options=people),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                plan.set_leads(
                    s, app.actor, plan.get_priority(s, pid), opcc_lead=v["opcc_lead"],
                    force_lead=v["force_lead"], expected_version=priority.version,
                )  # fmt: skip
                return f"Leads set: {priority.title}."

            return app.write(write)

        self.app.push_screen(
            FormModal(f"Leads: {priority.title}", fields, submit), self.saved_then_reload
        )

    def action_history(self) -> None:
        pid = self.selected_row()
        if pid is not None:
            self.app.push_screen(HistoryModal("priority", pid, "this priority"))
