"""The forms of a board meeting: add one, add an agenda item, correct a meeting and its agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assure.services.board import usecases as board
from assure.services.board.queries import MeetingRow
from assure.tui.dialogs.form import Field, FormModal

if TYPE_CHECKING:
    from assure.tui.app import AssureApp


def add_meeting(app: AssureApp) -> FormModal[MeetingRow]:
    fields = [
        Field("held_on", "Date", "date", required=True),
        Field("title", "Title", placeholder="e.g. June 2026 meeting"),
    ]
    return FormModal(
        "Add a board meeting",
        fields,
        lambda v: board.add_meeting(
            app.store, app.actor, v["held_on"], v["title"], app.settings.board_name
        ),
        says=lambda m: f"Meeting on {m.held_on:%d/%m/%Y} added.",
    )


def add_item(app: AssureApp, meeting_id: int) -> FormModal[board.AgendaRow]:
    return FormModal(
        "Add an agenda item",
        [Field("agenda_item", "Agenda item", required=True)],
        lambda v: board.add_agenda_item(app.store, app.actor, meeting_id, v["agenda_item"]),
        says=lambda item: f"Agenda item {item.number} added.",
    )


def edit_meeting(app: AssureApp, found: board.MeetingView) -> FormModal[MeetingRow]:
    """Correct the date, title and board, and each agenda item's title, in one save."""
    fields = [
        Field("held_on", "Date", "date", value=f"{found.held_on:%d/%m/%Y}", required=True),
        Field("title", "Title", value=found.title),
        Field("board", "Board", value=found.board, required=True),
        *[Field(f"agenda_{i.id}", f"Agenda item {i.number}", value=i.title, required=True)
          for i in found.agenda],
    ]  # fmt: skip
    return FormModal(
        f"Edit the meeting of {found.held_on:%d/%m/%Y}",
        fields,
        lambda v: board.edit_meeting(
            app.store,
            app.actor,
            app.today,
            found.id,
            version=found.version,
            held_on=v["held_on"],
            title=v["title"],
            board=v["board"],
            agenda={i.id: v[f"agenda_{i.id}"] for i in found.agenda},
        ),
        says=lambda m: f"Saved the meeting of {m.held_on:%d/%m/%Y}.",
    )
