"""The forms of a board action: add, edit, request and decide an extension, a one-line note.

Each builds a FormModal whose submit calls a use case and returns the action's row, so the
Board can redraw the action and keep its cursor on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assure.core.errors import ValidationError
from assure.services import catalogue
from assure.services.board import usecases as board
from assure.services.board.queries import ActionRow
from assure.tui.dialogs.form import Field, FormModal

if TYPE_CHECKING:
    from assure.tui.app import AssureApp

Choices = dict[str, list[catalogue.Choice]]


def options(choices: list[catalogue.Choice]) -> list[tuple[str, Any]]:
    return [(c.label, c.value) for c in choices]


def add_choices(app: AssureApp) -> Choices:
    """Everything the add form offers (run in a worker: it reads the database)."""
    return {
        "owner": catalogue.people(app.store, app.actor),
        "meeting": [
            catalogue.Choice(f"{m.held_on:%d/%m/%Y} {m.title or m.board}", m.id)
            for m in board.meetings(app.store, app.actor, app.today, 20)
        ],
        "agenda_item": catalogue.agenda_items(app.store, app.actor),
        "threats": catalogue.threats(app.store, app.actor, app.today),
        "priorities": catalogue.priorities(app.store, app.actor),
        "findings": catalogue.open_findings(app.store, app.actor),
    }


def add_action(app: AssureApp, found: Choices) -> FormModal[ActionRow]:
    """Add an action where it came from, linked to what it serves (the statement reads these)."""
    fields = [
        Field("title", "Action", required=True),
        Field("owner", "Owner", "select", options=options(found["owner"])),
        Field("new_owner", "or a new owner's name (added to People)"),
        Field("due_date", "Due date", "date", required=True),
        Field("meeting", "Raised at meeting", "select", options=options(found["meeting"])),
        Field("agenda_item", "Agenda item", "select", options=options(found["agenda_item"])),
        Field("threats", "SPR threats it serves", "multi", options=options(found["threats"])),
        Field("priorities", "Plan priorities", "multi", options=options(found["priorities"])),
        Field("findings", "HMICFRS findings it answers", "multi",
              options=options(found["findings"])),
    ]  # fmt: skip

    def submit(v: dict[str, Any]) -> ActionRow:
        if not v["owner"] and not v["new_owner"]:
            raise ValidationError("owner", "choose an owner, or name a new one")
        return board.add_action(
            app.store, app.actor, app.today, title=v["title"], owner=v["owner"] or "",
            due_date=v["due_date"], meeting_id=v["meeting"], agenda_item_id=v["agenda_item"],
            threat_ids=v["threats"], priority_ids=v["priorities"], finding_ids=v["findings"],
            new_owner=v["new_owner"],
        )  # fmt: skip

    return FormModal("Add an action", fields, submit, lambda row: f"Added {row.ref}.")


def edit_action(
    app: AssureApp, action: board.ActionView, people: list[catalogue.Choice]
) -> FormModal[ActionRow]:
    """Change the text or the owner; the original due date is shown, never edited."""
    fields = [
        Field("title", "Action", value=action.title, required=True),
        Field("owner", "Owner", "select", value=action.owner, options=options(people),
              required=True),
        Field("due", "Original due date", "note",
              value=f"{action.due_date:%d/%m/%Y} (kept for ever: to move the date, "
                    "close this and press x to request an extension)"),
    ]  # fmt: skip

    def submit(v: dict[str, Any]) -> ActionRow:
        return board.edit_action(
            app.store, app.actor, app.today, action.id, version=action.version,
            title=v["title"], owner=v["owner"],
        )  # fmt: skip

    return FormModal(f"Edit {action.ref}", fields, submit, lambda row: f"Saved {row.ref}.")


def note(
    action: board.ActionView, title: str, label: str, use_case: Callable[[int, str], ActionRow]
) -> FormModal[ActionRow]:
    """One required line of text about the action: an update, a proposal, a reason."""
    return FormModal(
        f"{title}: {action.ref}",
        [Field("text", label, "long", required=True)],
        lambda v: use_case(action.id, v["text"]),
        lambda row: f"{title}: {row.ref}.",
    )


def request_extension(app: AssureApp, action: board.ActionView) -> FormModal[ActionRow]:
    fields = [
        Field("new_due", f"New due date (now {action.current_due:%d/%m/%Y})", "date",
              required=True),
        Field("reason", "Reason", required=True),
    ]  # fmt: skip

    def submit(v: dict[str, Any]) -> ActionRow:
        return board.request_extension(
            app.store, app.actor, app.today, action.id, v["new_due"], v["reason"]
        )

    return FormModal(
        f"Request an extension: {action.ref}",
        fields,
        submit,
        lambda row: f"Extension requested for {row.ref}.",
    )


def decide_extension(
    app: AssureApp, action: board.ActionView, request: board.PendingExtension
) -> FormModal[ActionRow]:
    fields = [
        Field("decision", f"Extend to {request.requested_due:%d/%m/%Y}? ({request.reason})",
              "select", options=[("grant", "grant"), ("refuse", "refuse")], required=True),
        Field("agreed_by", "Decided by", value=app.actor.name, required=True),
    ]  # fmt: skip

    def submit(v: dict[str, Any]) -> ActionRow:
        return board.decide_extension(
            app.store, app.actor, app.today, request.id,
            grant=v["decision"] == "grant", agreed_by=v["agreed_by"],
        )  # fmt: skip

    return FormModal(
        f"Decide the extension: {action.ref}",
        fields,
        submit,
        lambda row: f"Extension decided for {row.ref}.",
    )
