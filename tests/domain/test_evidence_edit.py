"""Correcting evidence: its fields and its links change together, audited, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from assure.core import db
from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import ConflictError, PermissionDenied, ValidationError
from assure.models import AuditEntry, Dimension, Evidence
from assure.models.base import pk
from assure.services import catalogue, history, people
from assure.services.board import actions
from assure.services.evidence import usecases as evidence
from tests.conftest import OFFICER, TODAY

VIEWER = Actor("Val Viewer", "viewer")


def _ids(engine: Engine) -> tuple[dict[str, int], dict[str, int], str]:
    with db.session_scope(engine) as s:
        dims = {d.code: pk(d) for d in s.exec(select(Dimension))}
        people.add_person(s, OFFICER, "Lisa Grant")
        action = actions.add_action(
            s, OFFICER, title="Brief the board", owner="Lisa Grant",
            due_date=date(2026, 6, 30), today=TODAY,
        )  # fmt: skip
        ref = action.ref
    # the threats of the edition in force, as the forms offer them
    offered = catalogue.threats(Store(engine=engine), OFFICER, TODAY)
    threats = {c.label: int(c.value) for c in offered}
    return (
        {
            "cyber": threats["A national cyber incident"],
            "soc": threats["Serious and organised crime"],
        },
        dims,
        ref,
    )


def _record(store: Store, threats: dict[str, int], dims: dict[str, int]) -> int:
    row = evidence.record_evidence(
        store, OFFICER, title="Cyber exercise", occurred_on="12/05/2026", kind="other",
        threat_ids=[threats["cyber"]], dimension_ids=[dims["capacity"]],
    )  # fmt: skip
    return row.id


def test_an_edit_changes_fields_and_links_and_audits_each(engine: Engine) -> None:
    threats, dims, ref = _ids(engine)
    store = Store(engine=engine)
    eid = _record(store, threats, dims)
    item = evidence.evidence_item(store, OFFICER, eid)
    assert (item.version, item.threat_ids, item.action_ref) == (1, [threats["cyber"]], "")

    row = evidence.edit_evidence(
        store, OFFICER, eid, version=item.version, title="Cyber exercise with the ROCU",
        occurred_on="13 May 2026", kind="other", action_ref=ref.lower(),
        threat_ids=[threats["soc"]], dimension_ids=[dims["capacity"], dims["consistency"]],
    )  # fmt: skip

    assert row.title == "Cyber exercise with the ROCU"
    assert row.threats == "soc"  # the threat's code
    after = evidence.evidence_item(store, OFFICER, eid)
    assert after.version == 2
    assert after.occurred_on == date(2026, 5, 13)
    assert after.action_ref == ref
    assert after.threat_ids == [threats["soc"]]
    assert sorted(after.dimension_ids) == sorted([dims["capacity"], dims["consistency"]])
    trail = history.history(store, OFFICER, "evidence", eid).audit
    said = {(r.operation, r.field) for r in trail}
    assert {("update", "title"), ("update", "action"), ("unlink", "threat")} <= said
    assert ("link", "dimension") in said
    cut = next(r for r in trail if r.operation == "unlink")
    assert cut.old == "A national cyber incident"


def test_a_changed_link_alone_makes_a_new_version(engine: Engine) -> None:
    threats, dims, _ = _ids(engine)
    store = Store(engine=engine)
    eid = _record(store, threats, dims)
    evidence.edit_evidence(
        store, OFFICER, eid, version=1, title="Cyber exercise", occurred_on="12/05/2026",
        kind="other", threat_ids=[threats["cyber"], threats["soc"]],
        dimension_ids=[dims["capacity"]],
    )  # fmt: skip
    assert evidence.evidence_item(store, OFFICER, eid).version == 2
    with pytest.raises(ConflictError):  # a form read before that edit is now stale
        evidence.edit_evidence(
            store, OFFICER, eid, version=1, title="Stale", occurred_on="12/05/2026",
            kind="other", threat_ids=[], dimension_ids=[],
        )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"action_ref": "BCB-1999-01-01"}, "action"),
        ({"meeting_id": 999_999}, "meeting"),
        ({"finding_id": 999_999}, "finding"),
        ({"threat_ids": [999_999]}, "threats"),
        ({"occurred_on": "May 2026"}, "date"),
    ],
)
def test_a_bad_edit_is_refused_and_changes_nothing(
    engine: Engine, change: dict[str, object], field: str
) -> None:
    threats, dims, _ = _ids(engine)
    store = Store(engine=engine)
    eid = _record(store, threats, dims)
    with db.session_scope(engine) as s:
        audit_rows = len(list(s.exec(select(AuditEntry))))
    values: dict[str, object] = {
        "title": "Changed", "occurred_on": "12/05/2026", "kind": "other",
        "threat_ids": [], "dimension_ids": [],
    } | change  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        evidence.edit_evidence(store, OFFICER, eid, version=1, **values)  # type: ignore[arg-type]
    assert refused.value.field == field
    item = evidence.evidence_item(store, OFFICER, eid)
    assert (item.title, item.version, item.threat_ids) == ("Cyber exercise", 1, [threats["cyber"]])
    with db.session_scope(engine) as s:
        assert len(list(s.exec(select(AuditEntry)))) == audit_rows
        assert s.get(Evidence, eid) is not None


def test_a_viewer_may_read_evidence_but_not_correct_it(engine: Engine) -> None:
    threats, dims, _ = _ids(engine)
    store = Store(engine=engine)
    eid = _record(store, threats, dims)
    assert evidence.evidence_item(store, VIEWER, eid).title == "Cyber exercise"
    with pytest.raises(PermissionDenied):
        evidence.edit_evidence(
            store, VIEWER, eid, version=1, title="x", occurred_on="12/05/2026", kind="other"
        )
