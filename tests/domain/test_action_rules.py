"""The action log's rules at their edges: closure, extensions, due dates and refs.

Each test drives the board's services on a fresh database (SQLite, and PostgreSQL when a server
is given) and checks that a refused change is refused with the field named and nothing moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.core.errors import ValidationError
from assure.models import Action, Meeting
from assure.services import people
from assure.services.board import actions as board
from tests.conftest import OFFICER, TODAY

DUE = TODAY + timedelta(days=30)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """One unit of work on a fresh register with one owner."""
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Rachel Hume", email="rachel@x.example")
        yield s


def new_action(
    s: Session,
    due: date = DUE,
    *,
    ref: str | None = None,
    status: str = "open",
    meeting: Meeting | None = None,
) -> Action:
    return board.add_action(
        s, OFFICER, title="Report 999 answer times", owner="Rachel Hume", due_date=due,
        today=TODAY, ref=ref, status=status, meeting=meeting,
    )  # fmt: skip


def closed(s: Session) -> Action:
    action = new_action(s)
    board.propose_completion(s, OFFICER, action, "Paper presented", TODAY)
    board.accept_completion(s, OFFICER, action, "Satisfied", TODAY)
    assert action.status == "closed"
    return action


def superseded(s: Session) -> Action:
    action = new_action(s)
    board.supersede(s, OFFICER, action, "Replaced by the VAWG plan action", TODAY)
    assert action.status == "superseded"
    return action


def proposed(s: Session) -> Action:
    action = new_action(s)
    board.propose_completion(s, OFFICER, action, "Paper presented", TODAY)
    assert action.status == "complete"
    return action


FINISHED = [closed, superseded]
NOT_LIVE = [closed, superseded, proposed]


# --- two-stage closure -------------------------------------------------------------------------


@pytest.mark.parametrize("make", NOT_LIVE, ids=lambda f: f.__name__)
def test_proposing_completion_of_an_action_that_is_not_live_is_refused(
    session: Session, make: Callable[[Session], Action]
) -> None:
    action = make(session)
    status = action.status
    with pytest.raises(ValidationError) as refused:
        board.propose_completion(session, OFFICER, action, "Done again", TODAY)
    assert refused.value.field == "status" and status in refused.value.problem
    assert action.status == status


def test_proposing_completion_records_the_day_it_was_proposed(session: Session) -> None:
    action = new_action(session)
    assert action.completion_proposed_on is None
    board.propose_completion(session, OFFICER, action, "Paper presented", TODAY)
    again = board.get_action(session, action.ref)  # the same row, read after the change
    assert (again.status, again.completion_proposed_on) == ("complete", TODAY)
    assert action.closed_on is None


def test_rejecting_a_completion_clears_the_proposal(session: Session) -> None:
    action = proposed(session)
    board.reject_completion(session, OFFICER, action, "Figures missing for March", TODAY)
    assert action.status == "in-progress"
    assert action.completion_proposed_on is None
    assert action.closed_on is None


def test_a_rejection_needs_a_reason(session: Session) -> None:
    action = proposed(session)
    with pytest.raises(ValidationError, match="reason"):
        board.reject_completion(session, OFFICER, action, "  ", TODAY)


@pytest.mark.parametrize("decide", ["accept_completion", "reject_completion"])
def test_only_a_proposed_completion_can_be_decided(session: Session, decide: str) -> None:
    for action in (new_action(session), closed(session)):
        status = action.status
        with pytest.raises(ValidationError, match="no completion awaiting sign-off"):
            getattr(board, decide)(session, OFFICER, action, "reason", TODAY)
        assert action.status == status


def test_accepting_closes_on_the_day_it_was_accepted(session: Session) -> None:
    action = proposed(session)
    board.accept_completion(session, OFFICER, action, "", TODAY + timedelta(days=2))
    assert (action.status, action.closed_on) == ("closed", TODAY + timedelta(days=2))


@pytest.mark.parametrize("make", NOT_LIVE, ids=lambda f: f.__name__)
def test_an_action_that_is_not_live_cannot_be_superseded_or_progressed(
    session: Session, make: Callable[[Session], Action]
) -> None:
    action = make(session)
    status = action.status
    with pytest.raises(ValidationError, match="cannot supersede"):
        board.supersede(session, OFFICER, action, "Replaced", TODAY)
    with pytest.raises(ValidationError, match="cannot record progress on"):
        board.progress(session, OFFICER, action, "More news", TODAY)
    assert action.status == status


def test_progress_starts_an_open_action_unless_told_not_to(session: Session) -> None:
    quiet = new_action(session)
    board.progress(session, OFFICER, quiet, "Noted", TODAY, start=False)
    assert quiet.status == "open"
    board.progress(session, OFFICER, quiet, "Work begun", TODAY)
    assert quiet.status == "in-progress"


# --- extensions --------------------------------------------------------------------------------


def test_an_extension_to_the_same_date_is_refused(session: Session) -> None:
    action = new_action(session)
    with pytest.raises(ValidationError) as refused:
        board.request_extension(session, OFFICER, action, DUE, "No change really", TODAY)
    assert refused.value.field == "new_due"
    assert board.extensions_of(session, action) == []
    ext = board.request_extension(
        session, OFFICER, action, DUE + timedelta(days=1), "One more day", TODAY
    )
    assert (ext.requested_due, ext.previous_due) == (DUE + timedelta(days=1), DUE)


def test_an_extension_to_the_granted_date_is_refused(session: Session) -> None:
    action = new_action(session)
    later = DUE + timedelta(days=10)
    board.extend(session, OFFICER, action, later, "Data late", "The Chair", TODAY)
    with pytest.raises(ValidationError, match="new_due"):
        board.request_extension(session, OFFICER, action, later, "Again", TODAY)


def test_a_second_pending_extension_is_refused(session: Session) -> None:
    action = new_action(session)
    first = board.request_extension(
        session, OFFICER, action, DUE + timedelta(days=7), "Data late", TODAY
    )
    with pytest.raises(ValidationError) as refused:
        board.request_extension(
            session, OFFICER, action, DUE + timedelta(days=14), "Later still", TODAY
        )
    assert refused.value.field == "extension" and action.ref in refused.value.problem
    assert board.pending_extensions(session) == [first]
    # once the first is decided, another may be asked for
    board.decide_extension(session, OFFICER, first, False, "The Chair", TODAY)
    board.request_extension(session, OFFICER, action, DUE + timedelta(days=14), "Later", TODAY)


def test_a_pending_extension_on_another_action_does_not_block(session: Session) -> None:
    one, two = new_action(session), new_action(session)
    board.request_extension(session, OFFICER, one, DUE + timedelta(days=7), "Data late", TODAY)
    board.request_extension(session, OFFICER, two, DUE + timedelta(days=7), "Data late", TODAY)
    assert len(board.pending_extensions(session)) == 2


@pytest.mark.parametrize("make", NOT_LIVE, ids=lambda f: f.__name__)
def test_an_extension_on_an_action_that_is_not_live_is_refused(
    session: Session, make: Callable[[Session], Action]
) -> None:
    action = make(session)
    with pytest.raises(ValidationError) as refused:
        board.request_extension(
            session, OFFICER, action, DUE + timedelta(days=30), "Too late", TODAY
        )
    assert refused.value.field == "status" and "cannot extend" in refused.value.problem
    assert board.extensions_of(session, action) == []


@pytest.mark.parametrize("first", [True, False], ids=["granted", "refused"])
def test_an_extension_decided_twice_is_refused(session: Session, first: bool) -> None:
    action = new_action(session)
    later = DUE + timedelta(days=7)
    ext = board.request_extension(session, OFFICER, action, later, "Data late", TODAY)
    board.decide_extension(session, OFFICER, ext, first, "The Chair", TODAY)
    assert ext.decision == ("granted" if first else "refused")
    assert action.revised_due_date == (later if first else None)
    for again in (True, False):
        with pytest.raises(ValidationError, match="already been decided"):
            board.decide_extension(session, OFFICER, ext, again, "Someone Else", TODAY)
    assert ext.decision == ("granted" if first else "refused") and ext.decided_by == "The Chair"
    assert action.revised_due_date == (later if first else None)


def test_a_decision_records_who_when_and_where(session: Session) -> None:
    action = new_action(session)
    meeting = board.add_meeting(session, OFFICER, TODAY + timedelta(days=3))
    ext = board.request_extension(
        session, OFFICER, action, DUE + timedelta(days=7), "Data late", TODAY
    )
    board.decide_extension(
        session, OFFICER, ext, True, "The Chair", TODAY + timedelta(days=3), meeting
    )
    assert (ext.decided_on, ext.decided_by, ext.meeting_id) == (
        TODAY + timedelta(days=3), "The Chair", meeting.id,
    )  # fmt: skip
    assert action.due_date == DUE  # the original is kept for ever
    with pytest.raises(ValidationError, match="agreed_by"):
        board.decide_extension(
            session, OFFICER,
            board.request_extension(
                session, OFFICER, action, DUE + timedelta(days=9), "More", TODAY
            ),
            True, " ", TODAY,
        )  # fmt: skip


def test_an_extension_is_never_decided_before_it_was_asked_for(session: Session) -> None:
    action = new_action(session)
    earlier = board.add_meeting(session, OFFICER, TODAY - timedelta(days=1))
    ext = board.request_extension(
        session, OFFICER, action, DUE + timedelta(days=7), "Data late", TODAY
    )
    with pytest.raises(ValidationError) as refused:
        board.decide_extension(session, OFFICER, ext, True, "The Chair", TODAY, earlier)
    assert refused.value.field == "meeting" and "before the request of" in refused.value.problem
    with pytest.raises(ValidationError) as refused:
        board.decide_extension(session, OFFICER, ext, True, "The Chair", TODAY - timedelta(days=1))
    assert refused.value.field == "decided_on"
    assert (ext.decision, action.revised_due_date) == ("requested", None)  # nothing moved
    same_day = board.add_meeting(session, OFFICER, TODAY)
    board.decide_extension(session, OFFICER, ext, True, "The Chair", TODAY, same_day)
    assert (ext.decision, ext.meeting_id) == ("granted", same_day.id)


# --- due dates and refs ------------------------------------------------------------------------


def test_a_due_date_on_the_day_raised_is_accepted_and_the_day_before_refused(
    session: Session,
) -> None:
    assert new_action(session, due=TODAY).due_date == TODAY
    with pytest.raises(ValidationError) as refused:
        new_action(session, due=TODAY - timedelta(days=1))
    assert refused.value.field == "due_date"


def test_an_action_raised_at_a_meeting_may_be_due_on_the_meeting_day(session: Session) -> None:
    held = TODAY - timedelta(days=20)
    meeting: Meeting = board.add_meeting(session, OFFICER, held)
    action = new_action(session, due=held, meeting=meeting)
    assert (action.raised_on, action.due_date) == (held, held)
    with pytest.raises(ValidationError, match="due_date"):
        new_action(session, due=held - timedelta(days=1), meeting=meeting)


def test_a_duplicate_ref_is_refused(session: Session) -> None:
    new_action(session, ref="BCB-2026-05-07")
    with pytest.raises(ValidationError) as refused:
        new_action(session, ref="BCB-2026-05-07")
    assert refused.value.field == "ref" and "already exists" in refused.value.problem
    assert new_action(session, ref=" BCB-2026-05-08 ").ref == "BCB-2026-05-08"


def test_refs_number_on_within_the_month_of_raising(session: Session) -> None:
    first, second = new_action(session), new_action(session)
    prefix = f"BCB-{TODAY.year}-{TODAY.month:02d}-"
    assert (first.ref, second.ref) == (prefix + "01", prefix + "02")
    elsewhere = board.add_meeting(session, OFFICER, date(2026, 4, 14))
    assert new_action(session, meeting=elsewhere).ref == "BCB-2026-04-01"


@pytest.mark.parametrize("status", ["closed", "superseded"])
def test_an_action_added_as_finished_closes_on_the_day_added(session: Session, status: str) -> None:
    assert new_action(session, status=status).closed_on == TODAY
    assert new_action(session, status="open").closed_on is None
