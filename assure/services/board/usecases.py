"""Use cases of the board's action log, for the app and the command line.

Each takes the Store, the acting person, today and plain values (ids, text, dates); checks the
policy before anything else; runs in one unit of work; and returns a read model. Writes return
the row of the record they changed, so a screen can show it and keep its cursor on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from assure.core import audit, policy, rules, validate
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import AgendaItem, Meeting, Person
from assure.models.base import pk
from assure.services import people
from assure.services.board import actions, queries
from assure.services.board.queries import ActionFilter, ActionRow, MeetingRow
from assure.services.paging import Page


@dataclass(frozen=True)
class PendingExtension:
    id: int
    requested_due: date
    reason: str


@dataclass(frozen=True)
class ActionView:
    """One action as its forms need it."""

    id: int
    ref: str
    title: str
    owner: str
    due_date: date  # the original, kept for ever
    current_due: date
    status: str
    version: int
    pending_extension: PendingExtension | None


@dataclass(frozen=True)
class AgendaRow:
    number: int
    title: str
    id: int = 0


@dataclass(frozen=True)
class MeetingView:
    """A meeting as its edit form shows it, with its agenda."""

    id: int
    version: int
    held_on: date
    title: str
    board: str
    agenda: list[AgendaRow]


# --- reads --------------------------------------------------------------------------------------


def action_log(
    store: Store, actor: Actor, today: date, filt: ActionFilter, offset: int = 0, limit: int = 50
) -> Page:
    """One page of the action log (rows: ActionRow); its total is counted by `count_actions`."""
    policy.require(actor, "read")
    with store.reading() as session:
        return queries.actions_page(session, today, filt, offset, limit, count=False)


def count_actions(store: Store, actor: Actor, today: date, filt: ActionFilter) -> int:
    """How many actions the filter matches."""
    policy.require(actor, "read")
    with store.reading() as session:
        return queries.actions_count(session, today, filt)


def action(store: Store, actor: Actor, today: date, action_id: int) -> ActionView:
    """One action with its owner, dates, version and any extension awaiting a decision."""
    policy.require(actor, "read")
    with store.reading() as session:
        return _view(session, action_id)


def meetings(store: Store, actor: Actor, today: date, limit: int = 12) -> list[MeetingRow]:
    """The most recent and next meetings, newest first."""
    policy.require(actor, "read")
    with store.reading() as session:
        return queries.meetings(session, today, limit)


def agenda(store: Store, actor: Actor, meeting_id: int) -> list[AgendaRow]:
    """A meeting's agenda items in order."""
    policy.require(actor, "read")
    with store.reading() as session:
        return [AgendaRow(n, t, i) for i, n, t in queries.agenda(session, meeting_id)]


def meeting(store: Store, actor: Actor, meeting_id: int) -> MeetingView:
    """One meeting with its agenda, for correcting."""
    policy.require(actor, "read")
    with store.reading() as session:
        found = _meeting(session, meeting_id)
        items = [AgendaRow(n, t, i) for i, n, t in queries.agenda(session, meeting_id)]
        return MeetingView(
            meeting_id, found.version, found.held_on, found.title, found.board, items
        )


# --- writes -------------------------------------------------------------------------------------


def add_action(
    store: Store,
    actor: Actor,
    today: date,
    *,
    title: str,
    owner: str,
    due_date: date | str,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    threat_ids: Sequence[int] = (),
    priority_ids: Sequence[int] = (),
    finding_ids: Sequence[int] = (),
    new_owner: str = "",
) -> ActionRow:
    """Add an action where it came from (a meeting, an agenda item), linked to the threats,
    priorities and findings it serves, so it reaches the statement's threat sections.

    With `new_owner`, that person is added first (as a viewer) and owns the action.
    """
    policy.require(actor, "add-action")
    if new_owner.strip():
        policy.require(actor, "edit-person")
    with store.writing() as session:
        item = _agenda_item(session, agenda_item_id) if agenda_item_id else None
        if item is not None and meeting_id and item.meeting_id != meeting_id:
            raise ValidationError("agenda_item", "is not on the agenda of the meeting chosen")
        meeting_id = meeting_id or (item.meeting_id if item else None)
        meeting = _meeting(session, meeting_id) if meeting_id else None
        if new_owner.strip():
            owner = people.add_person(session, actor, new_owner).name
        added = actions.add_action(
            session,
            actor,
            title=title,
            owner=owner,
            due_date=due_date,
            today=today,
            meeting=meeting,
            agenda_item=item,
            threat_ids=threat_ids,
            priority_ids=priority_ids,
            finding_ids=finding_ids,
        )
        return _row(session, pk(added), today)


def supersede_action(
    store: Store, actor: Actor, today: date, action_id: int, reason: str
) -> ActionRow:
    """Take an action off the live log because another replaced it; the reason is kept."""
    policy.require(actor, "supersede-action")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.supersede(session, actor, found, reason, today)
        return _row(session, action_id, today)


def edit_action(
    store: Store,
    actor: Actor,
    today: date,
    action_id: int,
    *,
    version: int,
    title: str,
    owner: str,
) -> ActionRow:
    """Change an action's text or owner; refused if someone saved it since `version` was read.

    The original due date is not editable: it moves only by an extension, which is recorded.
    """
    policy.require(actor, "edit-action")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.edit_action(
            session, actor, found, expected_version=version, title=title, owner=owner
        )
        return _row(session, action_id, today)


def record_progress(
    store: Store, actor: Actor, today: date, action_id: int, text: str
) -> ActionRow:
    """Record a progress update (an open action becomes in progress)."""
    policy.require(actor, "update-action")
    with store.writing() as session:
        actions.progress(session, actor, actions.get_action(session, action_id), text, today)
        return _row(session, action_id, today)


def propose_completion(
    store: Store, actor: Actor, today: date, action_id: int, text: str
) -> ActionRow:
    """Stage one of closure: the owner says it is done, and how."""
    policy.require(actor, "propose-completion")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.propose_completion(session, actor, found, text, today)
        return _row(session, action_id, today)


def accept_completion(
    store: Store, actor: Actor, today: date, action_id: int, note: str = ""
) -> ActionRow:
    """Stage two: the office accepts the completion and the action closes."""
    policy.require(actor, "decide-completion")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.accept_completion(session, actor, found, note or "Completion accepted.", today)
        return _row(session, action_id, today)


def reject_completion(
    store: Store, actor: Actor, today: date, action_id: int, reason: str
) -> ActionRow:
    """Stage two refused: back to in progress, with the reason recorded."""
    policy.require(actor, "decide-completion")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.reject_completion(session, actor, found, reason, today)
        return _row(session, action_id, today)


def request_extension(
    store: Store, actor: Actor, today: date, action_id: int, new_due: date | str, reason: str
) -> ActionRow:
    """Record a request to move the due date; nothing moves until it is decided."""
    policy.require(actor, "request-extension")
    with store.writing() as session:
        found = actions.get_action(session, action_id)
        actions.request_extension(session, actor, found, new_due, reason, today)
        return _row(session, action_id, today)


def decide_extension(
    store: Store,
    actor: Actor,
    today: date,
    extension_id: int,
    *,
    grant: bool,
    agreed_by: str,
) -> ActionRow:
    """Grant (moving the current due date; the original stays) or refuse an extension."""
    policy.require(actor, "decide-extension")
    with store.writing() as session:
        ext = actions.get_extension(session, extension_id)
        actions.decide_extension(session, actor, ext, grant, agreed_by, today)
        return _row(session, ext.action_id, today)


def add_meeting(
    store: Store, actor: Actor, held_on: date | str, title: str, board: str
) -> MeetingRow:
    """Add a board meeting and return its row."""
    policy.require(actor, "add-meeting")
    with store.writing() as session:
        meeting = actions.add_meeting(session, actor, held_on, title, board)
        return MeetingRow(pk(meeting), meeting.held_on, meeting.board, meeting.title, 0)


def edit_meeting(
    store: Store,
    actor: Actor,
    today: date,
    meeting_id: int,
    *,
    version: int,
    held_on: date | str,
    title: str,
    board: str,
    agenda: Mapping[int, str] | None = None,
) -> MeetingRow:
    """Correct a meeting and the titles of its agenda items (by item id), in one unit of work.

    Refused if someone saved the meeting since `version` was read; its actions keep their refs.
    """
    policy.require(actor, "edit-meeting")
    with store.writing() as session:
        found = _meeting(session, meeting_id)
        actions.edit_meeting(
            session, actor, found, version, held_on=held_on, title=title, board=board
        )
        for item_id, text in (agenda or {}).items():
            item = _agenda_item(session, item_id)
            if item.meeting_id != meeting_id:
                raise ValidationError("agenda", f"item {item_id} is not on this meeting's agenda")
            field = f"agenda_{item_id}"
            audit.change(session, item, {"title": validate.required(text, field, 300)}, actor)
        session.flush()
        rows = queries.meetings(session, today, limit=10_000)
        return next(r for r in rows if r.id == meeting_id)


def add_agenda_item(store: Store, actor: Actor, meeting_id: int, title: str) -> AgendaRow:
    """Add the next numbered item to a meeting's agenda."""
    policy.require(actor, "add-agenda-item")
    with store.writing() as session:
        item = actions.add_agenda_item(session, actor, _meeting(session, meeting_id), title)
        return AgendaRow(item.number, item.title, pk(item))


# --- helpers ------------------------------------------------------------------------------------


def _agenda_item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"no agenda item {item_id}")
    return item


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}")
    return meeting


def _row(session: Session, action_id: int, today: date) -> ActionRow:
    session.flush()
    return queries.action_row(session, action_id, today)


def _view(session: Session, action_id: int) -> ActionView:
    found = actions.get_action(session, action_id)
    owner = session.get(Person, found.owner_id) if found.owner_id else None
    pending = next(
        (e for e in actions.extensions_of(session, found) if e.decision == "requested"), None
    )
    current = rules.current_due(found.due_date, found.revised_due_date) or found.due_date
    return ActionView(
        pk(found),
        found.ref,
        found.title,
        owner.name if owner else "",
        found.due_date,
        current,
        found.status,
        found.version,
        PendingExtension(pk(pending), pending.requested_due, pending.reason) if pending else None,
    )


def find(store: Store, actor: Actor, today: date, text: str, limit: int = 10) -> list[ActionRow]:
    """Actions whose ref or title holds `text`, open or closed (for jumping to one by ref)."""
    policy.require(actor, "read")
    with store.reading() as session:
        page = queries.actions_page(
            session, today, ActionFilter(status="all", text=text, order="ref"), 0, limit, False
        )
        return list(page.rows)
