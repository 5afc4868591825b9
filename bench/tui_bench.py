"""Bench rows for the app: Board first paint and one filter keystroke at 100,000 actions."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.harness import ROOT, Row, env_for


def run_probe(db: Path, today: str) -> tuple[dict[str, float], float]:
    """One headless run in a child process: its timings and its peak memory in MB."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "tui_probe.py"), str(db), today],
        env=env_for(db, today),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(err.decode(errors="replace")[-200:])
    return json.loads(out), usage.ru_maxrss / 1024


def bench_rows(context: dict[str, Any]) -> list[Row]:
    db = context.get("100k") or context["10k"]
    label = "100k" if context.get("100k") else "10k"
    today = context["today"].isoformat()
    runs = [run_probe(db, today) for _ in range(max(3, context["runs"]))]
    paint = statistics.median(r["first_paint_s"] for r, _ in runs)
    key = statistics.median(r["keystroke_s"] for r, _ in runs)
    peak = statistics.median(m for _, m in runs)
    return [
        Row(f"tui: Board first paint ({label})", paint, peak, len(runs), "< 1.5 s"),
        Row(f"tui: filter keystroke ({label})", key, peak, len(runs), "< 100 ms"),
    ]
