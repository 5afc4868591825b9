"""HMICFRS: reports with their grades and s55 clocks; findings under their cause of concern."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Tree

from assure.models import Finding, Term
from assure.services.inspections import findings as inspections
from assure.services.inspections import queries
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen

S55 = {
    "open": "s55 response due",
    "published": "s55 response published",
    "late": "s55 response published late",
    "overdue": "! OVERDUE s55 response",
}


class HmicfrsScreen(AssureScreen):
    TITLE = "HMICFRS"
    HELP = (
        "Inspection reports, newest first, each with its graded areas and the s55 clock: the "
        "PCC must publish a response within 56 days of publication. Under each report, its "
        "findings: recommendations sit under the cause of concern they answer. A finding past "
        "its target date says `! OVERDUE`. On a finding, `s` sets its status (with a note) and "
        "`y` shows its history. `enter` opens and closes a branch."
    )
    BINDINGS = [Binding("s", "status", "Set status"), Binding("y", "history", "History")]
    EDIT_ACTIONS = frozenset({"status"})

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield Tree("HMICFRS reports", id="reports")
        yield footer

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="hmicfrs")
    def load(self) -> None:
        app = self.assure
        views = app.read(lambda s: inspections_views(s, app.today))
        app.call_from_thread(self.show, views)

    def show(self, views: list[queries.ReportView]) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        tree.root.expand()
        for view in views:
            clock = S55.get(view.s55_state, view.s55_state)
            style = "bold red" if "OVERDUE" in clock else ""
            label = Text.assemble(
                (view.title, "bold"),
                f"  {view.kind}, published {view.published_on:%d %b %Y}; ",
                (f"{clock} by {view.s55_last_day:%d %b %Y}", style),
            )
            node = tree.root.add(label, expand=True)
            for area, grade in view.grades:
                node.add_leaf(f"{area}: {grade}")
            for finding in view.findings:
                self._add(node, finding)

    def _add(self, parent: Any, f: queries.FindingNode) -> None:
        marker = ("! OVERDUE ", "bold red") if f.overdue else ("", "")
        target = f", target {f.target:%d/%m/%Y}" if f.target else ""
        label = Text.assemble(
            marker, (f"{f.ref} ", "bold"), f"[{f.kind}] {f.text[:90]} ({f.status}{target})"
        )
        node = (
            parent.add(label, data=f.id, expand=True)
            if f.children
            else parent.add_leaf(label, data=f.id)
        )
        for child in f.children:
            self._add(node, child)

    def _finding_id(self) -> int | None:
        node = self.query_one(Tree).cursor_node
        if node is None or not isinstance(node.data, int):
            self.notify("Choose a finding first.", severity="warning")
            return None
        return node.data

    def action_status(self) -> None:
        fid = self._finding_id()
        if fid is None:
            return
        app = self.assure

        def options(s: Session) -> tuple[Finding | None, list[tuple[str, str]]]:
            from sqlmodel import col, select

            terms = s.exec(
                select(Term).where(Term.vocabulary == "finding-status").order_by(col(Term.position))
            )
            return s.get(Finding, fid), [(t.label, t.code) for t in terms]

        finding, statuses = app.read(options)
        if finding is None:
            return
        fields = [
            Field(
                "status", "Status", "select", value=finding.status, options=statuses, required=True
            ),
            Field("note", "Note", required=True),
            Field("reason", "Reason (needed for no action)"),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                current = s.get(Finding, fid)
                assert current is not None
                inspections.set_finding_status(
                    s, app.actor, current, v["status"], v["note"], app.today, v["reason"]
                )
                return f"{finding.ref} is now {v['status']}."

            return app.write(write)

        def done(saved: object | None) -> None:
            if saved:
                self.reload()

        self.app.push_screen(FormModal(f"Status of {finding.ref}", fields, submit), done)

    def action_history(self) -> None:
        fid = self._finding_id()
        if fid is not None:
            self.app.push_screen(HistoryModal("finding", fid, "this finding"))


def inspections_views(session: Session, today: Any) -> list[queries.ReportView]:
    return queries.inspections(session, today)
