"""Bench rows: `assure statement build --format all` for the busiest year of the 100,000-action
register (about 12,000 evidence items; the row says how many the statement cites), and its
floor: a process that imports every module the build imports, and does nothing else."""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import sys
from pathlib import Path
from typing import Any

from bench.harness import ASSURE, Row, alternate, env_for, modules_of


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
    argv = ["statement", "build", year, "--format", "all", "--out", str(work / "st")]
    env = env_for(db, today)
    floor_cmd = [sys.executable, "-c", IMPORT_ALL, *build_modules(argv, env)]
    build_cmd = [*ASSURE, *argv]
    floor, row = alternate_rows(
        (f"floor: importing what statement build imports ({label})", floor_cmd),
        (f"statement build {year} --format all ({label})", build_cmd),
        env,
        context["runs"],
    )
    row.target = "< 1.5 s" if label == "100k" else ""
    cited = cited_by_latest(db)
    row.name += f": {cited:,} evidence items cited of {count:,}"
    row.extra["cited"] = cited
    if floor.wall_s is not None and row.wall_s is not None:
        above = row.wall_s - floor.wall_s
        row.extra["above_floor_s"] = above
        row.note = f"floor {floor.wall_s * 1000:.0f} ms + {above * 1000:.0f} ms of work"
    return [floor, row]


# The floor's program: import each module named on its command line, in that order, with the
# settings the console script makes first (assure.entry.main: no pydantic plugins, a command's
# cycle collection), so the modules load as they do in the build.
IMPORT_ALL = (
    "import importlib, os, sys\n"
    "os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')\n"
    "from assure.core import gctune\n"
    "gctune.for_a_command()\n"
    "for name in sys.argv[1:]:\n    importlib.import_module(name)\n"
)


def build_modules(argv: list[str], env: dict[str, str]) -> list[str]:
    """The modules the build imports, for the floor; SystemExit when they cannot be listed."""
    names = modules_of(argv, env)
    if "assure.entry" not in names:
        raise SystemExit("listing the statement build's modules failed")
    return names


def alternate_rows(
    a: tuple[str, list[str]], b: tuple[str, list[str]], env: dict[str, str], runs: int
) -> tuple[Row, Row]:
    """Two rows timed in alternating runs (harness.alternate), each its command's median wall
    time and median peak memory."""
    a_runs, b_runs = alternate(a[1], env, b[1], env, runs)
    first, second = (
        Row(name, statistics.median(w for w, _ in got), statistics.median(p for _, p in got), runs)
        for name, got in ((a[0], a_runs), (b[0], b_runs))
    )
    return first, second
