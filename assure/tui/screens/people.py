"""People: owners and leads, their contact details, their login and what they may do in assure."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from assure.core.policy import ACCESS_LEVELS
from assure.services import people
from assure.services.people import PersonRow
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.record_table import Column, RecordTable, Row

COLUMNS = (
    Column("name", 20, flex=True),
    Column("role", 24, drop=2),
    Column("organisation", 24, drop=3),
    Column("e-mail", 26, drop=1),
    Column("login", 10, drop=4),
    Column("access", 12),
    Column("active", 6),
)
ACCESS = [(level.capitalize(), level) for level in ACCESS_LEVELS]
ACTIVE = [("Active", True), ("Deactivated (kept on history, gone from pickers)", False)]


class PeopleScreen(AssureScreen):
    TITLE = "People"
    HELP = (
        "Everyone who owns an action, leads a finding or a plan priority, with their e-mail "
        "(reminders go there), their login (the operating-system account that is them) and "
        "their access: **officer** keeps the registers, **commissioner** reads and approves "
        "statements, **viewer** reads. `a` adds a person, `enter` edits the selected one (a "
        "person who has left is deactivated, not deleted: their history stays), `y` shows "
        "their history. Changing access or a login is audited."
    )
    BINDINGS = [
        Binding("a", "add", "Add person"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("y", "history", "History"),
    ]
    OPERATIONS = {"add": "edit-person", "edit": "edit-person"}

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, PersonRow] = {}

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield RecordTable(id="people", columns=COLUMNS, sortable=True)
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
            lambda: people.people(app.store, app.actor),
            lambda rows: self.show(rows, keep),
            group="load",
        )

    def show(self, rows: list[PersonRow], keep: int | None = None) -> None:
        self.rows = {r.id: r for r in rows}
        self.table.fill((self.render_person(r) for r in rows), keep=keep)

    @staticmethod
    def render_person(p: PersonRow) -> Row:
        return p.id, (
            p.name, p.role, p.organisation, p.email, p.login, p.access.capitalize(),
            "yes" if p.active else "no",
        )  # fmt: skip

    def saved(self, row: PersonRow | None) -> None:
        if row is None:
            return
        self.rows[row.id] = row
        if not self.table.update_row(*self.render_person(row)):
            self.reload(keep=row.id)

    def _fields(self, person: PersonRow | None) -> list[Field]:
        return [
            Field("name", "Name", value=person.name if person else "", required=True),
            Field("role", "Role", value=person.role if person else ""),
            Field("organisation", "Organisation", value=person.organisation if person else ""),
            Field("email", "E-mail", value=person.email if person else ""),
            Field("login", "Login (their operating-system account)",
                  value=person.login if person else ""),
            Field("access", "Access", "select", value=person.access if person else "viewer",
                  options=ACCESS, required=True),
        ]  # fmt: skip

    def action_add(self) -> None:
        app = self.assure
        form = FormModal(
            "Add a person",
            self._fields(None),
            lambda v: people.add(app.store, app.actor, **v),
            says=lambda row: f"Added {row.name}.",
        )
        self.app.push_screen(form, lambda row: self.reload(keep=row.id) if row else None)

    def action_edit(self) -> None:
        pid = self.table.current_id
        person = self.rows.get(pid) if pid is not None else None
        if person is None:
            return
        app = self.assure
        fields = [
            *self._fields(person),
            Field("active", "Active", "select", value=person.active, options=ACTIVE,
                  required=True),
        ]  # fmt: skip

        def submit(v: dict[str, Any]) -> PersonRow:
            return people.change(app.store, app.actor, person.id, version=person.version, **v)

        form = FormModal(f"Edit {person.name}", fields, submit, lambda r: f"Saved {r.name}.")
        self.app.push_screen(form, self.saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.check_action("edit", ()):
            self.action_edit()

    def action_history(self) -> None:
        pid = self.table.current_id
        if pid is not None and pid in self.rows:
            self.app.push_screen(HistoryModal("person", pid, self.rows[pid].name))
