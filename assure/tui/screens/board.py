"""Board: the action log (filtered, paged) and the meetings that raised it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, DataTable, Input, Label, Select, Static

from assure.services import catalogue
from assure.services.board import usecases as board
from assure.services.board.queries import ActionFilter, ActionRow, MeetingRow
from assure.services.catalogue import Vocabulary
from assure.tui.dialogs import action_forms as forms
from assure.tui.dialogs import meeting_forms
from assure.tui.dialogs.confirm import ConfirmModal
from assure.tui.dialogs.form import FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.paged_table import PagedTable
from assure.tui.widgets.record_table import Column, RecordTable, Row

COLUMNS = (
    Column("", 9),  # the overdue marker
    Column("ref", 14),
    Column("title", 10, flex=True),
    Column("owner", 11),
    Column("due", 10),
    Column("original", 10, drop=1),
    Column("status", 11),
)

MEETING_COLUMNS = (
    Column("date", 10),
    Column("title", 12, flex=True),
    Column("board", 28, drop=1),
    Column("actions", 7),
)


class BoardScreen(AssureScreen):
    TITLE = "Board"
    HELP = (
        "The Business Coordination Board's action log, earliest due first. Type in **search** "
        "to match a ref or title, in **owner** to match an owner, choose a **status** or tick "
        "**overdue only**; the table answers as you type. Overdue rows say `! OVERDUE`. "
        "`pagedown`/`pageup` move a page; click a column's header (ref, owner, status, due) to "
        "order the log by it. On a row: `enter` edits it, `u` records a progress "
        "update, `c` proposes completion, `A` accepts a proposed completion (closing the action) "
        "and `R` rejects it, `x` requests an extension and `g` decides one (the original due "
        "date is always kept: an edit cannot move it), `S` supersedes it (with the reason; it "
        "is kept and counted apart from closed), `y` shows its history. `a` adds an action, "
        "linked to its meeting and agenda item and to the threats, priorities and findings it "
        "serves (an owner not yet in People can be named there). Closing an action takes two "
        "steps: the owner proposes, the office accepts."
    )
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("u", "update", "Update"),
        Binding("c", "propose", "Propose done"),
        Binding("A", "accept", "Accept"),
        Binding("R", "reject", "Reject"),
        Binding("x", "extend", "Extension"),
        Binding("g", "decide", "Decide ext."),
        Binding("S", "supersede", "Supersede"),
        Binding("y", "history", "History"),
        Binding("M", "add_meeting", "Add meeting"),
        Binding("I", "add_item", "Add agenda item"),
        Binding("m", "edit_meeting", "Edit meeting"),
    ]
    OPERATIONS = {
        "add": "add-action",
        "edit": "edit-action",
        "update": "update-action",
        "propose": "propose-completion",
        "accept": "decide-completion",
        "reject": "decide-completion",
        "extend": "request-extension",
        "decide": "decide-extension",
        "supersede": "supersede-action",
        "add_meeting": "add-meeting",
        "add_item": "add-agenda-item",
        "edit_meeting": "edit-meeting",
    }

    def __init__(self) -> None:
        super().__init__()
        self.filter = ActionFilter()
        self.statuses = Vocabulary("action-status", ())
        self.pending_ref = ""  # a ref to show once the screen has loaded

    def compose(self) -> ComposeResult:
        app = self.assure
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            yield PagedTable(
                columns=COLUMNS,
                load=lambda text, offset, limit: board.action_log(
                    app.store, app.actor, app.today, replace(self.filter, text=text), offset, limit
                ),
                count=lambda text: board.count_actions(
                    app.store, app.actor, app.today, replace(self.filter, text=text)
                ),
                render=self.render_action,
                noun="actions",
                placeholder="search ref or title (/)",
                filters=[
                    Input(placeholder="owner", id="owner", compact=True),
                    Select(
                        [("live", "live"), ("all", "all")],
                        value="live",
                        allow_blank=False,
                        id="status",
                        compact=True,
                    ),
                    Checkbox("overdue only", id="overdue", compact=True),
                ],
                table_id="actions",
                id="log",
            )
            yield Static(id="detail", classes="row-detail")
            yield Label(
                "Meetings (M adds one; I adds an agenda item to the one chosen, m corrects it)",
                classes="panel-title",
                id="meetings-title",
            )
            with Horizontal(id="meeting-row"):
                yield RecordTable(id="meetings", columns=MEETING_COLUMNS)
                yield Static(id="agenda", classes="detail")
        yield footer

    @property
    def register(self) -> PagedTable:
        return self.query_one("#log", PagedTable)

    @property
    def table(self) -> RecordTable:
        return self.register.table

    def on_mount(self) -> None:
        self.table.focus()  # letters are keys until you choose a filter box (/ or the mouse)
        app = self.assure
        self.call(
            lambda: catalogue.vocabulary(app.store, app.actor, "action-status"),
            self._statuses_loaded,
            group="vocabulary",
        )

    def _statuses_loaded(self, statuses: Vocabulary) -> None:
        self.statuses = statuses
        options = [("live", "live"), ("all", "all")]
        options += [(c.label, str(c.value)) for c in statuses.choices]
        self.query_one("#status", Select).set_options(options)
        self.query_one("#status", Select).value = self.filter.status
        if self.pending_ref:
            self.show_ref(self.pending_ref)
            self.pending_ref = ""
        else:
            self.register.reload()

    def show_ref(self, ref: str) -> None:
        """Show one action by its ref, whatever its status (the palette's jump)."""
        if not self.query("#search"):  # opened just now: once composed and loaded
            self.pending_ref = ref
            return
        self.filter.status = "all"
        self.query_one("#status", Select).value = "all"
        self.query_one("#search", Input).value = ref  # the register filters on it
        self.table.focus()

    def reload(self) -> None:
        """Show what changed elsewhere (another screen, another person); keep the cursor."""
        self.register.reload()
        self.load_meetings()

    def render_action(self, row: ActionRow) -> Row:
        style = "red" if row.overdue else ""
        return row.id, (
            Text("! OVERDUE", style="bold red") if row.overdue else Text(""),
            Text(row.ref, style=style),
            row.title,
            row.owner,
            f"{row.due:%d/%m/%Y}",
            f"{row.original_due:%d/%m/%Y}" if row.original_due != row.due else "",
            self.statuses.label(row.status),
        )

    # --- meetings and agenda -----------------------------------------------------------------

    @on(PagedTable.Shown)
    def _first_page(self, event: PagedTable.Shown) -> None:
        if self.register.pages_shown == 1:
            self.load_meetings()
        if self.table.current_id is not None:
            self.show_detail(self.table.current_id)

    def load_meetings(self, keep: int | None = None) -> None:
        app = self.assure
        self.call(
            lambda: board.meetings(app.store, app.actor, app.today),
            lambda rows: self._show_meetings(rows, keep),
            group="meetings",
        )

    def _show_meetings(self, rows: list[MeetingRow], keep: int | None) -> None:
        table = self.query_one("#meetings", RecordTable)
        table.fill(
            ((m.id, (f"{m.held_on:%d/%m/%Y}", m.title, m.board, str(m.actions))) for m in rows),
            keep=keep,
        )
        if table.current_id is not None:
            self.load_agenda(table.current_id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "meetings" and event.row_key.value:
            self.load_agenda(int(event.row_key.value))
        elif event.data_table.id == "actions" and event.row_key.value:
            self.show_detail(int(event.row_key.value))

    def show_detail(self, action_id: int) -> None:
        """The highlighted action in full: the table cuts long titles to fit the terminal."""
        page = self.register.page
        row = next((r for r in page.rows if r.id == action_id), None) if page else None
        if row is not None:
            late = " ! OVERDUE" if row.overdue else ""
            self.query_one("#detail", Static).update(
                Text.assemble(
                    (row.ref, "bold"),
                    f" {row.title} · {row.owner} · due {row.due:%d/%m/%Y}"
                    f" · {self.statuses.label(row.status)}{late}",
                )
            )

    def load_agenda(self, meeting_id: int) -> None:
        app = self.assure
        self.call(
            lambda: board.agenda(app.store, app.actor, meeting_id),
            self._show_agenda,
            group="agenda",
        )

    def _show_agenda(self, items: list[board.AgendaRow]) -> None:
        text = "\n".join(f"{i.number}. {i.title}" for i in items) or "No agenda items recorded."
        self.query_one("#agenda", Static).update(Text("Agenda\n" + text))

    def action_add_meeting(self) -> None:
        form = meeting_forms.add_meeting(self.assure)
        self.app.push_screen(form, lambda m: self.load_meetings(m.id) if m else None)

    def _meeting_chosen(self) -> int | None:
        meeting_id = self.query_one("#meetings", RecordTable).current_id
        if meeting_id is None:
            self.notify("Choose a meeting first.", severity="warning")
        return meeting_id

    def action_add_item(self) -> None:
        meeting_id = self._meeting_chosen()
        if meeting_id is not None:
            form = meeting_forms.add_item(self.assure, meeting_id)
            self.app.push_screen(form, lambda item: self.load_agenda(meeting_id) if item else None)

    def action_edit_meeting(self) -> None:
        meeting_id, app = self._meeting_chosen(), self.assure
        if meeting_id is not None:
            self.call(lambda: board.meeting(app.store, app.actor, meeting_id), self._open_meeting)

    def _open_meeting(self, found: board.MeetingView) -> None:
        form = meeting_forms.edit_meeting(self.assure, found)
        self.app.push_screen(form, lambda m: self.load_meetings(m.id) if m else None)

    # --- filters ---------------------------------------------------------------------------

    @on(Input.Changed, "#owner")
    def _owner(self, event: Input.Changed) -> None:
        self.register.typed_at = self.register.shown_at = 0.0
        self.filter.owner = event.value.strip()
        self.register.refilter()

    @on(PagedTable.Sort)
    def _sort(self, event: PagedTable.Sort) -> None:
        """Click a header: ref, owner or status orders the log by it; anything else by due."""
        order = event.column if event.column in ("ref", "owner", "status") else "due"
        if order != self.filter.order:
            self.filter.order = order
            self.register.refilter()
            self.notify(f"Ordered by {order}.", timeout=2)

    @on(Select.Changed, "#status")
    def _status(self, event: Select.Changed) -> None:
        if event.value not in (Select.NULL, self.filter.status):
            self.filter.status = str(event.value)
            self.register.refilter()

    @on(Checkbox.Changed, "#overdue")
    def _overdue(self, event: Checkbox.Changed) -> None:
        if event.value != self.filter.overdue:
            self.filter.overdue = event.value
            self.register.refilter()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """`enter` (or a click) on an action opens it for editing."""
        if event.data_table.id == "actions" and self.check_action("edit", ()):
            self.action_edit()
        elif event.data_table.id == "meetings" and self.check_action("edit_meeting", ()):
            self.action_edit_meeting()

    # --- the selected action -----------------------------------------------------------------

    def _chosen(self, verb: str) -> int | None:
        rid = self.table.current_id
        if rid is None:
            self.notify(f"Choose an action to {verb} first.", severity="warning")
        return rid

    def saved(self, row: ActionRow | None) -> None:
        """After a write: show the record as the use case returned it, the cursor still on it.

        A changed action is redrawn in place (an accepted completion shows closed at once, even
        where the filter would now leave it out); a new one is found by reloading the page.
        """
        if row is None:
            return
        if not self.register.update(row.id, row):
            self.register.reload(keep=row.id)
        self.load_meetings(self.query_one("#meetings", RecordTable).current_id)

    def _with_action(self, verb: str, then: Any) -> None:
        """Read the chosen action (off the UI thread), then open its form."""
        rid = self._chosen(verb)
        if rid is None:
            return
        app = self.assure
        self.call(lambda: board.action(app.store, app.actor, app.today, rid), then, group="one")

    def _open(self, form: FormModal[ActionRow]) -> None:
        self.app.push_screen(form, self.saved)

    def action_add(self) -> None:
        app = self.assure
        self.call(
            lambda: forms.add_choices(app),
            lambda found: self._open(forms.add_action(app, found)),
            group="one",
        )

    def action_edit(self) -> None:
        app = self.assure
        rid = self._chosen("edit")
        if rid is not None:
            self.call(
                lambda: (
                    board.action(app.store, app.actor, app.today, rid),
                    catalogue.people(app.store, app.actor),
                ),
                lambda found: self._open(forms.edit_action(app, *found)),
                group="one",
            )

    def _text_form(self, verb: str, title: str, label: str, use_case: Any) -> None:
        self._with_action(
            verb, lambda action: self._open(forms.note(action, title, label, use_case))
        )

    def action_supersede(self) -> None:
        app = self.assure
        self._text_form(
            "supersede", "Superseded", "Why (which action replaces it)",
            lambda rid, text: board.supersede_action(app.store, app.actor, app.today, rid, text),
        )  # fmt: skip

    def action_update(self) -> None:
        app = self.assure
        self._text_form(
            "update", "Progress update", "What has happened?",
            lambda rid, text: board.record_progress(app.store, app.actor, app.today, rid, text),
        )  # fmt: skip

    def action_propose(self) -> None:
        app = self.assure
        self._text_form(
            "propose as complete", "Completion proposed", "Evidence that it is done",
            lambda rid, text: board.propose_completion(app.store, app.actor, app.today, rid, text),
        )  # fmt: skip

    def action_reject(self) -> None:
        app = self.assure
        self._text_form(
            "reject", "Completion rejected", "Why it is not yet done",
            lambda rid, text: board.reject_completion(app.store, app.actor, app.today, rid, text),
        )  # fmt: skip

    def action_accept(self) -> None:
        app = self.assure

        def ask(action: board.ActionView) -> None:
            def answer(yes: bool | None) -> None:
                if yes:
                    self.call(
                        lambda: board.accept_completion(app.store, app.actor, app.today, action.id),
                        self._accepted,
                        group="write",
                        refused="Not closed",
                    )

            self.app.push_screen(
                ConfirmModal(f"Accept completion and close {action.ref}: {action.title}?"), answer
            )

        self._with_action("accept", ask)

    def _accepted(self, row: ActionRow) -> None:
        self.notify(f"{row.ref} is closed.", title="Saved")
        self.saved(row)

    def action_extend(self) -> None:
        app = self.assure
        self._with_action("extend", lambda action: self._open(forms.request_extension(app, action)))

    def action_decide(self) -> None:
        app = self.assure

        def open_form(action: board.ActionView) -> None:
            if action.pending_extension is None:
                self.notify(f"{action.ref} has no extension request awaiting a decision.")
                return
            self._open(forms.decide_extension(app, action, action.pending_extension))

        self._with_action("decide an extension for", open_form)

    def action_history(self) -> None:
        self._with_action(
            "show the history of",
            lambda action: self.app.push_screen(HistoryModal("action", action.id, action.ref)),
        )
