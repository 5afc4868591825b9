"""The reminder use cases: the policy first, digests composed by the caller, each outcome logged."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from assure.core.actor import Actor
from assure.core.config import Settings
from assure.core.db import Store
from assure.core.errors import PermissionDenied, ValidationError
from assure.services.reminders import usecases as reminders
from tests.conftest import OFFICER, TODAY

VIEWER = Actor("Vera Viewer", "viewer")
COMMISSIONER = Actor("Alex Morgan", "commissioner")


@pytest.fixture
def store(demo_copy: Path) -> Store:
    return Store(str(demo_copy))


def _compose(plan: reminders.ReminderPlan) -> list[reminders.Prepared]:
    """Stand-in for the renderer: the services only carry the message they are given."""
    prepared = []
    for d in plan.digests:
        msg = EmailMessage()
        msg["Subject"] = f"{len(d.items)} items"
        msg["To"] = d.address
        msg.set_content("\n".join(i.ref for i in d.items))
        prepared.append(reminders.Prepared(d.owner, d.address, d.items, msg))
    return prepared


def test_anyone_who_reads_sees_the_due_list_with_its_window(store: Store) -> None:
    listing = reminders.due_work(store, VIEWER, TODAY, Settings(), within=7)
    assert listing.within == 7 and listing.items
    assert reminders.due_work(store, VIEWER, TODAY, Settings()).within == 14


def test_a_viewer_may_neither_send_nor_read_the_log(store: Store, tmp_path: Path) -> None:
    items = reminders.due_work(store, VIEWER, TODAY, Settings()).items
    with pytest.raises(PermissionDenied, match="may not send reminders"):
        reminders.plan_reminders(store, VIEWER, TODAY, Settings(), items, dry_run=True)
    with pytest.raises(PermissionDenied):
        reminders.send_reminders(store, VIEWER, TODAY, Settings(), [], dry_run=True)
    with pytest.raises(PermissionDenied, match="may not read reminder log"):
        reminders.reminder_log(store, VIEWER)
    assert reminders.reminder_log(store, COMMISSIONER) == []


def test_no_server_configured_is_refused_before_planning(store: Store) -> None:
    with pytest.raises(ValidationError, match="SMTP"):
        reminders.plan_reminders(store, OFFICER, TODAY, Settings(), [])


def test_a_dry_run_writes_the_composed_messages_and_logs_each_owner(
    store: Store, tmp_path: Path
) -> None:
    items = reminders.due_work(store, OFFICER, TODAY, Settings()).items
    plan = reminders.plan_reminders(store, OFFICER, TODAY, Settings(), items, dry_run=True)
    assert plan.digests and plan.sender.endswith(".invalid")
    assert all(o.outcome == "skipped" and o.detail == "no e-mail address" for o in plan.skipped)
    heard: list[reminders.OwnerOutcome] = []
    outcomes = reminders.send_reminders(
        store, OFFICER, TODAY, Settings(), _compose(plan), dry_run=True,
        outbox=tmp_path / "outbox", progress=heard.append,
    )  # fmt: skip
    assert outcomes == heard and {o.outcome for o in outcomes} == {"written"}
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == len(plan.digests)
    assert b"Subject: " in files[0].read_bytes()
    log = reminders.reminder_log(store, OFFICER)
    assert len(log) == sum(len(d.items) for d in plan.digests)
    assert {row.channel for row in log} == {"dry-run"}
    # the same day's second dry run leaves every owner out
    again = reminders.plan_reminders(store, OFFICER, TODAY, Settings(), items, dry_run=True)
    assert not again.digests
    assert {o.detail for o in again.skipped} >= {"already reminded today"}


def test_repeat_days_below_zero_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="--repeat-days"):
        reminders.plan_reminders(store, OFFICER, date(2026, 5, 1), Settings(), [], dry_run=True,
                                 repeat_days=-1)  # fmt: skip
