"""Board: the action log (filtered, paged) and the meetings that raised it."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Input, Label, Select, Static

from assure.core import rules
from assure.services import catalogue
from assure.services.board import actions as board
from assure.services.board import queries
from assure.services.paging import Page
from assure.tui.modals.confirm import ConfirmModal
from assure.tui.modals.form import Field, FormModal
from assure.tui.modals.history import HistoryModal
from assure.tui.screens.base import AssureScreen

PAGE = 50
DEBOUNCE = 0.03  # seconds of quiet after a keystroke before the query runs
STATUSES = [("live", "live"), ("all", "all")] + [
    (s, s) for s in ("open", "in-progress", "complete", "closed", "superseded")
]


class BoardScreen(AssureScreen):
    TITLE = "Board"
    HELP = (
        "The Business Coordination Board's action log, earliest due first. Type in **search** "
        "to match a ref or title, in **owner** to match an owner, choose a **status** or tick "
        "**overdue only**; the table answers as you type. Overdue rows say `! OVERDUE`. "
        "`pagedown`/`pageup` move a page. On a row: `enter` edits it, `u` records a progress "
        "update, `c` proposes completion, `A` accepts a proposed completion (closing the action) "
        "and `R` rejects it, `x` requests an extension and `g` decides one (the original due "
        "date is always kept), `y` shows its history. `a` adds an action. Closing an action "
        "takes two steps: the owner proposes, the office accepts."
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
        Binding("y", "history", "History"),
        Binding("M", "add_meeting", "Add meeting"),
        Binding("I", "add_item", "Add agenda item"),
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Prev page", show=False),
        Binding("slash", "search", "Search"),
        Binding("escape", "leave_filter", "Back to table", show=False),
    ]
    EDIT_ACTIONS = frozenset(
        {
            "add",
            "edit",
            "update",
            "propose",
            "accept",
            "reject",
            "extend",
            "decide",
            "add_meeting",
            "add_item",
        }
    )

    def __init__(self) -> None:
        super().__init__()
        self.filter = queries.ActionFilter()
        self.page_offset = 0
        self.page: Page | None = None
        self.pages_shown = 0  # how many pages have been painted (the bench waits on it)
        self.typed_at = self.shown_at = 0.0  # monotonic times of the last keystroke and page
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            with Horizontal(classes="filters"):
                yield Input(placeholder="search ref or title (/)", id="search")
                yield Input(placeholder="owner", id="owner")
                yield Select(STATUSES, value="live", allow_blank=False, id="status")
                yield Checkbox("overdue only", id="overdue")
            yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
            yield Label("", id="pager", classes="pager")
            yield Label(
                "Meetings (M adds one; I adds an agenda item to the one chosen)",
                classes="panel-title",
            )
            with Horizontal(id="meeting-row"):
                yield DataTable(id="meetings", cursor_type="row")
                yield Static(id="agenda", classes="detail")
        yield footer

    def on_mount(self) -> None:
        table = self.query_one("#actions", DataTable)
        table.add_columns("", "ref", "title", "owner", "due", "original", "status")
        self.query_one("#meetings", DataTable).add_columns("date", "board", "title", "actions")
        self.query_one("#meeting-row").styles.height = 8
        table.focus()  # letters are keys until you choose a filter box (/ or the mouse)
        self.reload()  # the meetings load once the first page is on screen

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load(self.filter, self.page_offset)

    @work(thread=True, exclusive=True, group="actions")
    def load(self, filt: queries.ActionFilter, offset: int) -> None:
        """The page first, then its total (counting 100,000 actions takes longer)."""
        app = self.assure
        page = app.read(lambda s: queries.actions_page(s, app.today, filt, offset, PAGE, False))
        app.call_from_thread(self.show, page)
        page.total = app.read(lambda s: queries.actions_count(s, app.today, filt))
        app.call_from_thread(self.show_total, page)

    @work(thread=True, group="meetings")
    def load_meetings(self) -> None:
        app = self.assure
        rows = app.read(lambda s: queries.meetings(s, app.today))
        app.call_from_thread(self.show_meetings, rows)

    def show(self, page: Page) -> None:
        self.page = page
        self.pages_shown += 1
        self.shown_at = time.perf_counter()
        if self.pages_shown == 1:
            self.load_meetings()
        table = self.query_one("#actions", DataTable)
        table.clear()
        for row in page.rows:
            marker = Text("! OVERDUE", style="bold red") if row.overdue else Text("")
            style = "red" if row.overdue else ""
            table.add_row(
                marker,
                Text(row.ref, style=style),
                row.title,
                row.owner,
                f"{row.due:%d/%m/%Y}",
                f"{row.original_due:%d/%m/%Y}" if row.original_due != row.due else "",
                row.status,
                key=str(row.id),
            )
        self.show_total(page)

    def show_total(self, page: Page) -> None:
        self.query_one("#pager", Label).update(f"actions {page.label} (pagedown/pageup for more)")

    def show_meetings(self, rows: list[queries.MeetingRow]) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        for m in rows:
            table.add_row(f"{m.held_on:%d/%m/%Y}", m.board, m.title, str(m.actions), key=str(m.id))
        if rows:
            self.load_agenda(rows[0].id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "meetings" and event.row_key.value:
            self.load_agenda(int(event.row_key.value))

    @work(thread=True, exclusive=True, group="agenda")
    def load_agenda(self, meeting_id: int) -> None:
        items = self.assure.read(lambda s: queries.agenda(s, meeting_id))
        text = "\n".join(f"{n}. {title}" for n, title in items) or "No agenda items recorded."
        self.assure.call_from_thread(self.query_one("#agenda", Static).update, "Agenda\n" + text)

    def action_add_meeting(self) -> None:
        app = self.assure
        fields = [
            Field("held_on", "Date", "date", required=True),
            Field("title", "Title", placeholder="e.g. June 2026 meeting"),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                meeting = board.add_meeting(
                    s, app.actor, v["held_on"], v["title"], app.settings.board_name
                )
                return f"Meeting on {meeting.held_on:%d %B %Y} added."

            return app.write(write)

        self.app.push_screen(FormModal("Add a board meeting", fields, submit), self._meetings_saved)

    def action_add_item(self) -> None:
        meeting_id = self.selected_row("#meetings")
        if meeting_id is None:
            self.notify("Choose a meeting first.", severity="warning")
            return
        app = self.assure

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                from assure.models import Meeting

                meeting = s.get(Meeting, meeting_id)
                assert meeting is not None
                item = board.add_agenda_item(s, app.actor, meeting, v["agenda_item"])
                return f"Agenda item {item.number} added."

            return app.write(write)

        fields = [Field("agenda_item", "Agenda item", required=True)]
        self.app.push_screen(FormModal("Add an agenda item", fields, submit), self._meetings_saved)

    def _meetings_saved(self, saved: bool | None) -> None:
        if saved:
            self.load_meetings()

    # --- filters -----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.typed_at = time.perf_counter()
        if event.input.id == "search":
            self.filter.text = event.value.strip()
        elif event.input.id == "owner":
            self.filter.owner = event.value.strip()
        else:
            return
        self.refilter()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status" and event.value not in (Select.NULL, self.filter.status):
            self.filter.status = str(event.value)
            self.refilter()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.value == self.filter.overdue:
            return
        self.filter.overdue = event.value
        self.refilter()

    def refilter(self) -> None:
        """Debounce keystrokes: query once typing pauses for a moment."""
        self.page_offset = 0
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, self.reload)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """`enter` (or a click) on an action opens it for editing."""
        if event.data_table.id == "actions" and self.check_action("edit", ()):
            self.action_edit()

    def action_leave_filter(self) -> None:
        self.query_one("#actions", DataTable).focus()

    def action_page(self, step: int) -> None:
        if self.page is None:
            return
        new = self.page_offset + step * PAGE
        if new >= 0 and (step < 0 or self.page.more):
            self.page_offset = new
            self.reload()

    # --- the selected action -----------------------------------------------------------------

    def selected_id(self) -> int | None:
        return self.selected_row("#actions")

    def _with_action(self, verb: str) -> int | None:
        rid = self.selected_id()
        if rid is None:
            self.notify(f"Choose an action to {verb} first.", severity="warning")
        return rid

    def _form(self, title: str, fields: list[Field], submit: Any) -> None:
        def done(saved: bool | None) -> None:
            if saved:
                self.reload()
                self.load_meetings()

        self.app.push_screen(FormModal(title, fields, submit), done)

    def action_add(self) -> None:
        app = self.assure
        people = app.read(catalogue.people_options)
        meetings = app.read(lambda s: queries.meetings(s, app.today, 20))
        fields = [
            Field("title", "Action", required=True),
            Field("owner", "Owner", "select", options=people, required=True),
            Field("due_date", "Due date", "date", required=True),
            Field(
                "meeting", "Raised at meeting", "select",
                options=[(f"{m.held_on:%d/%m/%Y} {m.board}", m.id) for m in meetings],
            ),
        ]  # fmt: skip

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                from assure.models import Meeting

                meeting = s.get(Meeting, v["meeting"]) if v["meeting"] else None
                action = board.add_action(
                    s, app.actor, title=v["title"], owner=v["owner"], due_date=v["due_date"],
                    today=app.today, meeting=meeting,
                )  # fmt: skip
                return f"Added {action.ref}."

            return app.write(write)

        self._form("Add an action", fields, submit)

    def action_edit(self) -> None:
        rid = self._with_action("edit")
        if rid is None:
            return
        app = self.assure
        action = app.read(lambda s: board.get_action(s, rid))
        owner = app.read(lambda s: _owner_name(s, action.owner_id))
        people = app.read(catalogue.people_options)
        fields = [
            Field("title", "Action", value=action.title, required=True),
            Field("owner", "Owner", "select", value=owner, options=people, required=True),
            Field("due_date", "Due date (original)", "date", value=f"{action.due_date:%d/%m/%Y}",
                  required=True),
        ]  # fmt: skip

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                current = board.get_action(s, rid)
                board.edit_action(
                    s, app.actor, current, expected_version=action.version, title=v["title"],
                    owner=v["owner"], due_date=v["due_date"],
                )  # fmt: skip
                return f"Saved {current.ref}."

            return app.write(write)

        self._form(f"Edit {action.ref}", fields, submit)

    def _text_form(self, verb: str, title: str, label: str, call: Any) -> None:
        rid = self._with_action(verb)
        if rid is None:
            return
        app = self.assure
        ref = app.read(lambda s: board.get_action(s, rid).ref)

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                call(s, board.get_action(s, rid), v["text"])
                return f"{title}: {ref}."

            return app.write(write)

        self._form(f"{title}: {ref}", [Field("text", label, required=True)], submit)

    def action_update(self) -> None:
        app = self.assure
        self._text_form(
            "update", "Progress update", "What has happened?",
            lambda s, a, text: board.progress(s, app.actor, a, text, app.today),
        )  # fmt: skip

    def action_propose(self) -> None:
        app = self.assure
        self._text_form(
            "propose as complete", "Completion proposed", "Evidence that it is done",
            lambda s, a, text: board.propose_completion(s, app.actor, a, text, app.today),
        )  # fmt: skip

    def action_reject(self) -> None:
        app = self.assure
        self._text_form(
            "reject", "Completion rejected", "Why it is not yet done",
            lambda s, a, text: board.reject_completion(s, app.actor, a, text, app.today),
        )  # fmt: skip

    def action_accept(self) -> None:
        rid = self._with_action("accept")
        if rid is None:
            return
        app = self.assure
        action = app.read(lambda s: board.get_action(s, rid))

        def answer(yes: bool | None) -> None:
            if (
                yes
                and self.save(
                    lambda s: board.accept_completion(
                        s, app.actor, board.get_action(s, rid), "Completion accepted.", app.today
                    ),
                    f"{action.ref} is closed.",
                )
                is not None
            ):
                self.reload()

        self.app.push_screen(
            ConfirmModal(f"Accept completion and close {action.ref}: {action.title}?"), answer
        )

    def action_extend(self) -> None:
        rid = self._with_action("extend")
        if rid is None:
            return
        app = self.assure
        action = app.read(lambda s: board.get_action(s, rid))
        due = rules.current_due(action.due_date, action.revised_due_date)
        fields = [
            Field("new_due", f"New due date (now {due:%d/%m/%Y})", "date", required=True),
            Field("reason", "Reason", required=True),
        ]

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                board.request_extension(
                    s, app.actor, board.get_action(s, rid), v["new_due"], v["reason"], app.today
                )
                return f"Extension requested for {action.ref}."

            return app.write(write)

        self._form(f"Request an extension: {action.ref}", fields, submit)

    def action_decide(self) -> None:
        rid = self._with_action("decide an extension for")
        if rid is None:
            return
        app = self.assure
        action = app.read(lambda s: board.get_action(s, rid))
        pending = [
            e
            for e in app.read(lambda s: board.extensions_of(s, action))
            if e.decision == "requested"
        ]
        if not pending:
            self.notify(f"{action.ref} has no extension request awaiting a decision.")
            return
        request = pending[-1]
        fields = [
            Field("decision", f"Extend to {request.requested_due:%d/%m/%Y}? ({request.reason})",
                  "select", options=[("grant", "grant"), ("refuse", "refuse")], required=True),
            Field("agreed_by", "Decided by", value=app.actor.name, required=True),
        ]  # fmt: skip

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                ext = board.get_extension(s, request.id or 0)
                board.decide_extension(
                    s, app.actor, ext, v["decision"] == "grant", v["agreed_by"], app.today
                )
                return f"Extension {'granted' if v['decision'] == 'grant' else 'refused'}."

            return app.write(write)

        self._form(f"Decide the extension: {action.ref}", fields, submit)

    def action_history(self) -> None:
        rid = self._with_action("show the history of")
        if rid is None:
            return
        ref = self.assure.read(lambda s: board.get_action(s, rid).ref)
        self.app.push_screen(HistoryModal("action", rid, ref))


def _owner_name(session: Session, owner_id: int | None) -> str:
    from assure.models import Person

    person = session.get(Person, owner_id) if owner_id else None
    return person.name if person else ""
