"""The lifecycles of board actions and HMICFRS findings: statuses, sets and allowed moves.

Every query, report, import and screen asks this module which statuses are live, which await
sign-off and which are terminal, and whether a move is allowed; none re-types the lists. The
labels people see come from the reference data (`vocabularies.toml`); these are the codes.

Kept free of imports: `assure remind` reads it on its fast path.
"""

from __future__ import annotations

# --- board actions ----------------------------------------------------------------------------
OPEN = "open"
IN_PROGRESS = "in-progress"
COMPLETE = "complete"  # the owner proposed completion; the office has not yet signed it off
CLOSED = "closed"
SUPERSEDED = "superseded"

ACTION_STATUSES = (OPEN, IN_PROGRESS, COMPLETE, CLOSED, SUPERSEDED)
ACTION_LIVE = frozenset({OPEN, IN_PROGRESS})  # still being worked on
ACTION_AWAITING_SIGN_OFF = frozenset({COMPLETE})
ACTION_TERMINAL = frozenset({CLOSED, SUPERSEDED})  # off the log for good
ACTION_ON_LOG = ACTION_LIVE | ACTION_AWAITING_SIGN_OFF  # the board's business until signed off
# Never overdue: waiting only on the office's sign-off, or finished.
ACTION_NOT_DUE = ACTION_AWAITING_SIGN_OFF | ACTION_TERMINAL

ACTION_MOVES: dict[str, frozenset[str]] = {
    OPEN: frozenset({IN_PROGRESS, COMPLETE, SUPERSEDED}),
    IN_PROGRESS: frozenset({COMPLETE, SUPERSEDED}),
    COMPLETE: frozenset({CLOSED, IN_PROGRESS}),  # accepted, or rejected back to work
    CLOSED: frozenset(),
    SUPERSEDED: frozenset(),
}


def action_may_move(current: str, new: str) -> bool:
    """Return True when an action in `current` may move to `new` (staying put is no move)."""
    return new in ACTION_MOVES.get(current, frozenset())


def action_is_live(status: str) -> bool:
    """Return True while work on the action goes on (open or in progress)."""
    return status in ACTION_LIVE


def action_is_terminal(status: str) -> bool:
    """Return True for an action that is off the log for good (closed or superseded)."""
    return status in ACTION_TERMINAL


# --- HMICFRS findings -------------------------------------------------------------------------
AWAITING_REVIEW = "awaiting-review"
BEING_PROGRESSED = "being-progressed"
PENDING_SIGN_OFF = "pending-sign-off"
FINDING_COMPLETE = "complete"
FINDING_SUPERSEDED = "superseded"
NO_ACTION = "no-action"

FINDING_STATUSES = (
    AWAITING_REVIEW,
    BEING_PROGRESSED,
    PENDING_SIGN_OFF,
    FINDING_COMPLETE,
    FINDING_SUPERSEDED,
    NO_ACTION,
)
FINDING_LIVE = frozenset({AWAITING_REVIEW, BEING_PROGRESSED})
FINDING_AWAITING_SIGN_OFF = frozenset({PENDING_SIGN_OFF})
FINDING_TERMINAL = frozenset({FINDING_COMPLETE, FINDING_SUPERSEDED, NO_ACTION})
# Never overdue: the force says it is done and awaits sign-off, or it is finished.
FINDING_NOT_DUE = FINDING_AWAITING_SIGN_OFF | FINDING_TERMINAL


# --- HMICFRS finding kinds --------------------------------------------------------------------
CONCERN_KINDS = frozenset({"cause-of-concern", "accelerated-cause-of-concern"})
# Practice to learn from: nothing to complete, so never open and never overdue.
PRACTICE_KINDS = frozenset({"innovative-practice", "notable-practice"})
