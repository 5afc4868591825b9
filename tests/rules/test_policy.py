"""Who may do what: every operation for every access level, from a table written here.

The table is deliberately not derived from POLICY: it is the second, independent statement of
the rules, so a change to POLICY must be made here too, on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assure.core import policy
from assure.core.errors import PermissionDenied

VIEWER, OFFICER, COMMISSIONER = "viewer", "officer", "commissioner"
ACCESS = (VIEWER, OFFICER, COMMISSIONER)

EXPECTED: dict[str, set[str]] = {
    "read": {VIEWER, OFFICER, COMMISSIONER},
    "export": {VIEWER, OFFICER, COMMISSIONER},
    "add-meeting": {OFFICER},
    "edit-meeting": {OFFICER},
    "add-agenda-item": {OFFICER},
    "add-action": {OFFICER},
    "edit-action": {OFFICER},
    "update-action": {OFFICER},
    "propose-completion": {OFFICER},
    "decide-completion": {OFFICER},
    "supersede-action": {OFFICER},
    "request-extension": {OFFICER},
    "decide-extension": {OFFICER},
    "edit-inspection": {OFFICER},
    "edit-finding": {OFFICER},
    "edit-priority": {OFFICER},
    "record-evidence": {OFFICER},
    "record-assessment": {OFFICER},
    "edit-person": {OFFICER},
    "set-access": {OFFICER},
    "build-statement": {OFFICER, COMMISSIONER},
    "approve-statement": {COMMISSIONER},
    "record-approval": {OFFICER},
    "import": {OFFICER},
    "backup": {OFFICER},
    "restore": {OFFICER},
    "send-reminders": {OFFICER},
    "read-reminder-log": {OFFICER, COMMISSIONER},
    "configure": {OFFICER},
    "manage-roles": {OFFICER},
}
CASES = [(op, level, level in allowed) for op, allowed in EXPECTED.items() for level in ACCESS]


@dataclass(frozen=True)
class Person:
    name: str
    access: str


def test_the_table_here_names_every_operation_in_policy() -> None:
    assert set(policy.POLICY) == set(EXPECTED)
    assert policy.ACCESS_LEVELS == ACCESS


@pytest.mark.parametrize(("operation", "access", "allowed"), CASES)
def test_may(operation: str, access: str, allowed: bool) -> None:
    assert policy.may(Person("Sam Jones", access), operation) is allowed


@pytest.mark.parametrize(("operation", "access", "allowed"), CASES)
def test_require(operation: str, access: str, allowed: bool) -> None:
    person = Person("Sam Jones", access)
    if allowed:
        policy.require(person, operation)  # does not raise
        return
    with pytest.raises(PermissionDenied) as refused:
        policy.require(person, operation)
    words = operation.replace("-", " ")
    assert str(refused.value) == f"Sam Jones ({access}) may not {words}"


@pytest.mark.parametrize("operation", sorted(EXPECTED))
def test_no_other_access_level_may_do_anything(operation: str) -> None:
    for access in ("system", "admin", "", "Officer"):
        assert not policy.may(Person("Pat", access), operation)


def test_refusal_names_the_person_and_the_operation_in_words() -> None:
    with pytest.raises(PermissionDenied, match=r"^Ann Lee \(viewer\) may not add agenda item$"):
        policy.require(Person("Ann Lee", "viewer"), "add-agenda-item")
    with pytest.raises(PermissionDenied, match=r"^Bo \(officer\) may not approve statement$"):
        policy.require(Person("Bo", "officer"), "approve-statement")


def test_an_operation_not_in_the_table_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        policy.may(Person("Pat", "officer"), "delete-everything")
    with pytest.raises(KeyError):
        policy.require(Person("Pat", "officer"), "delete-everything")
