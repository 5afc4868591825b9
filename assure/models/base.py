"""Shared column helpers for the table models."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time in UTC, to the second (timestamps are stored timezone-aware)."""
    return datetime.now(UTC).replace(microsecond=0)
