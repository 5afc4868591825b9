"""Bench row: `assure statement build --format all` for the busiest year of the 100,000-action
register (about 12,000 evidence items; the row says how many the statement cites)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from bench.harness import ASSURE, Row, env_for, measure


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


def cited_by_latest(db: Path) -> int:
    """How many evidence items the latest stored statement cites (its manifest's entries)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT manifest FROM statement ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    entries = json.loads(row[0] or "[]") if row else []
    return sum(1 for entry in entries if "file" not in entry)


def bench_rows(context: dict[str, Any]) -> list[Row]:
    work: Path = context["work"]
    today = context["today"].isoformat()
    label = "100k" if context.get("100k") else "10k"
    db = work / "statement.db"  # a copy: each run stores a draft, which the other rows never see
    shutil.copyfile(context[label], db)
    year, count = largest_year(db)
    cmd = [*ASSURE, "statement", "build", year, "--format", "all", "--out", str(work / "st")]
    row = measure(
        f"statement build {year} --format all ({label})",
        cmd,
        env_for(db, today),
        context["runs"],
        "< 1.5 s" if label == "100k" else "",
    )
    cited = cited_by_latest(db)
    row.name += f": {cited:,} evidence items cited of {count:,}"
    row.extra["cited"] = cited
    return [row]
