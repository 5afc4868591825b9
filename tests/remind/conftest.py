"""A real SMTP server on localhost (aiosmtpd) that records what it accepts and can refuse."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    """What the server accepted, and the addresses it refuses."""

    refuse: set[str] = field(default_factory=set)
    messages: list[tuple[list[str], Message]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return [r for rcpts, _ in self.messages for r in rcpts]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, dict[str, str]]]:
    """Start the server; yield it with the ASSURE_SMTP_* environment that points at it."""
    box = Mailbox()
    port = _free_port()
    # aiosmtpd gives a starting server 5 s by default, which a loaded machine can miss; the
    # bound only stops a server that never starts from hanging the suite
    controller = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=120)
    controller.start()
    env = {
        "ASSURE_SMTP_HOST": "127.0.0.1",
        "ASSURE_SMTP_PORT": str(port),
        "ASSURE_SMTP_SECURITY": "none",
        "ASSURE_SMTP_FROM": "governance@anyshire-pcc.example",
        "ASSURE_SMTP_PASSWORD": "s3cret-never-shown",
    }
    try:
        yield box, env
    finally:
        controller.stop()


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may write to."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path
