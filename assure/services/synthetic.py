"""Synthetic registers at scale (`assure demo --scale N`) for benchmarks: not yet available."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from assure.errors import AssureError


def add_synthetic(engine: Engine, today: date, n: int, progress: bool = False) -> None:
    raise AssureError("--scale is not yet available in this version")
