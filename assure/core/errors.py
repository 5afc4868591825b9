"""Errors the services raise; the command line turns them into one line on stderr and exit 2."""

from __future__ import annotations


class AssureError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class ValidationError(AssureError):
    """Input was refused. `field` names the field, the message says what is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class NotFound(AssureError):
    """A record named by the user does not exist."""


class ConflictError(AssureError):
    """Someone else changed the record since it was read (optimistic locking)."""


class PermissionDenied(AssureError):
    """The current person's role may not make this change."""
