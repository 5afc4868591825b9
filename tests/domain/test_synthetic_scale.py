"""Synthetic registers (`assure demo --scale N`) stay distinct past 99 forces (N >= 250,000)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from assure.models import Action, Meeting
from assure.services.demo import synthetic
from tests.conftest import TODAY


@pytest.mark.parametrize("force", [1, 9, 10, 99, 100, 101, 140, 400, 1_000, 12_345])
def test_a_board_name_gives_back_its_force_however_many_digits(force: int) -> None:
    assert synthetic.force_of(synthetic.board_name(force)) == force


def test_other_boards_have_no_force_number() -> None:
    assert synthetic.force_of("Anyshire Accountability Board") is None
    assert synthetic.force_of("Force 12 Accountability Board (extra)") is None


def test_forces_meeting_on_the_same_day_have_different_refs() -> None:
    day = date(2024, 7, 20)
    refs = {synthetic.action_ref(force, day, 1) for force in (1, 10, 14, 100, 140, 1_400)}
    assert len(refs) == 6


def test_a_register_of_more_than_99_forces_has_every_force_and_unique_refs(
    engine: Engine,
) -> None:
    # 140 forces: force 140 meets on the same days as force 14, the first clash of the
    # two-character reading (which merged forces 100-149 into 10-14 and duplicated refs)
    counts = synthetic.add_synthetic(engine, TODAY, 1_400, per_force=10)
    assert counts["actions"] == 1_400
    with engine.connect() as conn:
        boards = conn.execute(
            select(func.count(func.distinct(Meeting.board))).where(
                col(Meeting.board).like("Force %")
            )
        ).scalar()
        used = conn.execute(
            select(func.count(func.distinct(Action.meeting_id))).where(
                col(Action.title).like("Synthetic action %")
            )
        ).scalar()
        refs = conn.execute(
            select(func.count(func.distinct(Action.ref))).where(
                col(Action.title).like("Synthetic action %")
            )
        ).scalar()
        forty = conn.execute(select(func.count()).where(col(Action.ref).like("F140-%"))).scalar()
    assert boards == 140
    assert refs == 1_400
    assert forty == 10  # force 140's actions carry its own number
    assert used is not None and used > 140
