"""Sending reminder digests, and the log that proves the office chased its owners.

Rules: one message per owner per run; an owner already reminded today is not reminded again;
with `repeat_days` N an item reminded within the last N days is left out of the next digest
(and an owner with nothing left gets no message). Each owner's outcome is logged and committed
before the next owner is tried, so a run that stops half way never mails anyone twice.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlmodel import Session, col, select

from assure.core.config import Settings, SmtpSettings
from assure.core.errors import ValidationError
from assure.models import Person, ReminderLog
from assure.render import digest
from assure.services.reminders.due import DueItem, by_owner

DELIVERED = ("sent", "written")


@dataclass
class OwnerOutcome:
    owner: str
    address: str
    items: int
    outcome: str  # sent, written, failed, skipped
    detail: str = ""


@dataclass
class SendReport:
    outcomes: list[OwnerOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[OwnerOutcome]:
        return [o for o in self.outcomes if o.outcome == "failed"]


class Mailer:
    """One SMTP connection for a run (none, STARTTLS or SSL); the password is never shown."""

    def __init__(self, smtp: SmtpSettings, timeout: float = 30) -> None:
        self.smtp = smtp
        self.timeout = timeout
        self.conn: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        s = self.smtp
        if s.security == "ssl":
            self.conn = smtplib.SMTP_SSL(
                s.host, s.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            self.conn = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                self.conn.starttls(context=ssl.create_default_context())
        if s.user:
            self.conn.login(s.user, s.password)
        return self

    def send(self, msg: EmailMessage) -> None:
        assert self.conn is not None
        refused = self.conn.send_message(msg)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except smtplib.SMTPException:
                self.conn.close()


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


def reminded_today(session: Session, owner: str, today: date, channel: str = "email") -> bool:
    """Whether `owner` had a reminder today on `channel` (a dry run never counts as mail)."""
    return (
        session.exec(
            select(ReminderLog.id).where(
                ReminderLog.owner_name == owner,
                ReminderLog.sent_on == today,
                ReminderLog.channel == channel,
                col(ReminderLog.outcome).in_(DELIVERED),
            )
        ).first()
        is not None
    )


def recently_reminded(
    session: Session, owner: str, today: date, days: int, channel: str = "email"
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
            col(ReminderLog.outcome).in_(DELIVERED),
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
    session.commit()


def send(
    session: Session,
    items: list[DueItem],
    settings: Settings,
    today: date,
    *,
    dry_run: bool = False,
    outbox: Path | None = None,
    repeat_days: int = 0,
    progress: Callable[[OwnerOutcome], None] | None = None,
) -> SendReport:
    """Send (or, with `dry_run`, write as .eml files) one digest per owner; log each outcome."""
    if repeat_days < 0:
        raise ValidationError("--repeat-days", "must be 0 or more")
    smtp = settings.smtp
    if not dry_run:
        if not smtp.configured:
            raise ValidationError(
                "smtp",
                "no SMTP server is configured: set [smtp] host in the configuration "
                "file or ASSURE_SMTP_HOST (or use --dry-run)",
            )
        if not smtp.sender:
            raise ValidationError(
                "smtp.from", "no sender address: set [smtp] from or ASSURE_SMTP_FROM"
            )
    sender = smtp.sender or f"assure@{_slug(settings.office_name)}.invalid"
    channel = "dry-run" if dry_run else "email"
    report = SendReport()
    plan: list[tuple[str, str, list[DueItem]]] = []
    for owner, owned in by_owner(items).items():
        address = owned[0].owner_email
        outcome: OwnerOutcome | None = None
        if not address:
            outcome = OwnerOutcome(owner, "", len(owned), "skipped", "no e-mail address")
        elif reminded_today(session, owner, today, channel):
            outcome = OwnerOutcome(owner, address, len(owned), "skipped", "already reminded today")
        else:
            recent = recently_reminded(session, owner, today, repeat_days, channel)
            fresh = [i for i in owned if (i.kind, i.ref) not in recent]
            if not fresh:
                outcome = OwnerOutcome(
                    owner,
                    address,
                    0,
                    "skipped",
                    f"every item reminded in the last {repeat_days} days",
                )
            else:
                plan.append((owner, address, fresh))
        if outcome is not None:
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
    if not plan:
        return report
    if dry_run:
        folder = outbox or Path("exports") / "outbox"
        folder.mkdir(parents=True, exist_ok=True)
        for owner, address, owned in plan:
            msg = digest.email(owner, address, owned, sender, today, settings.office_name)
            path = folder / f"{today.isoformat()}-{_slug(owner)}.eml"
            path.write_bytes(bytes(msg))
            path.chmod(0o600)
            _log(session, owner, owned, "dry-run", "written", today, str(path))
            outcome = OwnerOutcome(owner, address, len(owned), "written", str(path))
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        return report
    try:
        mailer = Mailer(smtp).__enter__()
    except (OSError, smtplib.SMTPException) as exc:
        reason = f"cannot reach {smtp.host}:{smtp.port}: {_reason(exc)}"
        for owner, address, owned in plan:
            _log(session, owner, owned, "email", "failed", today, reason)
            outcome = OwnerOutcome(owner, address, len(owned), "failed", reason)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        return report
    try:
        for owner, address, owned in plan:
            msg = digest.email(owner, address, owned, sender, today, settings.office_name)
            try:
                mailer.send(msg)
            except (OSError, smtplib.SMTPException) as exc:
                outcome = OwnerOutcome(owner, address, len(owned), "failed", _reason(exc))
                _log(session, owner, owned, "email", "failed", today, outcome.detail)
            else:
                outcome = OwnerOutcome(owner, address, len(owned), "sent")
                _log(session, owner, owned, "email", "sent", today)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
    finally:
        mailer.__exit__(None, None, None)
    return report


def log_entries(session: Session, limit: int = 200) -> list[ReminderLog]:
    """The most recent reminder log rows, newest first."""
    return list(
        session.exec(
            select(ReminderLog)
            .order_by(col(ReminderLog.sent_at).desc(), col(ReminderLog.id).desc())
            .limit(limit)
        )
    )
