"""The steps of the PCC's s55 response to an HMICFRS report, and which are still missing.

Police Act 1996 s55(4)-(6): invite the Chief Constable's comments by a date the PCC sets;
publish the PCC's comments, the Chief Constable's comments and the PCC's response to them
within 56 days beginning with the report's publication (s55(5A)); say for each recommendation
what action is taken or proposed, or why none (s55(5B)); copy it to HMICFRS and the Home
Secretary. The clock itself (the last day) is `core.rules.s55_last_day`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
        steps = [
            (self.comments_invited_on, "invite the Chief Constable's comments"),
            (self.comments_received_on, "record the Chief Constable's comments received"),
        ]
        todo = [what for done, what in steps if done is None]
        if self.explained < self.recommendations:
            left = self.recommendations - self.explained
            todo.append(f"explain the action on {left} recommendation{'s' if left != 1 else ''}")
        if self.published_on is None:
            todo.append("publish the response")
        elif not self.response_link:
            todo.append("record where the response is published")
        if self.copies_sent_on is None:
            todo.append("send copies to HMICFRS and the Home Secretary")
        return todo
