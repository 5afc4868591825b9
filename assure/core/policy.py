"""Who may do what: one table from operation to the access levels allowed to perform it.

Every use case calls `require(actor, OPERATION)` before it reads or writes anything; the audit
writer only records. The app builds its visible keys and palette commands from `may`, so a key
is shown exactly when the use case behind it would accept the person pressing it.

Access levels: `viewer` reads; `officer` keeps the registers; `commissioner` reads, builds and
approves the statement. There is no level above these and no "system" person.
"""

from __future__ import annotations

from typing import Protocol

from assure.core.errors import PermissionDenied

VIEWER = "viewer"
OFFICER = "officer"
COMMISSIONER = "commissioner"
ACCESS_LEVELS = (VIEWER, OFFICER, COMMISSIONER)

_ALL = frozenset(ACCESS_LEVELS)
_OFFICE = frozenset({OFFICER})

POLICY: dict[str, frozenset[str]] = {
    # reading, and taking away what one may read
    "read": _ALL,
    "export": _ALL,
    # the board's action log
    "add-meeting": _OFFICE,
    "edit-meeting": _OFFICE,
    "add-agenda-item": _OFFICE,
    "add-action": _OFFICE,
    "edit-action": _OFFICE,
    "update-action": _OFFICE,
    "propose-completion": _OFFICE,
    "decide-completion": _OFFICE,
    "supersede-action": _OFFICE,
    "request-extension": _OFFICE,
    "decide-extension": _OFFICE,
    # HMICFRS
    "edit-inspection": _OFFICE,
    "edit-finding": _OFFICE,
    # the plan, evidence and assessments
    "edit-priority": _OFFICE,
    "record-evidence": _OFFICE,
    "record-assessment": _OFFICE,
    # people and their access
    "edit-person": _OFFICE,
    "set-access": _OFFICE,
    # the statement
    "build-statement": frozenset({OFFICER, COMMISSIONER}),
    "approve-statement": frozenset({COMMISSIONER}),
    "record-approval": _OFFICE,  # an officer records a named commissioner's approval
    # whole registers and the database
    "import": _OFFICE,
    "backup": _OFFICE,
    "restore": _OFFICE,
    "send-reminders": _OFFICE,
    "read-reminder-log": frozenset({OFFICER, COMMISSIONER}),
    "configure": _OFFICE,
    "manage-roles": _OFFICE,  # PostgreSQL roles mirror access, which officers set
}


class HasAccess(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def access(self) -> str: ...


def may(actor: HasAccess, operation: str) -> bool:
    """Return True when the actor's access level allows `operation`.

    Raises KeyError for an operation the table does not name (a programming error).
    """
    return actor.access in POLICY[operation]


def require(actor: HasAccess, operation: str) -> None:
    """Raise PermissionDenied unless the actor may perform `operation`."""
    if not may(actor, operation):
        raise PermissionDenied(
            f"{actor.name} ({actor.access}) may not {operation.replace('-', ' ')}"
        )
