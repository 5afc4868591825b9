"""Mail that is sent once: proper headers, a dropped connection reopened, a lost reply not resent.

The server is a real aiosmtpd on localhost that can drop the connection at a chosen MAIL
command or take a message and never answer it, as servers that misbehave do.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import TODAY, run_cli
from tests.remind.conftest import Mailbox, _free_port

SENDER_DOMAIN = "anyshire-pcc.example"


class Misbehaving(Mailbox):
    """A mailbox whose server drops the connection at the MAIL commands numbered in `drop_at`
    and takes the messages numbered in `hold` without ever answering them."""

    def __init__(self) -> None:
        super().__init__()
        self.drop_at: set[int] = set()
        self.hold: set[int] = set()
        self.mails = 0
        self.datas = 0
        self.never: asyncio.Event | None = None

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        self.mails += 1
        if self.mails in self.drop_at:
            server.transport.close()  # no reply: the client reads end of file
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.datas += 1
        reply = await super().handle_DATA(server, session, envelope)  # the server has it
        if self.datas in self.hold:
            self.never = asyncio.Event()
            await self.never.wait()  # never set: the client gives up and hangs up first
        return reply


@pytest.fixture
def server() -> Iterator[tuple[Misbehaving, dict[str, str]]]:
    box = Misbehaving()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=120)
    controller.start()
    env = {
        "ASSURE_SMTP_HOST": "127.0.0.1",
        "ASSURE_SMTP_PORT": str(port),
        "ASSURE_SMTP_FROM": f"Governance <governance@{SENDER_DOMAIN}>",
        # how long the client waits for each reply; only a held message ever waits this long
        "ASSURE_SMTP_TIMEOUT": "5",
    }
    try:
        yield box, env
    finally:
        controller.stop()


def remind(path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return run_cli("remind", "--db", str(path), "--today", TODAY.isoformat(), *args, env=env)


def owners_due(path: Path) -> dict[str, str]:
    items = json.loads(remind(path, "--format", "json").stdout)
    return {i["owner_email"]: i["owner"] for i in items if i["owner_email"]}


def log_lines(path: Path, outcome: str) -> list[str]:
    log = run_cli("remind", "--db", str(path), "--log").stdout
    return [line for line in log.splitlines() if f" {outcome} " in line]


def test_every_message_has_date_message_id_and_auto_submitted(
    demo_copy: Path, tmp_path: Path, server: tuple[Misbehaving, dict[str, str]]
) -> None:
    box, env = server
    before = datetime.now(UTC).replace(microsecond=0)
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert box.messages
    ids = set()
    for _, msg in box.messages:
        sent_at = parsedate_to_datetime(msg["Date"])
        assert sent_at.tzinfo is not None and sent_at >= before
        message_id = " ".join(msg["Message-ID"].split())  # a long one may be folded
        assert message_id.startswith("<") and message_id.endswith(f"@{SENDER_DOMAIN}>")
        ids.add(message_id)
        assert msg["Auto-Submitted"] == "auto-generated"
    assert len(ids) == len(box.messages)
    outbox = tmp_path / "outbox"
    assert remind(demo_copy, "--send", "--dry-run", "--out", str(outbox), env=env).returncode == 0
    from email import message_from_bytes

    for eml in outbox.glob("*.eml"):
        written = message_from_bytes(eml.read_bytes())
        assert written["Date"] and written["Auto-Submitted"] == "auto-generated"
        assert written["Message-ID"].strip().endswith(f"@{SENDER_DOMAIN}>")


def test_a_dropped_connection_is_reopened_and_the_rest_are_sent(
    demo_copy: Path, server: tuple[Misbehaving, dict[str, str]]
) -> None:
    box, env = server
    owners = owners_due(demo_copy)
    assert len(owners) >= 3
    box.drop_at = {2}  # the server hangs up as the second message begins
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(box.recipients()) == sorted(owners)  # each once, none lost
    assert log_lines(demo_copy, "failed") == []


def test_a_server_that_keeps_hanging_up_fails_those_messages_not_the_run(
    demo_copy: Path, server: tuple[Misbehaving, dict[str, str]]
) -> None:
    box, env = server
    owners = owners_due(demo_copy)
    box.drop_at = {2, 3}  # the second message is dropped, and again when it is retried
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 3
    assert len(box.recipients()) == len(owners) - 1  # only that one message is lost
    assert "1 failed" in result.stdout


def test_a_message_whose_reply_never_came_is_unknown_and_not_sent_again(
    demo_copy: Path, server: tuple[Misbehaving, dict[str, str]]
) -> None:
    box, env = server
    owners = owners_due(demo_copy)
    box.hold = {1}  # the server takes the first message and never answers
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "1 not confirmed" in result.stdout
    assert sorted(box.recipients()) == sorted(owners)  # it did arrive, and the rest went on
    first = box.recipients()[0]
    unknown = log_lines(demo_copy, "unknown")
    assert unknown and all(owners[first] in line for line in unknown)
    assert "it may have arrived" in unknown[0]
    assert log_lines(demo_copy, "failed") == []

    again = remind(demo_copy, "--send", env=env)  # the next run does not send it again
    assert again.returncode == 0, again.stdout
    assert len(box.messages) == len(owners)
    assert f"{owners[first]} <{first}>" in next(
        line for line in again.stdout.splitlines() if "not confirmed" in line
    )

    resent = remind(demo_copy, "--send", "--resend-unknown", env=env)  # unless asked to
    assert resent.returncode == 0, resent.stdout
    assert box.recipients().count(first) == 2 and len(box.messages) == len(owners) + 1
