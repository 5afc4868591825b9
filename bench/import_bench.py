"""Bench row: `assure import actions` of a 10,000-row CSV into a fresh database (one run)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from bench.harness import ASSURE, Row, env_for, measure, run_once

ROWS = 10_000


def bench_rows(context: dict[str, Any]) -> list[Row]:
    work: Path = context["work"]
    today = context["today"].isoformat()
    source = work / "import-actions.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["action", "owner", "due_date", "status"])
        for i in range(ROWS):
            writer.writerow([f"Imported action {i}", f"Owner {i % 50}", "30/06/2026", "open"])
    db = work / "import.db"
    _, _, code, err = run_once([*ASSURE, "init", "--db", str(db)], env_for(None, today))
    if code != 0:
        return [Row("import actions", None, None, 0, note=f"failed: {err.decode()[-60:]}")]
    cmd = [*ASSURE, "import", "actions", str(source), "--create-owners"]
    # one run: a second would find every row already there (and change nothing)
    return [measure(f"import actions ({ROWS:,} rows)", cmd, env_for(db, today), 1, "< 3 s")]
