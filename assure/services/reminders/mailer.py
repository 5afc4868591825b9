"""The SMTP connection a reminder run sends through: reopened once when the server drops it,
and able to tell a message the server never had from one whose reply never came."""

from __future__ import annotations

import smtplib
import ssl
from typing import TYPE_CHECKING

from assure.core.config import SmtpSettings

if TYPE_CHECKING:
    from email.message import EmailMessage

    from _typeshed import ReadableBuffer


class _SMTP(smtplib.SMTP):
    """smtplib's client, noting when a message's end has gone and only its reply is awaited."""

    body_sent = False

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):  # DATA's terminator
            self.body_sent = True


class _SMTPSSL(_SMTP, smtplib.SMTP_SSL):
    pass


class Unconfirmed(Exception):
    """The whole message was sent but the server's reply never came: it may have arrived."""


class Mailer:
    """An SMTP connection for a run (none, STARTTLS or SSL); the password is never shown.

    A dropped connection is reopened once per message; when reopening fails, the rest of the
    run fails at once with that reason rather than waiting on the server for every message.
    """

    def __init__(self, smtp: SmtpSettings, timeout: float | None = None) -> None:
        self.smtp = smtp
        self.timeout = timeout if timeout is not None else smtp.timeout
        self.conn: _SMTP | None = None
        self.gone: Exception | None = None

    def __enter__(self) -> Mailer:
        self.conn = self._open()
        return self

    def _open(self) -> _SMTP:
        s = self.smtp
        conn: _SMTP
        if s.security == "ssl":
            context = ssl.create_default_context()
            conn = _SMTPSSL(s.host, s.port, timeout=self.timeout, context=context)
        else:
            conn = _SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                conn.starttls(context=ssl.create_default_context())
        if s.user:
            conn.login(s.user, s.password)
        return conn

    def send(self, msg: EmailMessage) -> None:
        """Send one message; raise Unconfirmed, or OSError or SMTPException when it failed."""
        try:
            self._attempt(msg)
        except smtplib.SMTPServerDisconnected:  # it never had the whole message: try again
            self._attempt(msg)

    def _attempt(self, msg: EmailMessage) -> None:
        if self.gone is not None:
            raise self.gone
        if self.conn is None:
            try:
                self.conn = self._open()
            except (OSError, smtplib.SMTPException) as exc:
                self.gone = exc
                raise
        conn = self.conn
        conn.body_sent = False
        try:
            refused = conn.send_message(msg)
        except smtplib.SMTPServerDisconnected as exc:
            self.conn = None  # smtplib has closed it; the next attempt opens a new one
            if conn.body_sent:
                raise Unconfirmed(str(exc) or "connection closed") from None
            raise
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except (OSError, smtplib.SMTPException):
                self.conn.close()
