"""`assure remind`: overdue and soon-due work, one digest per owner; e-mail it with --send.

Exit status: 0 it ran (whatever was due); 1 only with --check when something is overdue;
2 bad usage or input; 3 when a delivery failed, or was sent but never confirmed by the server
("unknown": not sent again without --resend-unknown), for at least one owner (the others are
sent).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors, fail

if TYPE_CHECKING:
    from datetime import date

    from assure.commands.common import Ctx
    from assure.core.config import Settings
    from assure.services.reminders.due import DueItem
    from assure.services.reminders.usecases import DueList, LogRow, OwnerOutcome


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    ics = "ics"


def remind(
    ctx: typer.Context,
    within: int | None = typer.Option(
        None,
        "--within",
        help="Count work due within this many days as due soon (default from the "
        "configuration, 14).",
        show_default=False,
    ),
    owner: str | None = typer.Option(
        None, "--owner", help="Only this owner's work (name or e-mail).", show_default=False
    ),
    fmt: Format = typer.Option(Format.text, "--format", help="text, json, csv or ics."),
    send: bool = typer.Option(False, "--send", help="E-mail each owner their digest."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="With --send: write the messages to exports/outbox/ instead."
    ),
    out: str | None = typer.Option(
        None,
        "--out",
        help="With --dry-run: the folder for the .eml files (default exports/outbox/).",
        show_default=False,
    ),
    check: bool = typer.Option(False, "--check", help="Exit 1 when anything is overdue."),
    repeat_days: int = typer.Option(
        0,
        "--repeat-days",
        help="With --send: leave out items reminded within this many days.",
    ),
    resend_unknown: bool = typer.Option(
        False,
        "--resend-unknown",
        help="With --send: send again the messages logged unknown (sent, never confirmed).",
    ),
    log: bool = typer.Option(False, "--log", help="Show the reminder log instead."),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """List overdue and soon-due actions, findings, s55 responses and plan updates per owner."""
    from assure.services import setup
    from assure.services.reminders import usecases as reminders

    _check_windows(within, repeat_days)
    if dry_run and not send:
        fail("--dry-run goes with --send")
    if out and not dry_run:
        fail("--out goes with --send --dry-run")
    if resend_unknown and not send:
        fail("--resend-unknown goes with --send")
    c = context(ctx, db, today)
    path = setup.sqlite_file(c.db)
    if path is not None and not path.exists():
        # a mistyped --db in a cron line must not report "nothing due" for ever
        fail(f"no database at {path}; check --db (or run `assure init`)")
    with errors():
        store, actor = c.store(), c.actor()
        settings = c.settings(actor)
        if log:
            _print_log(reminders.reminder_log(store, actor))
            return
        listing = reminders.due_work(store, actor, c.today, settings, within, owner)
        if send:
            _send(c, settings, listing.items, dry_run=dry_run, out=out, repeat_days=repeat_days,
                  resend_unknown=resend_unknown)  # fmt: skip
        else:
            _print(listing, fmt, c.today)
    if check and any(item.overdue for item in listing.items):
        raise typer.Exit(1)


def _check_windows(within: int | None, repeat_days: int) -> None:
    """Refuse a window outside 0 to a year with one line (a huge one would overflow dates)."""
    from assure.core.rules import MAX_WINDOW_DAYS

    for option, days in (("--within", within), ("--repeat-days", repeat_days)):
        if days is not None and not 0 <= days <= MAX_WINDOW_DAYS:
            fail(f"{option}: {days} is not from 0 to {MAX_WINDOW_DAYS} days")


def _print(listing: DueList, fmt: Format, today: date) -> None:
    """Write the due list to stdout in the chosen format."""
    from assure.render import digest

    if fmt is Format.json:
        sys.stdout.write(digest.json_text(listing.items))
    elif fmt is Format.csv:
        sys.stdout.write(digest.csv_text(listing.items))
    elif fmt is Format.ics:
        sys.stdout.buffer.write(digest.ics(listing.items))
    else:
        sys.stdout.write(digest.text(listing.items, today, listing.within))


def _send(
    c: Ctx,
    settings: Settings,
    items: list[DueItem],
    *,
    dry_run: bool,
    out: str | None,
    repeat_days: int,
    resend_unknown: bool = False,
) -> None:
    """Plan the digests, compose each owner's message, send them; exit 3 if any failed."""
    from pathlib import Path

    from assure.core.config import EXPORTS_DIR
    from assure.render import digest
    from assure.services.reminders import usecases as reminders

    store, actor = c.store(), c.actor()
    plan = reminders.plan_reminders(
        store, actor, c.today, settings, items, dry_run=dry_run, repeat_days=repeat_days,
        resend_unknown=resend_unknown,
    )  # fmt: skip
    for outcome in plan.skipped:
        _say(outcome)
    messages = [
        reminders.Prepared(
            d.owner,
            d.address,
            d.items,
            digest.email(d.owner, d.address, d.items, plan.sender, c.today, settings.office_name),
        )
        for d in plan.digests
    ]
    outcomes = plan.skipped + reminders.send_reminders(
        store,
        actor,
        c.today,
        settings,
        messages,
        dry_run=dry_run,
        outbox=Path(out) if out else EXPORTS_DIR / "outbox",
        progress=_say,
    )
    sent = sum(1 for o in outcomes if o.outcome in reminders.DELIVERED)
    failed = sum(1 for o in outcomes if o.outcome == "failed")
    skipped = sum(1 for o in outcomes if o.outcome == "skipped")
    unknown = sum(1 for o in outcomes if o.outcome == reminders.UNKNOWN)
    verb = "written" if dry_run else "sent"
    not_confirmed = f", {unknown} not confirmed" if unknown else ""
    typer.echo(
        f"{sent} message{'s' if sent != 1 else ''} {verb}, {failed} failed{not_confirmed}, "
        f"{skipped} skipped."
    )
    if failed or unknown:
        raise typer.Exit(3)


def _say(outcome: OwnerOutcome) -> None:
    """One line per owner: what happened to their digest."""
    detail = f" ({outcome.detail})" if outcome.detail else ""
    where = f" <{outcome.address}>" if outcome.address else ""
    count = f"{outcome.items} item{'s' if outcome.items != 1 else ''}"
    typer.echo(f"{outcome.outcome:>7}: {outcome.owner}{where}, {count}{detail}")


def _print_log(rows: Sequence[LogRow]) -> None:
    if not rows:
        typer.echo("No reminders have been sent yet.")
        return
    typer.echo(
        f"{'sent at (UTC)':<20} {'owner':<30} {'item':<23} {'channel':<8} {'outcome':<8} detail"
    )
    for row in rows:
        typer.echo(
            f"{row.sent_at:%Y-%m-%d %H:%M:%S}  {row.owner_name[:30]:<30} "
            f"{(row.item_kind + ' ' + row.item_ref)[:23]:<23} {row.channel:<8} {row.outcome:<8} "
            f"{row.detail}"
        )
