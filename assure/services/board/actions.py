"""The board's action log: meetings, actions, two-stage closure and extensions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from assure.core import audit, lifecycle, rules, validate
from assure.core.actor import Actor
from assure.core.clock import govuk_date
from assure.core.errors import NotFound, ValidationError
from assure.models import (
    Action,
    ActionFinding,
    ActionPriority,
    ActionThreat,
    AgendaItem,
    Extension,
    Meeting,
)
from assure.models.base import pk
from assure.services import people, updates


def add_meeting(
    session: Session, actor: Actor, held_on: date | str, title: str = "", board: str = ""
) -> Meeting:
    """Add a board meeting; raise ValidationError for a bad date or a duplicate date."""
    day = validate.must_date(held_on, "held_on")
    name = board.strip() or "Business Coordination Board"
    if session.exec(select(Meeting).where(Meeting.held_on == day, Meeting.board == name)).first():
        raise ValidationError("held_on", f"{name} already has a meeting on {govuk_date(day)}")
    meeting = Meeting(held_on=day, title=validate.optional_text(title, "title", 300), board=name)
    audit.create(session, meeting, actor)
    return meeting


def edit_meeting(
    session: Session,
    actor: Actor,
    meeting: Meeting,
    expected_version: int | None,
    *,
    held_on: date | str,
    title: str,
    board: str,
) -> None:
    """Correct a meeting's date, title or board (its actions keep their refs)."""
    day = validate.must_date(held_on, "held_on")
    name = board.strip() or "Business Coordination Board"
    clash = session.exec(
        select(Meeting).where(
            Meeting.held_on == day, Meeting.board == name, Meeting.id != meeting.id
        )
    ).first()
    if clash is not None:
        raise ValidationError("held_on", f"{name} already has a meeting on {govuk_date(day)}")
    fields = {"held_on": day, "title": validate.optional_text(title, "title", 300), "board": name}
    audit.change(session, meeting, fields, actor, expected_version)


def add_agenda_item(session: Session, actor: Actor, meeting: Meeting, title: str) -> AgendaItem:
    """Add the next numbered item to a meeting's agenda."""
    count = len(
        list(session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)))
    )
    item = AgendaItem(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        number=count + 1,
        title=validate.required(title, "agenda_item", 300),
    )
    audit.create(session, item, actor)
    return item


def meeting_on(session: Session, day: date) -> Meeting | None:
    return session.exec(select(Meeting).where(Meeting.held_on == day)).first()


class Unknown:
    """A date the records do not hold (see UNKNOWN)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()


def next_ref(session: Session, day: date) -> str:
    """Return the next free ref for actions raised at a meeting on `day`."""
    return rules.action_ref(day, _last_number(session, day) + 1)


def _last_number(session: Session, day: date) -> int:
    """The highest number of the refs of `day`'s month (0 when there are none)."""
    prefix = rules.action_ref(day, 0)[: -len("00")]
    # the highest number is the longest ref, then the last in order: one row, not the month's;
    # a range on the ref ("-" then "." in ASCII) uses its index, where LIKE 'prefix%' cannot
    last = session.exec(
        select(Action.ref)
        .where(col(Action.ref) >= prefix, col(Action.ref) < prefix[:-1] + ".")
        .order_by(func.length(Action.ref).desc(), col(Action.ref).desc())
        .limit(1)
    ).first()
    parsed = rules.parse_action_ref(last) if last else None
    return parsed[2] if parsed else 0


def _raised(raised_on: date | Unknown | None, meeting: Meeting | None, today: date) -> date | None:
    """The day an action was raised: as given, else its meeting's, else today; None if unknown."""
    if isinstance(raised_on, Unknown):
        return None
    return raised_on or (meeting.held_on if meeting else today)


def _closed(status: str, closed_on: date | None, raised: date | None, today: date) -> date | None:
    """The day a closed or superseded action closed (`closed_on`, else today), checked; a live
    action has none."""
    if not lifecycle.action_is_terminal(status):
        if closed_on is not None:
            raise ValidationError(
                "closed_on", f"only a closed or superseded action has one, not {status}"
            )
        return None
    closed = closed_on or today
    if closed > today or (raised is not None and closed < raised):
        raise ValidationError(
            "closed_on", f"{closed:%d/%m/%Y} is not between the day it was raised and today"
        )
    return closed


def get_action(session: Session, ref_or_id: str | int) -> Action:
    """Return an action by ref or id; raise NotFound."""
    action = (
        session.get(Action, ref_or_id)
        if isinstance(ref_or_id, int)
        else session.exec(select(Action).where(Action.ref == ref_or_id)).first()
    )
    if action is None:
        raise NotFound(f"no action {ref_or_id}")
    return action


def add_action(
    session: Session,
    actor: Actor,
    *,
    title: str,
    owner: str,
    due_date: date | str,
    today: date,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    ref: str | None = None,
    status: str = "open",
    threat_ids: Sequence[int] = (),
    priority_ids: Sequence[int] = (),
    finding_ids: Sequence[int] = (),
    raised_on: date | Unknown | None = None,
    closed_on: date | None = None,
) -> Action:
    """Add an action to the log with its links; raise ValidationError naming the bad field.

    It was raised on `raised_on`, else at `meeting`, else `today`; UNKNOWN records that the
    day is not known (an office's old register), so any due date is accepted. A closed or
    superseded action (history) closed on `closed_on`, else `today`.
    """
    person = people.get_person(session, owner)
    status = validate.term(session, "action-status", status, "status")
    action = Action(**new_action(
        title=title, owner_id=pk(person), due_date=due_date, status=status, today=today,
        raised_on=_raised(raised_on, meeting, today), closed_on=closed_on, ref=ref,
        meeting_id=meeting.id if meeting else None,
        agenda_item_id=agenda_item.id if agenda_item else None,
    ))  # fmt: skip
    if not action.ref:
        action.ref = next_ref(session, action.raised_on or today)
    elif session.exec(select(Action).where(Action.ref == action.ref)).first():
        raise ValidationError("ref", f"{action.ref} already exists")
    audit.create(session, action, actor)
    for threat_id in threat_ids:
        audit.link(
            session,
            ActionThreat(action_id=pk(action), threat_id=threat_id),
            action,
            actor,
            "threat",
        )
    for priority_id in priority_ids:
        audit.link(
            session,
            ActionPriority(action_id=pk(action), priority_id=priority_id),
            action,
            actor,
            "priority",
        )
    for finding_id in finding_ids:
        audit.link(
            session,
            ActionFinding(action_id=pk(action), finding_id=finding_id),
            action,
            actor,
            "finding",
        )
    return action


def new_action(
    *,
    title: str,
    owner_id: int,
    due_date: date | str,
    status: str,
    today: date,
    raised_on: date | None,
    closed_on: date | None = None,
    ref: str | None = None,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
) -> dict[str, Any]:
    """The fields of a new action, checked (its ref blank when one is to be given).

    The one set of checks for a new action, whether added in the app or imported in bulk:
    `status` is already a code of the action-status vocabulary, `raised_on` None means the
    day is not known. Raises ValidationError naming the bad field.
    """
    due = validate.must_date(due_date, "due_date")
    if raised_on is not None and due < raised_on:
        raise ValidationError("due_date", f"{due:%d/%m/%Y} is before the action was raised")
    return dict(
        ref=(ref or "").strip(),
        title=validate.required(title, "action", 2000),
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        owner_id=owner_id,
        raised_on=raised_on,
        due_date=due,
        status=status,
        closed_on=_closed(status, closed_on, raised_on, today),
    )


def add_actions(
    session: Session,
    actor: Actor,
    actions: Sequence[dict[str, Any]],
    today: date,
    written: Callable[[int], None] | None = None,
) -> list[int]:
    """Save many new actions (fields from `new_action`) with their audit entries, in order;
    return their ids. `written` is told how many are in after each batch.

    Each blank ref is given the next free one of its month, from one look-up per month; refs
    already given (none of which exists: the caller checked) are never given twice.
    """
    taken = {a["ref"] for a in actions if a["ref"]}
    last: dict[str, int] = {}
    for action in actions:
        if action["ref"]:
            continue
        day = action["raised_on"] or today
        month = rules.action_ref(day, 0)
        number = last[month] if month in last else _last_number(session, day)
        while True:
            number += 1
            ref = rules.action_ref(day, number)
            if ref not in taken:
                break
        action["ref"], last[month] = ref, number
    return audit.create_many(session, Action, actions, actor, key="ref", written=written)


def edit_action(
    session: Session,
    actor: Actor,
    action: Action,
    *,
    expected_version: int | None = None,
    title: str | None = None,
    owner: str | None = None,
    due_date: date | str | None = None,
) -> Action:
    """Edit an action's text, owner or (before anything is agreed) its original due date."""
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = validate.required(title, "action", 2000)
    if owner is not None:
        changes["owner_id"] = people.get_person(session, owner).id
    if due_date is not None:
        due = validate.must_date(due_date, "due_date")
        if due != action.due_date and action.revised_due_date is not None:
            raise ValidationError(
                "due_date", "the original due date is kept once extended; request an extension"
            )
        changes["due_date"] = due
    audit.change(session, action, changes, actor, expected_version)
    return action


def progress(
    session: Session, actor: Actor, action: Action, text: str, today: date, start: bool = True
) -> None:
    """Record a progress update; an open action becomes in progress."""
    _require_live(action, "record progress on")
    status_to = "in-progress" if start and action.status == "open" else None
    updates.add_update(session, actor, action, text, today, status_to)


def propose_completion(
    session: Session, actor: Actor, action: Action, text: str, today: date
) -> None:
    """Stage one of closure: the owner says it is done, with an update saying how."""
    _require_live(action, "propose completion of")
    updates.add_update(session, actor, action, text, today, "complete")
    audit.change(session, action, {"completion_proposed_on": today}, actor)


def accept_completion(
    session: Session, actor: Actor, action: Action, note: str, today: date
) -> None:
    """Stage two: the office accepts the completion and the action closes."""
    if action.status != "complete":
        raise ValidationError("status", f"{action.ref} has no completion awaiting sign-off")
    updates.add_update(session, actor, action, note or "Completion accepted.", today, "closed")
    audit.change(session, action, {"closed_on": today}, actor)


def reject_completion(
    session: Session, actor: Actor, action: Action, reason: str, today: date
) -> None:
    """Stage two refused: the action goes back to in progress with the reason recorded."""
    if action.status != "complete":
        raise ValidationError("status", f"{action.ref} has no completion awaiting sign-off")
    reason = validate.required(reason, "reason")
    updates.add_update(
        session, actor, action, f"Completion not accepted: {reason}", today, "in-progress"
    )
    audit.change(session, action, {"completion_proposed_on": None}, actor)


def supersede(session: Session, actor: Actor, action: Action, reason: str, today: date) -> None:
    """Take an action off the live log because another has replaced it."""
    _require_live(action, "supersede")
    updates.add_update(
        session, actor, action, validate.required(reason, "reason"), today, "superseded"
    )
    audit.change(session, action, {"closed_on": today}, actor)


def request_extension(
    session: Session, actor: Actor, action: Action, new_due: date | str, reason: str, today: date
) -> Extension:
    """Record a request to move the due date; nothing moves until it is granted."""
    _require_live(action, "extend")
    due = validate.must_date(new_due, "new_due")
    current = rules.current_due(action.due_date, action.revised_due_date)
    assert current is not None
    if due <= current:
        raise ValidationError("new_due", f"must be after the current due date {current:%d/%m/%Y}")
    pending = session.exec(
        select(Extension).where(Extension.action_id == action.id, Extension.decision == "requested")
    ).first()
    if pending:
        raise ValidationError(
            "extension", f"{action.ref} already has a request awaiting a decision"
        )
    ext = Extension(
        action_id=action.id,  # type: ignore[arg-type]
        requested_on=today,
        requested_due=due,
        reason=validate.required(reason, "reason"),
        previous_due=current,
    )
    audit.create(session, ext, actor)
    return ext


def decide_extension(
    session: Session,
    actor: Actor,
    extension: Extension,
    grant: bool,
    agreed_by: str,
    today: date,
    meeting: Meeting | None = None,
) -> None:
    """Grant (moving the revised due date; the original stays) or refuse an extension."""
    if extension.decision != "requested":
        raise ValidationError("extension", "this request has already been decided")
    asked = extension.requested_on
    if today < asked:
        raise ValidationError(
            "decided_on", f"{today:%d/%m/%Y} is before the request of {asked:%d/%m/%Y}"
        )
    if meeting is not None and meeting.held_on < asked:
        raise ValidationError(
            "meeting",
            f"was held on {meeting.held_on:%d/%m/%Y}, before the request of {asked:%d/%m/%Y}: "
            "an extension is decided at a meeting on or after it is asked for",
        )
    who = validate.required(agreed_by, "agreed_by", 200)
    audit.change(
        session,
        extension,
        {
            "decision": "granted" if grant else "refused",
            "decided_on": today,
            "decided_by": who,
            "meeting_id": meeting.id if meeting else None,
        },
        actor,
    )
    action = get_action(session, extension.action_id)
    verb = "granted" if grant else "refused"
    text = f"Extension to {extension.requested_due:%d/%m/%Y} {verb} by {who}: {extension.reason}"
    updates.add_update(session, actor, action, text, today)
    if grant:
        audit.change(session, action, {"revised_due_date": extension.requested_due}, actor)


def extend(
    session: Session,
    actor: Actor,
    action: Action,
    new_due: date | str,
    reason: str,
    agreed_by: str,
    today: date,
    meeting: Meeting | None = None,
) -> Extension:
    """Record an extension already agreed (request and grant in one step)."""
    ext = request_extension(session, actor, action, new_due, reason, today)
    decide_extension(session, actor, ext, True, agreed_by, today, meeting)
    return ext


def extensions_of(session: Session, action: Action) -> list[Extension]:
    return list(
        session.exec(
            select(Extension).where(Extension.action_id == action.id).order_by(col(Extension.id))
        )
    )


def pending_extensions(session: Session) -> list[Extension]:
    return list(session.exec(select(Extension).where(Extension.decision == "requested")))


def _require_live(action: Action, verb: str) -> None:
    if not lifecycle.action_is_live(action.status):
        raise ValidationError("status", f"cannot {verb} {action.ref}: it is {action.status}")


def get_extension(session: Session, extension_id: int) -> Extension:
    ext = session.get(Extension, extension_id)
    if ext is None:
        raise NotFound(f"no extension {extension_id}")
    return ext
