"""A record's history reads as people say it: names, labels, linked records and UK dates."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import select

from assure.core import db
from assure.core.db import Store
from assure.models import Threat
from assure.models.base import pk
from assure.services import history, people
from assure.services.board import actions
from tests.conftest import OFFICER, TODAY


def test_the_audit_trail_names_people_labels_and_linked_records(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Lisa Grant")
        people.add_person(s, OFFICER, "Owen Price")
        threat = s.exec(select(Threat).where(Threat.code == "terrorism")).first()
        assert threat is not None
        added = actions.add_action(
            s,
            OFFICER,
            title="Brief the board on Prevent referrals",
            owner="Lisa Grant",
            due_date=date(2026, 6, 30),
            today=TODAY,
            threat_ids=[pk(threat)],
        )
        action_id, threat_name = pk(added), threat.name
    with db.session_scope(engine) as s:
        found = actions.get_action(s, action_id)
        actions.edit_action(s, OFFICER, found, owner="Owen Price")
        actions.progress(s, OFFICER, found, "Referral figures received", TODAY)
    trail = history.history(Store(engine=engine), OFFICER, "action", action_id).audit
    said = {(row.operation, row.field, row.old, row.new) for row in trail}
    assert ("update", "owner", "Lisa Grant", "Owen Price") in said
    assert ("update", "status", "Open", "In progress") in said
    assert ("link", "threat", "", threat_name) in said
    assert ("create", "due date", "", "30/06/2026") in said
    assert not any("owner_id" in row.field or row.new.isdigit() for row in trail)
