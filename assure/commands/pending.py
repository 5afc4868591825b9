"""The shared "not yet available" answer for commands whose work has not landed."""

from __future__ import annotations

from assure.commands.common import fail


def not_yet(name: str) -> None:
    fail(f"`assure {name}` is not yet available in this version")
