"""Use cases of reminders: the due list, planning and sending the digests, and the log.

Sending is two steps so that the services never render: `plan_reminders` says which owners get
a digest and of which items; the caller composes each message (assure.render.digest.email) and
hands the composed messages to `send_reminders`, which sends or writes them and logs each
owner's outcome in its own unit of work, so a run that stops half way never mails anyone twice.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assure.core import policy
from assure.core.actor import Actor
from assure.core.config import Settings
from assure.core.db import Store
from assure.services import people
from assure.services.reminders import due, send
from assure.services.reminders.due import DueItem
from assure.services.reminders.send import DELIVERED, UNKNOWN, Digest, OwnerOutcome, Prepared

__all__ = [
    "DELIVERED",
    "UNKNOWN",
    "Digest",
    "DueList",
    "LogRow",
    "OwnerOutcome",
    "Prepared",
    "ReminderPlan",
    "due_work",
    "plan_reminders",
    "reminder_log",
    "send_reminders",
]


@dataclass(frozen=True)
class DueList:
    """Overdue and due-soon work, most overdue first, and the window it was counted with."""

    items: list[DueItem]
    within: int


@dataclass(frozen=True)
class ReminderPlan:
    """Who gets a digest (to be composed by the caller) and who is left out, and why."""

    digests: list[Digest]
    skipped: list[OwnerOutcome]
    sender: str


@dataclass(frozen=True)
class LogRow:
    """One line of the reminder log."""

    sent_at: datetime
    owner_name: str
    item_kind: str
    item_ref: str
    channel: str
    outcome: str
    detail: str


def due_work(
    store: Store,
    actor: Actor,
    today: date,
    settings: Settings,
    within: int | None = None,
    owner: str | None = None,
) -> DueList:
    """Every overdue or due-soon item (only `owner`'s, by name or e-mail, when given).

    `within` defaults to the configured window. Raises NotFound for an unknown owner.
    """
    policy.require(actor, "read")
    window = settings.remind_within_days if within is None else within
    with store.reading() as session:
        name = people.get_person(session, owner, "--owner").name if owner else None
        return DueList(due.due_items(session, today, window, name), window)


def plan_reminders(
    store: Store,
    actor: Actor,
    today: date,
    settings: Settings,
    items: list[DueItem],
    *,
    dry_run: bool = False,
    repeat_days: int = 0,
    resend_unknown: bool = False,
) -> ReminderPlan:
    """One digest per owner of `items` still to remind today.

    Left out: owners with no e-mail address, owners already reminded today, and (with
    `repeat_days` N) items reminded within the last N days; a message logged "unknown" (sent,
    never confirmed) counts as sent unless `resend_unknown`. Raises ValidationError when mail
    cannot be sent (no server or sender configured, unless `dry_run`).
    """
    policy.require(actor, "send-reminders")
    send.check_can_send(settings, dry_run, repeat_days)
    channel = "dry-run" if dry_run else "email"
    with store.reading() as session:
        skipped, digests = send.plan(session, items, today, channel, repeat_days, resend_unknown)
    return ReminderPlan(digests, skipped, send.sender_of(settings))


def send_reminders(
    store: Store,
    actor: Actor,
    today: date,
    settings: Settings,
    messages: Sequence[Prepared],
    *,
    dry_run: bool = False,
    outbox: Path | None = None,
    progress: Callable[[OwnerOutcome], None] | None = None,
) -> list[OwnerOutcome]:
    """Send the composed digests (or, on a dry run, write them to `outbox` as .eml files).

    Each owner's outcome is logged and committed before the next owner is tried; `progress`
    hears of each as it happens. A server that cannot be reached fails every digest.
    """
    policy.require(actor, "send-reminders")
    send.check_can_send(settings, dry_run, 0)
    if not messages:
        return []
    if dry_run:
        folder = outbox or Path("exports") / "outbox"
        return _each(store, messages, progress, lambda s, m: send.write_outbox(s, m, folder, today))
    try:
        mailer = send.connect(settings.smtp)
    except (OSError, smtplib.SMTPException) as exc:
        unreachable = exc
        return _each(
            store,
            messages,
            progress,
            lambda s, m: send.unreachable(s, settings.smtp, unreachable, m, today),
        )
    try:
        return _each(store, messages, progress, lambda s, m: send.deliver(s, mailer, m, today))
    finally:
        mailer.__exit__(None, None, None)


def _each(
    store: Store,
    messages: Sequence[Prepared],
    progress: Callable[[OwnerOutcome], None] | None,
    one: Callable[..., OwnerOutcome],
) -> list[OwnerOutcome]:
    """Apply `one` to each message in its own unit of work, telling `progress` as it goes."""
    outcomes = []
    for message in messages:
        with store.writing() as session:
            outcome = one(session, message)
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    return outcomes


def reminder_log(store: Store, actor: Actor, limit: int = 200) -> list[LogRow]:
    """The most recent reminder log rows, newest first."""
    policy.require(actor, "read-reminder-log")
    with store.reading() as session:
        return [
            LogRow(r.sent_at, r.owner_name, r.item_kind, r.item_ref, r.channel, r.outcome, r.detail)
            for r in send.log_entries(session, limit)
        ]
