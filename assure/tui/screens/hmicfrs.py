"""HMICFRS: reports with their grades and s55 clocks; findings under their cause of concern."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Tree

from assure.core import rules
from assure.core.clock import govuk_date
from assure.services import catalogue
from assure.services.inspections import usecases as inspections
from assure.services.inspections.queries import FindingNode, ReportView
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.confirm import ConfirmModal
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
        "`y` shows its history. `enter` opens and closes a branch. `n` records a new report; on "
        "a report (or anything under it) `g` adds a graded area, `f` adds a finding (a "
        "recommendation can sit under a cause of concern) and `r` records the steps of the "
        "PCC's s55 response (comments invited and received, published, copies sent); the "
        "report says which are still to do. On a recommendation `x` records the action taken "
        "or proposed, or why none. When a "
        "new report re-inspects what an earlier one found, `S` on the new report lists the "
        "earlier report's open findings and, once confirmed, marks them superseded by it."
    )
    BINDINGS = [
        Binding("n", "add_report", "New report"),
        Binding("f", "add_finding", "Add finding"),
        Binding("g", "add_grade", "Add grade"),
        Binding("r", "response", "s55 response"),
        Binding("x", "explain", "Explain"),
        Binding("S", "supersede", "Supersede earlier"),
        Binding("u", "status", "Update status"),
        Binding("y", "history", "History"),
    ]
    OPERATIONS = {
        "add_report": "edit-inspection",
        "add_grade": "edit-inspection",
        "response": "edit-inspection",
        "explain": "edit-finding",
        "supersede": "edit-finding",
        "add_finding": "edit-finding",
        "status": "edit-finding",
    }

    def __init__(self) -> None:
        super().__init__()
        self.views: dict[int, ReportView] = {}

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield Tree("HMICFRS reports", id="reports")
        yield footer

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: object = None) -> None:
        app = self.assure
        self.call(
            lambda: inspections.reports(app.store, app.actor, app.today),
            lambda views: self.show(views, keep),
            group="load",
        )

    def show(self, views: list[ReportView], keep: object = None) -> None:
        self.views = {v.id: v for v in views}
        tree = self.query_one(Tree)
        keep = keep if keep is not None else self._current()
        tree.clear()
        tree.root.expand()
        for view in views:
            style = "bold red" if "OVERDUE" in view.s55_state else ""
            label = Text.assemble(
                (view.title, "bold"),
                f"  {view.kind}, published {govuk_date(view.published_on)}; ",
                (f"{view.s55_state} by {govuk_date(view.s55_last_day)}", style),
            )
            node = tree.root.add(label, data=("report", view.id), expand=True)
            if view.s55_missing:
                node.add_leaf(Text("s55 still to do: " + "; ".join(view.s55_missing), "yellow"))
            for area, grade in view.grades:
                node.add_leaf(f"{area}: {grade}")
            for finding in view.findings:
                self._add(node, finding)
        self._select(keep)

    def _current(self) -> object:
        """What the cursor is on: a finding's id, ("report", id), or None."""
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def _select(self, keep: object) -> None:
        """Put the cursor back on the finding or report it was on (the tree was rebuilt)."""
        if keep is None:
            return
        tree = self.query_one(Tree)
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and node.data == keep:
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

    # --- reports, grades, findings and the s55 response ----------------------------------------

    def _report_id(self) -> int | None:
        """The report under the cursor, or the one the cursor's finding or grade belongs to."""
        node = self.query_one(Tree).cursor_node
        while node is not None and not (isinstance(node.data, tuple) and node.data[0] == "report"):
            node = node.parent
        if node is None:
            self.notify("Choose a report first.", severity="warning")
            return None
        data = cast("tuple[str, int]", node.data)
        return data[1]

    def _saved(self, saved: object) -> None:
        """Reload with the cursor on what was saved: a finding, or a report (a new one too)."""
        if saved is None:
            return
        if isinstance(saved, inspections.ReportRow | inspections.ResponseView):
            self.reload(keep=("report", saved.id))
        else:
            self.reload(keep=getattr(saved, "id", None) if hasattr(saved, "ref") else None)

    def action_add_report(self) -> None:
        app = self.assure
        self.call(
            lambda: catalogue.vocabulary(app.store, app.actor, "inspection-kind").choices,
            lambda kinds: self._open_report(list(kinds)),
            group="one",
        )

    def _open_report(self, kinds: list[catalogue.Choice]) -> None:
        app = self.assure
        fields = [
            Field("title", "Title", required=True),
            Field("kind", "Kind", "select", options=options(kinds), required=True),
            Field("published_on", "Published on", "date", required=True),
            Field("link", "Link"),
        ]
        form = FormModal(
            "Record a new HMICFRS report",
            fields,
            lambda v: inspections.add_report(app.store, app.actor, **v),
            says=lambda r: (
                f"Recorded {r.title}; its s55 response is due by "
                f"{rules.s55_last_day(r.published_on):%-d %B %Y}."
            ),
        )
        self.app.push_screen(form, self._saved)

    def action_add_grade(self) -> None:
        report_id = self._report_id()
        if report_id is None:
            return
        app = self.assure
        self.call(
            lambda: catalogue.vocabulary(app.store, app.actor, "grade").choices,
            lambda grades: self._open_grade(report_id, list(grades)),
            group="one",
        )

    def _open_grade(self, report_id: int, grades: list[catalogue.Choice]) -> None:
        app = self.assure
        fields = [
            Field("area", "Area (e.g. Responding to the public)", required=True),
            Field("grade", "Grade", "select", options=options(grades), required=True),
        ]
        form = FormModal(
            f"Grade an area: {self.views[report_id].title}",
            fields,
            lambda v: inspections.add_grade(app.store, app.actor, report_id, **v),
            says=lambda r: f"Grade recorded for {r.title}.",
        )
        self.app.push_screen(form, self._saved)

    def action_response(self) -> None:
        report_id = self._report_id()
        if report_id is None:
            return
        app = self.assure
        self.call(
            lambda: inspections.response(app.store, app.actor, report_id),
            self._open_response,
            group="one",
        )

    def _open_response(self, view: inspections.ResponseView) -> None:
        app = self.assure
        steps = view.steps
        todo = "; ".join(steps.missing()) or "nothing: every step is recorded"

        def day(value: date | None) -> str:
            return f"{value:%d/%m/%Y}" if value else ""

        fields = [
            Field("clock", "The clock", "note",
                  value=f"published {view.published_on:%-d %B %Y}; the response is due by "
                        f"{view.last_day:%-d %B %Y}. Still to do: {todo}"),
            Field("comments_invited_on", "Chief Constable's comments invited on", "date",
                  value=day(steps.comments_invited_on)),
            Field("comments_due_on", "... asked for by", "date",
                  value=day(steps.comments_due_on)),
            Field("comments_received_on", "Chief Constable's comments received on", "date",
                  value=day(steps.comments_received_on)),
            Field("published_on", "PCC's response published on", "date",
                  value=day(steps.published_on)),
            Field("response_link", "Where it is published (link)", value=steps.response_link),
            Field("copies_sent_on", "Copies sent to HMICFRS and the Home Secretary on", "date",
                  value=day(steps.copies_sent_on)),
            Field("pcc_comments", "The PCC's comments (and response to the CC's)", "long",
                  value=view.pcc_comments),
        ]  # fmt: skip
        form = FormModal(
            f"s55 response: {view.title}",
            fields,
            lambda v: inspections.record_steps(
                app.store,
                app.actor,
                view.id,
                version=view.version,
                **{k: v[k] for k in v if k != "clock"},
            ),
            says=lambda r: f"s55 steps recorded for {r.title}.",
        )
        self.app.push_screen(form, self._saved)

    def action_explain(self) -> None:
        fid = self._finding_id()
        if fid is None:
            return
        app = self.assure
        self.call(
            lambda: inspections.finding(app.store, app.actor, fid), self._open_explain, group="one"
        )

    def _open_explain(self, finding: inspections.FindingView) -> None:
        """The explanation form names the recommendation and starts from what was recorded."""
        app = self.assure
        form = FormModal(
            f"Explain the action on {finding.ref} (s55(5B))",
            [
                Field("recommendation", "Recommendation", "note", value=finding.text),
                Field(
                    "explanation",
                    "The action taken or proposed, or why none",
                    "long",
                    value=finding.explanation,
                    required=True,
                ),
            ],
            lambda v: inspections.explain(app.store, app.actor, finding.id, v["explanation"]),
            says=lambda f: f"Explanation recorded for {f.ref}.",
        )
        self.app.push_screen(form, self._saved)

    def action_add_finding(self) -> None:
        report_id = self._report_id()
        if report_id is None:
            return
        app = self.assure
        self.call(
            lambda: {
                "kind": list(catalogue.vocabulary(app.store, app.actor, "finding-kind").choices),
                "people": catalogue.people(app.store, app.actor),
                "threats": catalogue.threats(app.store, app.actor, app.today),
            },
            lambda found: self._open_finding(report_id, found),
            group="one",
        )

    def _open_finding(self, report_id: int, found: dict[str, list[catalogue.Choice]]) -> None:
        app = self.assure
        concerns = [
            (f"{f.ref}: {f.text[:60]}", f.id)
            for f in self.views[report_id].findings
            if "cause of concern" in f.kind.lower()
        ]
        people = options(found["people"])
        fields = [
            Field("ref", "Ref (e.g. AFI3, CoC1-R2)", required=True),
            Field("kind", "Kind", "select", options=options(found["kind"]), required=True),
            Field("text", "Finding", required=True),
            Field("parent_id", "Under the cause of concern (recommendations)", "select",
                  options=concerns),
            Field("force_lead", "Force lead", "select", options=people),
            Field("opcc_lead", "OPCC lead", "select", options=people),
            Field("target_date", "Target date", "date"),
            Field("threat_ids", "SPR threats", "multi", options=options(found["threats"])),
        ]  # fmt: skip
        form = FormModal(
            f"Add a finding: {self.views[report_id].title}",
            fields,
            lambda v: inspections.add_finding(app.store, app.actor, app.today, report_id, **v),
            says=lambda f: f"Recorded {f.ref}.",
        )
        self.app.push_screen(form, self._saved)

    # --- a new report carries an earlier one's findings ----------------------------------------

    def action_supersede(self) -> None:
        newer_id = self._report_id()
        if newer_id is None:
            return
        newer = self.views[newer_id]
        earlier = [
            (f"{v.title} ({v.published_on:%d/%m/%Y})", v.id)
            for v in self.views.values()
            if v.published_on < newer.published_on
        ]
        if not earlier:
            self.notify(f"No report was published before {newer.title}.", severity="warning")
            return
        app = self.assure
        form = FormModal(
            f"Which report does {newer.title} re-inspect?",
            [Field("earlier", "Earlier report", "select", options=earlier, required=True)],
            lambda v: inspections.open_findings_of(app.store, app.actor, newer_id, v["earlier"]),
        )
        self.app.push_screen(form, self._confirm_supersede)

    def _confirm_supersede(self, plan: inspections.Superseding | None) -> None:
        if plan is None:
            return
        if not plan.refs:
            self.notify(f"{plan.earlier.title} has no open findings.")
            return
        app = self.assure
        question = (
            f"Mark {len(plan.refs)} open finding{'s' if len(plan.refs) != 1 else ''} of "
            f"{plan.earlier.title} ({', '.join(plan.refs)}) superseded by {plan.newer.title}, "
            f"as of {plan.newer.published_on:%-d %B %Y}?"
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.call(
                    lambda: inspections.supersede_findings(
                        app.store, app.actor, plan.newer.id, plan.earlier.id
                    ),
                    self._superseded,
                    group="write",
                    refused="Not superseded",
                )

        self.app.push_screen(ConfirmModal(question), answer)

    def _superseded(self, done: inspections.Superseding) -> None:
        self.notify(f"{len(done.refs)} findings of {done.earlier.title} superseded.", title="Saved")
        self.reload()
