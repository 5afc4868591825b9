"""Shared column helpers for the table models."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_STAMP: ContextVar[datetime | None] = ContextVar("assure_stamp", default=None)


def utcnow() -> datetime:
    """Return the current time in UTC, to the second (timestamps are stored timezone-aware),
    or the time `stamped_at` fixed for the block being run."""
    return _STAMP.get() or datetime.now(UTC).replace(microsecond=0)


@contextmanager
def stamped_at(at: datetime) -> Iterator[None]:
    """Within the block, stamp new records and audit entries with `at`, not the clock: a demo
    built for a given today records that day, not the day it happened to be built."""
    token = _STAMP.set(at)
    try:
        yield
    finally:
        _STAMP.reset(token)


def pk(obj: object) -> int:
    """Return a saved record's primary key; raise if it has not been flushed yet."""
    value = getattr(obj, "id", None)
    if value is None:
        raise ValueError(f"{type(obj).__name__} has no id yet (flush the session first)")
    return int(value)
