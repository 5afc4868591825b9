"""Services: every write audited in the same transaction, bad input refused with nothing written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from assure.core import audit, db, rules
from assure.core.actor import Actor
from assure.core.errors import ConflictError, PermissionDenied, ValidationError
from assure.models import Action, AuditEntry, Evidence, Person, Update
from assure.models.base import pk
from assure.services import people
from assure.services.board import actions as board
from assure.services.evidence import records as evidence
from assure.services.evidence import spr
from assure.services.inspections import findings as inspections
from tests.conftest import OFFICER, TODAY


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _person(engine: Engine, name: str = "Rachel Hume") -> None:
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, name, "ACC", "Force", f"{name.split()[0].lower()}@x.example")


def _action(engine: Engine, due: date = date(2026, 5, 10)) -> str:
    _person(engine)
    with db.session_scope(engine) as s:
        meeting = board.add_meeting(s, OFFICER, date(2026, 4, 14))
        action = board.add_action(
            s,
            OFFICER,
            title="Report 999 answer times",
            owner="Rachel Hume",
            due_date=due,
            today=TODAY,
            meeting=meeting,
        )
        return action.ref


def test_add_action_writes_audit_entries_naming_the_actor(engine: Engine) -> None:
    ref = _action(engine)
    assert ref == "BCB-2026-04-01"
    with Session(engine) as s:
        action = board.get_action(s, ref)
        trail = audit.history(s, "action", pk(action))
    fields = {e.field for e in trail}
    assert {"ref", "title", "due_date", "owner_id", "status"} <= fields
    assert all(e.who == "Test Officer" and e.operation == "create" for e in trail)


def test_change_records_old_and_new(engine: Engine) -> None:
    ref = _action(engine)
    _person(engine, "David Kerr")
    with db.session_scope(engine) as s:
        board.edit_action(s, OFFICER, board.get_action(s, ref), owner="David Kerr")
    with Session(engine) as s:
        action = board.get_action(s, ref)
        trail = audit.history(s, "action", pk(action))
        entry = next(e for e in trail if e.operation == "update")
        assert (entry.field, entry.old != entry.new) == ("owner_id", True)
        assert action.version == 2


def test_bad_due_date_is_refused_and_nothing_written(engine: Engine) -> None:
    _person(engine)
    with Session(engine) as s:
        before = (_count(s, Action), _count(s, AuditEntry))
    with pytest.raises(ValidationError, match="due_date"), db.session_scope(engine) as s:
        board.add_action(
            s, OFFICER, title="x", owner="Rachel Hume", due_date="31/02/2026", today=TODAY
        )
    with Session(engine) as s:
        assert (_count(s, Action), _count(s, AuditEntry)) == before


def test_failure_midway_rolls_back_the_whole_unit(engine: Engine) -> None:
    _person(engine)
    with Session(engine) as s:
        before = _count(s, AuditEntry)
    with pytest.raises(ValidationError, match="owner"), db.session_scope(engine) as s:
        board.add_action(
            s, OFFICER, title="first", owner="Rachel Hume", due_date="2026-06-01", today=TODAY
        )
        board.add_action(
            s, OFFICER, title="second", owner="Nobody Known", due_date="2026-06-01", today=TODAY
        )
    with Session(engine) as s:
        assert _count(s, Action) == 0
        assert _count(s, AuditEntry) == before


def test_two_stage_closure(engine: Engine) -> None:
    ref = _action(engine)
    with db.session_scope(engine) as s:
        action = board.get_action(s, ref)
        with pytest.raises(ValidationError, match="awaiting sign-off"):
            board.accept_completion(s, OFFICER, action, "", TODAY)
        board.propose_completion(s, OFFICER, action, "Paper presented", TODAY)
        assert action.status == "complete" and action.closed_on is None
        board.reject_completion(s, OFFICER, action, "Figures missing for March", TODAY)
        assert action.status == "in-progress"
        board.propose_completion(s, OFFICER, action, "March added", TODAY)
        board.accept_completion(s, OFFICER, action, "Satisfied", TODAY + timedelta(days=1))
        assert action.status == "closed" and action.closed_on == TODAY + timedelta(days=1)
    with Session(engine) as s:
        notes = list(s.exec(select(Update).where(Update.record_type == "action")))
        assert [n.status_to for n in notes] == ["complete", "in-progress", "complete", "closed"]


def test_extension_keeps_original_due_date(engine: Engine) -> None:
    ref = _action(engine, due=date(2026, 4, 20))
    with db.session_scope(engine) as s:
        action = board.get_action(s, ref)
        ext = board.request_extension(
            s, OFFICER, action, "30/06/2026", "Waiting for Q1 data", TODAY
        )
        assert action.revised_due_date is None  # nothing moves until granted
        board.decide_extension(s, OFFICER, ext, True, "Alex Morgan", TODAY)
        assert action.due_date == date(2026, 4, 20)
        assert action.revised_due_date == date(2026, 6, 30)
        with pytest.raises(ValidationError, match="new_due"):
            board.request_extension(s, OFFICER, action, "01/06/2026", "earlier", TODAY)
        with pytest.raises(ValidationError, match="original due date"):
            board.edit_action(s, OFFICER, action, due_date="2026-04-25")


def test_overdue_sql_agrees_with_python(engine: Engine) -> None:
    _person(engine)
    with db.session_scope(engine) as s:
        for n, (due, status) in enumerate(
            [
                (TODAY - timedelta(days=1), "open"),
                (TODAY, "open"),
                (TODAY + timedelta(days=1), "in-progress"),
                (TODAY - timedelta(days=9), "complete"),
                (TODAY - timedelta(days=9), "closed"),
                (TODAY - timedelta(days=3), "in-progress"),
                (TODAY - timedelta(days=3), "superseded"),
            ]
        ):
            s.add(
                Action(
                    ref=f"X-{n}",
                    title="t",
                    raised_on=TODAY - timedelta(days=30),
                    due_date=due,
                    status=status,
                )
            )
    with Session(engine) as s:
        actions = list(s.exec(select(Action)))
        python = {
            a.ref
            for a in actions
            if rules.is_overdue(
                rules.current_due(a.due_date, a.revised_due_date),
                a.status,
                TODAY,
                rules.ACTION_DONE,
            )
        }
        sql = set(
            s.exec(
                select(Action.ref).where(
                    rules.overdue_sql(
                        Action.due_date,
                        Action.revised_due_date,
                        Action.status,
                        TODAY,
                        rules.ACTION_DONE,
                    )
                )
            )
        )
    assert python == sql == {"X-0", "X-5"}


def test_optimistic_lock_names_who_changed_it(engine: Engine) -> None:
    ref = _action(engine)
    with Session(engine) as s:
        stale_version = board.get_action(s, ref).version
    with db.session_scope(engine) as s:
        board.edit_action(
            s, Actor("Priya Shah", "officer"), board.get_action(s, ref), title="Changed first"
        )
    with pytest.raises(ConflictError, match="changed by Priya Shah"), db.session_scope(engine) as s:
        board.edit_action(
            s,
            OFFICER,
            board.get_action(s, ref),
            title="Changed second",
            expected_version=stale_version,
        )


def test_viewer_cannot_write(engine: Engine) -> None:
    """The use case asks the policy before it opens its unit of work; nothing is written."""
    from assure.core.db import Store

    with pytest.raises(PermissionDenied, match="Reader \\(viewer\\) may not edit person"):
        people.add(Store(engine=engine), Actor("Reader", "viewer"), name="Someone")
    with Session(engine) as s:
        assert _count(s, Person) == 0


def test_recommendation_sits_under_cause_of_concern(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        report = inspections.add_inspection(
            s, OFFICER, title="PEEL", kind="PEEL", published_on="6 December 2023"
        )
        afi = inspections.add_finding(
            s, OFFICER, report, ref="AFI1", kind="area for improvement", text="x"
        )
        with pytest.raises(ValidationError, match="parent_ref"):
            inspections.add_finding(
                s, OFFICER, report, ref="R1", kind="recommendation", text="y", parent=afi
            )
        coc = inspections.add_finding(
            s, OFFICER, report, ref="CoC1", kind="cause-of-concern", text="z"
        )
        assert inspections.causes_without_recommendations(s) == [coc]
        inspections.add_finding(
            s, OFFICER, report, ref="R1", kind="recommendation", text="y", parent=coc
        )
        assert inspections.causes_without_recommendations(s) == []
        with pytest.raises(ValidationError, match="reason"):
            inspections.set_finding_status(s, OFFICER, afi, "no action", "", TODAY)


def test_evidence_counts_in_its_financial_year_only(engine: Engine) -> None:
    from assure.core.clock import FinancialYear

    with db.session_scope(engine) as s:
        edition = spr.edition_in_force(s, date(2026, 3, 31))
        threat = spr.threat_by_code(s, edition, "terrorism")
        dim = spr.dimension_by_code(s, "capability")
        for day in ("31/03/2026", "01/04/2026"):
            evidence.add_evidence(
                s,
                OFFICER,
                title=f"CT visit {day}",
                occurred_on=day,
                threat_ids=[pk(threat)],
                dimension_ids=[pk(dim)],
            )
    with Session(engine) as s:
        assert _count(s, Evidence) == 2
        this = spr.coverage(s, FinancialYear(2025))
        nxt = spr.coverage(s, FinancialYear(2026))
        assert this.count(threat, dim) == 1 and nxt.count(threat, dim) == 1
        assert (threat, None) not in this.gaps()
        assert any(t.code == "cyber" and d is None for t, d in this.gaps())


def test_next_ref_counts_past_999(session: Session) -> None:
    for number in (998, 999, 1000):
        session.add(
            Action(
                ref=f"BCB-2026-05-{number}",
                title="x",
                raised_on=date(2026, 5, 5),
                due_date=date(2026, 6, 5),
            )
        )
    session.flush()
    assert board.next_ref(session, date(2026, 5, 5)) == "BCB-2026-05-1001"
