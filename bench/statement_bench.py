"""Bench row: `assure statement build --format all` on a year of about 5,000 evidence items."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bench.harness import ASSURE, Row, env_for, measure, run_once

SCALE = 40_000  # synthetic evidence is N/2 over five years: about 5,000 in a full year


def largest_year(db: Path) -> tuple[str, int]:
    """The financial year with the most evidence, as '2025-26', and its count."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT CAST(substr(occurred_on, 1, 4) AS INTEGER) "
            "- (substr(occurred_on, 6, 2) < '04') AS fy, count(*) "
            "FROM evidence GROUP BY fy ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    start, count = int(rows[0]), int(rows[1])
    return f"{start}-{(start + 1) % 100:02d}", count


def bench_rows(context: dict[str, Any]) -> list[Row]:
    work: Path = context["work"]
    today = context["today"].isoformat()
    db = work / "statement.db"
    build = [*ASSURE, "demo", "--no-tui", "--yes", "--scale", str(SCALE), "--db", str(db)]
    _, _, code, err = run_once(build, env_for(None, today))
    if code != 0:
        return [Row("statement build", None, None, 0, note=f"failed: {err.decode()[-60:]}")]
    year, count = largest_year(db)
    cmd = [*ASSURE, "statement", "build", year, "--format", "all", "--out", str(work / "st")]
    row = measure(
        f"statement build {year} --format all ({count:,} evidence)",
        cmd,
        env_for(db, today),
        context["runs"],
        "< 2 s, < 300 MB",
    )
    return [row]
