"""Shared column helpers for the table models."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time in UTC, to the second (timestamps are stored timezone-aware)."""
    return datetime.now(UTC).replace(microsecond=0)


def pk(obj: object) -> int:
    """Return a saved record's primary key; raise if it has not been flushed yet."""
    value = getattr(obj, "id", None)
    if value is None:
        raise ValueError(f"{type(obj).__name__} has no id yet (flush the session first)")
    return int(value)
