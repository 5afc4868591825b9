"""Sending reminder digests, and the log that proves the office chased its owners.

The digests are composed by the caller (assure.render.digest): this module plans who is
reminded, sends or writes the composed messages, and logs each outcome.

Rules: one message per owner per run; an owner already reminded today is not reminded again;
with `repeat_days` N an item reminded within the last N days is left out of the next digest
(and an owner with nothing left gets no message). Each owner's outcome is logged and committed
before the next owner is tried, so a run that stops half way never mails anyone twice.

Every message carries Date, a Message-ID on the sender's domain and `Auto-Submitted:
auto-generated` (RFC 3834, so that out-of-office replies are not sent back). A connection the
server dropped is reopened once and the message tried again, since the server cannot have taken
a message whose end it never received. A message whose end was sent but whose reply never came
(the server may have delivered it) is logged "unknown", not "failed": like a sent one it is not
sent again today, nor within the repeat window, unless the run asks with `resend_unknown`.
"""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path

from sqlmodel import Session, col, select

from assure.core.config import Settings, SmtpSettings
from assure.core.errors import ValidationError
from assure.core.files import write_atomic
from assure.core.rules import MAX_WINDOW_DAYS
from assure.models import Person, ReminderLog
from assure.services.reminders.due import DueItem, by_owner
from assure.services.reminders.mailer import Mailer, Unconfirmed

DELIVERED = ("sent", "written")
UNKNOWN = "unknown"  # the message went but the server's reply never came
NOT_RESENT = (*DELIVERED, UNKNOWN)


@dataclass
class OwnerOutcome:
    owner: str
    address: str
    items: int
    outcome: str  # sent, written, failed, unknown, skipped
    detail: str = ""


def _decoded(msg: bytes | str) -> str:
    return msg.decode(errors="replace") if isinstance(msg, bytes) else str(msg)


def _reason(exc: Exception) -> str:
    """A one-line reason for a failed delivery that never includes the password."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = ", ".join(
            f"{rcpt} refused ({code} {_decoded(msg)})"
            for rcpt, (code, msg) in exc.recipients.items()
        )
        return codes or "recipient refused"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_decoded(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def reminded_today(
    session: Session,
    owner: str,
    today: date,
    channel: str = "email",
    outcomes: tuple[str, ...] = DELIVERED,
) -> bool:
    """Whether `owner` had a reminder today on `channel` (a dry run never counts as mail)."""
    return (
        session.exec(
            select(ReminderLog.id).where(
                ReminderLog.owner_name == owner,
                ReminderLog.sent_on == today,
                ReminderLog.channel == channel,
                col(ReminderLog.outcome).in_(outcomes),
            )
        ).first()
        is not None
    )


def recently_reminded(
    session: Session,
    owner: str,
    today: date,
    days: int,
    channel: str = "email",
    outcomes: tuple[str, ...] = DELIVERED,
) -> set[tuple[str, str]]:
    """(kind, ref) of items this owner was reminded of within the last `days` days."""
    if days <= 0:
        return set()
    since = today - timedelta(days=days - 1)
    rows = session.exec(
        select(ReminderLog.item_kind, ReminderLog.item_ref).where(
            ReminderLog.owner_name == owner,
            ReminderLog.channel == channel,
            col(ReminderLog.sent_on) >= since,
            col(ReminderLog.outcome).in_(outcomes),
        )
    )
    return {(kind, ref) for kind, ref in rows}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "owner"


def _log(
    session: Session,
    owner: str,
    items: list[DueItem],
    channel: str,
    outcome: str,
    today: date,
    detail: str = "",
) -> None:
    person = session.exec(select(Person).where(Person.name == owner)).first()
    for item in items:
        session.add(
            ReminderLog(
                owner_id=person.id if person else None,
                owner_name=owner,
                item_kind=item.kind,
                item_ref=item.ref,
                channel=channel,
                sent_on=today,
                outcome=outcome,
                detail=detail[:500],
            )
        )
    session.flush()


@dataclass(frozen=True)
class Digest:
    """One owner's digest to compose: who, where to, and the items it lists."""

    owner: str
    address: str
    items: list[DueItem]


@dataclass(frozen=True)
class Prepared:
    """A composed digest, ready to send: the caller renders the message (assure.render)."""

    owner: str
    address: str
    items: list[DueItem]
    message: EmailMessage


def check_can_send(settings: Settings, dry_run: bool, repeat_days: int) -> None:
    """Raise ValidationError when mail cannot be sent (no server or sender) or a value is bad."""
    if not 0 <= repeat_days <= MAX_WINDOW_DAYS:
        raise ValidationError("--repeat-days", f"{repeat_days} is not from 0 to {MAX_WINDOW_DAYS}")
    if dry_run:
        return
    if not settings.smtp.configured:
        raise ValidationError(
            "smtp",
            "no SMTP server is configured: set [smtp] host in the configuration "
            "file or ASSURE_SMTP_HOST (or use --dry-run)",
        )
    if not settings.smtp.sender:
        raise ValidationError("smtp.from", "no sender address: set [smtp] from or ASSURE_SMTP_FROM")


def stamp(msg: EmailMessage) -> EmailMessage:
    """Give a message the headers every sent message needs, keeping any it has already.

    Date (now), Message-ID on the sender's domain (kept across a retry, so the two are one
    message to the recipient), and Auto-Submitted so that auto-replies are not sent back.
    """
    if "Date" not in msg:
        msg["Date"] = formatdate(localtime=True)
    if "Message-ID" not in msg:
        domain = parseaddr(str(msg.get("From", "")))[1].rpartition("@")[2]
        msg["Message-ID"] = make_msgid(domain=domain or "localhost")
    if "Auto-Submitted" not in msg:
        msg["Auto-Submitted"] = "auto-generated"
    return msg


def sender_of(settings: Settings) -> str:
    """The From address: the configured sender, else a placeholder on the office's name."""
    return settings.smtp.sender or f"assure@{_slug(settings.office_name)}.invalid"


def _skip_reason(
    session: Session,
    owner: str,
    owned: list[DueItem],
    today: date,
    channel: str,
    repeat: int,
    resend_unknown: bool = False,
) -> tuple[str, list[DueItem]]:
    """Why the owner gets no message ("" when they do), and the items their digest lists."""
    if not owned[0].owner_email:
        return "no e-mail address", owned
    if reminded_today(session, owner, today, channel):
        return "already reminded today", owned
    if not resend_unknown and reminded_today(session, owner, today, channel, (UNKNOWN,)):
        return "sent today but not confirmed (see --log; --resend-unknown sends it again)", owned
    counted = DELIVERED if resend_unknown else NOT_RESENT
    recent = recently_reminded(session, owner, today, repeat, channel, counted)
    fresh = [i for i in owned if (i.kind, i.ref) not in recent]
    if not fresh:
        return f"every item reminded in the last {repeat} days", []
    return "", fresh


def plan(
    session: Session,
    items: list[DueItem],
    today: date,
    channel: str,
    repeat_days: int,
    resend_unknown: bool = False,
) -> tuple[list[OwnerOutcome], list[Digest]]:
    """One digest per owner still to remind, and an outcome for each owner left out.

    A message logged "unknown" counts as sent unless `resend_unknown`.
    """
    skipped: list[OwnerOutcome] = []
    digests: list[Digest] = []
    for owner, owned in by_owner(items).items():
        address = owned[0].owner_email
        reason, fresh = _skip_reason(
            session, owner, owned, today, channel, repeat_days, resend_unknown
        )
        if reason:
            skipped.append(OwnerOutcome(owner, address, len(fresh), "skipped", reason))
        else:
            digests.append(Digest(owner, address, fresh))
    return skipped, digests


def write_outbox(session: Session, digest: Prepared, folder: Path, today: date) -> OwnerOutcome:
    """Write one composed digest as an .eml file (a dry run) and log it."""
    stamp(digest.message)
    path = write_atomic(
        folder / f"{today.isoformat()}-{_slug(digest.owner)}.eml", bytes(digest.message)
    )
    _log(session, digest.owner, digest.items, "dry-run", "written", today, str(path))
    return OwnerOutcome(digest.owner, digest.address, len(digest.items), "written", str(path))


def deliver(session: Session, mailer: Mailer, digest: Prepared, today: date) -> OwnerOutcome:
    """Send one composed digest and log whether it was sent or why it failed."""
    count = len(digest.items)
    stamp(digest.message)
    try:
        mailer.send(digest.message)
    except Unconfirmed as exc:
        detail = f"no reply after the message was sent ({exc}); it may have arrived"
        outcome = OwnerOutcome(digest.owner, digest.address, count, UNKNOWN, detail)
    except (OSError, smtplib.SMTPException) as exc:
        outcome = OwnerOutcome(digest.owner, digest.address, count, "failed", _reason(exc))
    else:
        outcome = OwnerOutcome(digest.owner, digest.address, count, "sent")
    _log(session, digest.owner, digest.items, "email", outcome.outcome, today, outcome.detail)
    return outcome


def unreachable(
    session: Session, smtp: SmtpSettings, exc: Exception, digest: Prepared, today: date
) -> OwnerOutcome:
    """Log one digest as failed because the server could not be reached."""
    reason = f"cannot reach {smtp.host}:{smtp.port}: {_reason(exc)}"
    _log(session, digest.owner, digest.items, "email", "failed", today, reason)
    return OwnerOutcome(digest.owner, digest.address, len(digest.items), "failed", reason)


def connect(smtp: SmtpSettings) -> Mailer:
    """An open connection to the SMTP server; raises OSError or SMTPException."""
    return Mailer(smtp).__enter__()


def log_entries(session: Session, limit: int = 200) -> list[ReminderLog]:
    """The most recent reminder log rows, newest first."""
    return list(
        session.exec(
            select(ReminderLog)
            .order_by(col(ReminderLog.sent_at).desc(), col(ReminderLog.id).desc())
            .limit(limit)
        )
    )
