"""The reminders' windows at their edges: the s55 due day, and the repeat window.

- An s55 response is due on the 56th day counting publication as day 1 (publication + 55 days);
  with --within 0 it is listed from that day on and not the day before.
- With repeat_days N an item reminded within the last N days, today included, counts as
  recently reminded: a reminder on day D counts until D + N - 1, and no longer on D + N.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.models import ReminderLog
from assure.services import people
from assure.services.inspections import findings as inspections
from assure.services.reminders import due, send
from tests.conftest import OFFICER

PUBLISHED = date(2024, 1, 5)  # day 56 is 29 February 2024: the count crosses a leap day
LAST = date(2024, 2, 29)


def test_the_last_day_is_publication_plus_55() -> None:
    assert PUBLISHED + timedelta(days=55) == LAST


def responses(session: Session, today: date, within: int) -> list[due.DueItem]:
    return [i for i in due.due_items(session, today, within) if i.kind == "response"]


def test_an_s55_response_falls_due_on_publication_plus_55_days(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Sarah Okafor", email="sarah@x.example")
        inspections.add_inspection(
            s, OFFICER, title="PEEL 2023-25", kind="PEEL", published_on=PUBLISHED,
            response_owner="Sarah Okafor",
        )  # fmt: skip
    with Session(engine) as s:
        assert responses(s, LAST - timedelta(days=1), 0) == []
        (item,) = responses(s, LAST, 0)
        assert (item.due_date, item.original_due_date, item.days_overdue) == (LAST, LAST, 0)
        assert not item.overdue
        (soon,) = responses(s, LAST - timedelta(days=1), 1)
        assert (soon.due_date, soon.days_overdue) == (LAST, -1)
        (late,) = responses(s, LAST + timedelta(days=1), 0)
        assert (late.days_overdue, late.overdue) == (1, True)
        assert responses(s, PUBLISHED - timedelta(days=56), 55) == []
        (first,) = responses(s, PUBLISHED, 55)  # the day of publication, within 55 days
        assert first.days_overdue == -55


# --- the repeat window (the sending itself is tested through the command line in
# tests/remind/test_repeat_window.py) --------------------------------------------------------

DAY = date(2026, 5, 1)


def log(engine: Engine, on: date, outcome: str = "sent", channel: str = "email", **kw: str) -> None:
    with db.session_scope(engine) as s:
        s.add(
            ReminderLog(
                owner_name=kw.get("owner", "Rachel Hume"),
                item_kind=kw.get("kind", "action"),
                item_ref=kw.get("ref", "BCB-2026-03-01"),
                channel=channel,
                sent_on=on,
                outcome=outcome,
            )
        )


def recent(engine: Engine, today: date, days: int, channel: str = "email") -> set[tuple[str, str]]:
    with Session(engine) as s:
        return send.recently_reminded(s, "Rachel Hume", today, days, channel)


def test_recently_reminded_counts_today_and_the_days_before_it(engine: Engine) -> None:
    log(engine, DAY)
    item = {("action", "BCB-2026-03-01")}
    assert recent(engine, DAY, 1) == item
    assert recent(engine, DAY + timedelta(days=6), 7) == item
    assert recent(engine, DAY + timedelta(days=7), 7) == set()
    assert recent(engine, DAY, 0) == set()


def test_only_delivered_reminders_on_the_same_channel_to_the_same_owner_count(
    engine: Engine,
) -> None:
    log(engine, DAY, outcome="failed", ref="FAILED")
    log(engine, DAY, channel="dry-run", ref="DRY", outcome="written")
    log(engine, DAY, owner="Someone Else", ref="OTHER")
    log(engine, DAY, outcome="written", ref="WRITTEN")
    assert recent(engine, DAY, 3) == {("action", "WRITTEN")}
    assert recent(engine, DAY, 3, "dry-run") == {("action", "DRY")}
    with Session(engine) as s:
        assert send.reminded_today(s, "Rachel Hume", DAY)
        assert not send.reminded_today(s, "Rachel Hume", DAY + timedelta(days=1))
        assert not send.reminded_today(s, "Nobody", DAY)
