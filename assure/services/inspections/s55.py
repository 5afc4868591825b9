"""The steps of the PCC's s55 response to an HMICFRS report, and which are still missing.

Police Act 1996 s55(4)-(6): invite the Chief Constable's comments by a date the PCC sets;
publish the PCC's comments, the Chief Constable's comments and the PCC's response to them
within 56 days beginning with the report's publication (s55(5A)); say for each recommendation
what action is taken or proposed, or why none (s55(5B)); copy it to HMICFRS and the Home
Secretary. The clock itself (the last day) is `core.rules.s55_last_day`.

`missing_sql` is the SQLite text twin of `S55Steps.missing()`, for the reminder JSON fast
path; a test holds the two to the same words for every combination of steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

INVITE = "invite the Chief Constable's comments"
RECEIVE = "record the Chief Constable's comments received"
PUBLISH = "publish the response"
LINK = "record where the response is published"
COPIES = "send copies to HMICFRS and the Home Secretary"
SEPARATOR = "; "


def explain(left: int) -> str:
    """The step for `left` recommendations still without their explanation."""
    return f"explain the action on {left} recommendation{'s' if left != 1 else ''}"


@dataclass(frozen=True)
class S55Steps:
    """Where one report's response stands, step by step (None: not done yet)."""

    comments_invited_on: date | None
    comments_due_on: date | None
    comments_received_on: date | None
    published_on: date | None
    response_link: str
    copies_sent_on: date | None
    recommendations: int  # how many the report makes
    explained: int  # how many have their explanation recorded

    def missing(self) -> list[str]:
        """The steps not yet recorded, in the order the Act takes them."""
        steps = [(self.comments_invited_on, INVITE), (self.comments_received_on, RECEIVE)]
        todo = [what for done, what in steps if done is None]
        if self.explained < self.recommendations:
            todo.append(explain(self.recommendations - self.explained))
        if self.published_on is None:
            todo.append(PUBLISH)
        elif not self.response_link:
            todo.append(LINK)
        if self.copies_sent_on is None:
            todo.append(COPIES)
        return todo


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def missing_sql(
    invited: str,
    received: str,
    published: str,
    link: str,
    copies: str,
    recommendations: str,
    explained: str,
) -> str:
    """SQLite text of `S55Steps.missing()` joined by '; ' ('' when nothing is missing), from
    the SQL expressions of each step's column and the two counts."""
    left = f"({recommendations} - {explained})"
    plural = f"CASE WHEN {left} <> 1 THEN 's' ELSE '' END"
    sep = _quoted(SEPARATOR)
    parts = [
        f"CASE WHEN {invited} IS NULL THEN {_quoted(SEPARATOR + INVITE)} ELSE '' END",
        f"CASE WHEN {received} IS NULL THEN {_quoted(SEPARATOR + RECEIVE)} ELSE '' END",
        f"CASE WHEN {left} > 0 THEN {sep} || 'explain the action on ' || {left} "
        f"|| ' recommendation' || {plural} ELSE '' END",
        f"CASE WHEN {published} IS NULL THEN {_quoted(SEPARATOR + PUBLISH)} "
        f"WHEN {link} = '' THEN {_quoted(SEPARATOR + LINK)} ELSE '' END",
        f"CASE WHEN {copies} IS NULL THEN {_quoted(SEPARATOR + COPIES)} ELSE '' END",
    ]
    return f"substr({' || '.join(parts)}, {len(SEPARATOR) + 1})"
