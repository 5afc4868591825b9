"""Board action moves, every one allowed and every one refused, from a table written here."""

from __future__ import annotations

import itertools

import pytest

from assure.core import lifecycle

STATUSES = ("open", "in-progress", "complete", "closed", "superseded")

# The only moves an action may make. Everything else between two statuses is refused.
ALLOWED = {
    ("open", "in-progress"),
    ("open", "complete"),
    ("open", "superseded"),
    ("in-progress", "complete"),
    ("in-progress", "superseded"),
    ("complete", "closed"),  # the office accepts the completion
    ("complete", "in-progress"),  # the office rejects it: back to work
}
REFUSED = set(itertools.product(STATUSES, STATUSES)) - ALLOWED


def test_the_table_names_every_status() -> None:
    assert lifecycle.ACTION_STATUSES == STATUSES
    assert set(lifecycle.ACTION_MOVES) == set(STATUSES)


@pytest.mark.parametrize(("current", "new"), sorted(ALLOWED))
def test_allowed_move(current: str, new: str) -> None:
    assert lifecycle.action_may_move(current, new) is True


@pytest.mark.parametrize(("current", "new"), sorted(REFUSED))
def test_refused_move(current: str, new: str) -> None:
    assert lifecycle.action_may_move(current, new) is False


@pytest.mark.parametrize("status", STATUSES)
def test_staying_put_is_no_move(status: str) -> None:
    assert not lifecycle.action_may_move(status, status)


@pytest.mark.parametrize("new", [*STATUSES, "made-up"])
def test_an_unknown_status_may_not_move(new: str) -> None:
    assert lifecycle.action_may_move("made-up", new) is False
    assert lifecycle.action_may_move("", new) is False


@pytest.mark.parametrize("current", STATUSES)
def test_no_move_to_an_unknown_status(current: str) -> None:
    assert lifecycle.action_may_move(current, "made-up") is False


@pytest.mark.parametrize(
    ("status", "live", "terminal"),
    [
        ("open", True, False),
        ("in-progress", True, False),
        ("complete", False, False),  # awaiting sign-off: neither worked on nor finished
        ("closed", False, True),
        ("superseded", False, True),
        ("made-up", False, False),
    ],
)
def test_live_and_terminal(status: str, live: bool, terminal: bool) -> None:
    assert lifecycle.action_is_live(status) is live
    assert lifecycle.action_is_terminal(status) is terminal


def test_which_statuses_are_never_overdue() -> None:
    assert {"complete", "closed", "superseded"} == lifecycle.ACTION_NOT_DUE
    assert {"open", "in-progress", "complete"} == lifecycle.ACTION_ON_LOG
    assert {"pending-sign-off", "complete", "superseded", "no-action"} == lifecycle.FINDING_NOT_DUE
    assert {"awaiting-review", "being-progressed"} == lifecycle.FINDING_LIVE
