"""People: owners and leads, their contact details and what they may do in assure."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from assure.models import Person
from assure.models.people import ACCESS_ROLES
from assure.services import people
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.dialogs.history import HistoryModal
from assure.tui.screens.base import AssureScreen


class PeopleScreen(AssureScreen):
    TITLE = "People"
    HELP = (
        "Everyone who owns an action, leads a finding or a plan priority, with their e-mail "
        "(reminders go there) and their access: **officer** edits, **commissioner** reads and "
        "approves statements, **viewer** reads. `a` adds a person, `enter` edits the selected "
        "one, `y` shows their history."
    )
    BINDINGS = [
        Binding("a", "add", "Add person"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("y", "history", "History"),
    ]
    EDIT_ACTIONS = frozenset({"add", "edit"})

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        yield footer

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "name", "role", "organisation", "e-mail", "access", "active"
        )
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="people")
    def load(self) -> None:
        rows = self.assure.read(people.list_people)
        self.assure.call_from_thread(self.show, rows)

    def show(self, rows: list[Person]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for p in rows:
            table.add_row(
                p.name,
                p.role,
                p.organisation,
                p.email,
                p.access,
                "yes" if p.active else "no",
                key=str(p.id),
            )

    def _fields(self, person: Person | None) -> list[Field]:
        access = [(a, a) for a in ACCESS_ROLES]
        return [
            Field("name", "Name", value=person.name if person else "", required=True),
            Field("role", "Role", value=person.role if person else ""),
            Field("organisation", "Organisation", value=person.organisation if person else ""),
            Field("email", "E-mail", value=person.email if person else ""),
            Field(
                "access",
                "Access",
                "select",
                value=person.access if person else "viewer",
                options=access,
                required=True,
            ),
        ]

    def action_add(self) -> None:
        app = self.assure

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                person = people.add_person(
                    s, app.actor, v["name"], v["role"], v["organisation"], v["email"], v["access"]
                )
                return f"Added {person.name}."

            return app.write(write)

        self.app.push_screen(
            FormModal("Add a person", self._fields(None), submit), self.saved_then_reload
        )

    def action_edit(self) -> None:
        pid = self.selected_row()
        if pid is None:
            return
        app = self.assure
        person = app.read(lambda s: s.get(Person, pid))
        if person is None:
            return

        def submit(v: dict[str, Any]) -> str:
            def write(s: Session) -> str:
                people.update_person(s, app.actor, pid, expected_version=person.version, **v)
                return f"Saved {v['name']}."

            return app.write(write)

        self.app.push_screen(
            FormModal(f"Edit {person.name}", self._fields(person), submit), self.saved_then_reload
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.check_action("edit", ()):
            self.action_edit()

    def action_history(self) -> None:
        pid = self.selected_row()
        if pid is not None:
            self.app.push_screen(HistoryModal("person", pid, "this person"))
