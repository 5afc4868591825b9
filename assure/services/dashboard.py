"""The Home screen's use case: due work by owner, s55 clocks, next meeting, coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from assure.core import policy, rules
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.config import Settings
from assure.core.db import Store
from assure.models import (
    Action,
    Evidence,
    Finding,
    Inspection,
    Meeting,
    Person,
)
from assure.services.catalogue import vocabulary_of
from assure.services.evidence import spr
from assure.services.reminders import due
from assure.services.reminders.due import DueItem


@dataclass
class S55Clock:
    inspection_id: int
    title: str
    published_on: date
    last_day: date
    days_left: int


@dataclass
class Dashboard:
    today: date
    due_by_owner: dict[str, list[DueItem]]
    clocks: list[S55Clock]
    next_meeting: date | None
    coverage: spr.CoverageGrid
    findings_by_status: dict[str, int]  # keyed by the status's label
    started: dict[str, int] = field(default_factory=dict)  # how many people, meetings, ...

    @property
    def empty(self) -> bool:
        """Nothing recorded yet: a first run, when Home says what to do first."""
        return not any(self.started.values())


def home(store: Store, actor: Actor, today: date, settings: Settings) -> Dashboard:
    """What the officer sees first: due work by owner, clocks, next meeting, coverage."""
    policy.require(actor, "read")
    with store.reading() as session:
        return dashboard(session, today, settings)


def dashboard(session: Session, today: date, settings: Settings) -> Dashboard:
    items = due.due_items(session, today, settings.remind_within_days)
    clocks = [
        S55Clock(
            pid,
            title,
            published,
            rules.s55_last_day(published),
            rules.s55_days_left(published, today),
        )
        for pid, title, published in session.execute(
            select(col(Inspection.id), col(Inspection.title), col(Inspection.published_on))
            .where(col(Inspection.response_published_on).is_(None))
            .where(col(Inspection.published_on) <= today)
            .order_by(col(Inspection.published_on))
        )
    ]
    statuses = Counter(
        status
        for (status,) in session.execute(
            select(col(Finding.status)).where(
                col(Finding.status).not_in(sorted(rules.FINDING_DONE))
            )
        )
    )
    upcoming = session.execute(
        select(func.min(Meeting.held_on)).where(col(Meeting.held_on) > today)
    ).scalar_one_or_none()
    next_meeting = upcoming or rules.next_meeting(settings.board_rrule, today)
    labels = vocabulary_of(session, "finding-status")
    return Dashboard(
        today,
        due.by_owner(items),
        clocks,
        next_meeting,
        spr.grid(spr.coverage(session, FinancialYear.of(today))),
        {labels.label(code): n for code, n in sorted(statuses.items())},
        {
            name: int(session.execute(select(func.count()).select_from(model)).scalar_one())
            for name, model in (
                ("people", Person),
                ("meetings", Meeting),
                ("actions", Action),
                ("reports", Inspection),
                ("evidence", Evidence),
            )
        },
    )
