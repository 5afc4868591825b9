"""HMICFRS: reports with their grades and s55 clocks; findings under their cause of concern."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Tree

from assure.services import catalogue
from assure.services.inspections import usecases as inspections
from assure.services.inspections.queries import FindingNode, ReportView
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen


class HmicfrsScreen(AssureScreen):
    TITLE = "HMICFRS"
    HELP = (
        "Inspection reports, newest first, each with its graded areas and the s55 clock: the "
        "PCC must publish a response within 56 days of publication. Under each report, its "
        "findings: recommendations sit under the cause of concern they answer. A finding past "
        "its target date says `! OVERDUE`. On a finding, `u` updates its status (with a note) and "
        "`y` shows its history. `enter` opens and closes a branch."
    )
    BINDINGS = [Binding("u", "status", "Update status"), Binding("y", "history", "History")]
    OPERATIONS = {"status": "edit-finding"}

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield Tree("HMICFRS reports", id="reports")
        yield footer

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        app = self.assure
        self.call(
            lambda: inspections.reports(app.store, app.actor, app.today),
            lambda views: self.show(views, keep),
            group="load",
        )

    def show(self, views: list[ReportView], keep: int | None = None) -> None:
        tree = self.query_one(Tree)
        keep = keep if keep is not None else self._current()
        tree.clear()
        tree.root.expand()
        for view in views:
            style = "bold red" if "OVERDUE" in view.s55_state else ""
            label = Text.assemble(
                (view.title, "bold"),
                f"  {view.kind}, published {view.published_on:%d %b %Y}; ",
                (f"{view.s55_state} by {view.s55_last_day:%d %b %Y}", style),
            )
            node = tree.root.add(label, expand=True)
            for area, grade in view.grades:
                node.add_leaf(f"{area}: {grade}")
            for finding in view.findings:
                self._add(node, finding)
        self._select(keep)

    def _current(self) -> int | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None and isinstance(node.data, int) else None

    def _select(self, finding_id: int | None) -> None:
        """Put the cursor back on the finding it was on (the tree was rebuilt)."""
        if finding_id is None:
            return
        tree = self.query_one(Tree)
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and node.data == finding_id:
                tree.move_cursor(node)
                return

    def _add(self, parent: Any, f: FindingNode) -> None:
        marker = ("! OVERDUE ", "bold red") if f.overdue else ("", "")
        target = f", target {f.target:%d/%m/%Y}" if f.target else ""
        label = Text.assemble(
            marker, (f"{f.ref} ", "bold"), f"{f.kind}: {f.text[:90]} ({f.status}{target})"
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
        self.call(
            lambda: (
                inspections.finding(app.store, app.actor, fid),
                catalogue.vocabulary(app.store, app.actor, "finding-status").choices,
            ),
            lambda found: self._open_status(*found),
            group="one",
        )

    def _open_status(
        self, finding: inspections.FindingView, statuses: tuple[catalogue.Choice, ...]
    ) -> None:
        app = self.assure
        fields = [
            Field("status", "Status", "select", value=finding.status,
                  options=options(list(statuses)), required=True),
            Field("note", "Note", required=True),
            Field("reason", "Reason (needed for no action)"),
        ]  # fmt: skip
        labels = {c.value: c.label for c in statuses}
        form = FormModal(
            f"Status of {finding.ref}",
            fields,
            lambda v: inspections.set_status(
                app.store,
                app.actor,
                app.today,
                finding.id,
                status=v["status"],
                note=v["note"],
                reason=v["reason"],
            ),
            says=lambda f: f"{f.ref} is now {labels.get(f.status, f.status).lower()}.",
        )
        self.app.push_screen(form, lambda f: self.reload(keep=f.id) if f else None)

    def action_history(self) -> None:
        fid = self._finding_id()
        if fid is not None:
            self.app.push_screen(HistoryModal("finding", fid, "this finding"))
