"""Bench rows for starting the app: the first screen on the demo against a bare Textual app.

Both are started as a user starts them, in a new process, headless (bench/tui_start_probe.py), in
alternating runs so that drift on the machine hits both alike. Each time is from just before the
process is started to the refresh after its first screen was mounted; for assure that is the
Home screen (the console script's path: `assure` on the demo, ASSURE_TODAY=2026-05-01). A third
row says when Home has also shown its dashboard, which needs the database layer (loaded after
the first paint). The target is the ratio of the first two: at most 2.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.harness import ROOT, Row, env_for

NAME = "tui-start"
TARGET_RATIO = 2.0


def run_probe(which: str, env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Start one app; return its marks in seconds from process start, and its peak MB."""
    with tempfile.TemporaryFile() as errors:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "tui_start_probe.py"), which],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        assert proc.stdout is not None
        timer = threading.Timer(120, proc.kill)  # a first screen that never comes fails the row
        timer.start()
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise RuntimeError(errors.read().decode(errors="replace").strip()[-200:])
    marks = {}
    for line in out.decode().splitlines():
        name, _, stamp = line.partition(" ")
        marks[name] = float(stamp) - start
    return marks, usage.ru_maxrss / 1024


def bench_rows(context: dict[str, Any]) -> list[Row]:
    demo: Path = context["demo"]
    env = env_for(demo, context["today"].isoformat())
    env.setdefault("TERM", "xterm-256color")
    env["ASSURE_PREFS"] = str(Path(context["work"]) / "prefs.toml")  # no user's saved theme
    runs = max(5, context["runs"])
    bare: list[float] = []
    first: list[float] = []
    data: list[float] = []
    bare_mb: list[float] = []
    assure_mb: list[float] = []
    for _ in range(runs):
        marks, peak = run_probe("bare", env)
        bare.append(marks["first"])
        bare_mb.append(peak)
        marks, peak = run_probe("assure", env)
        if "data" not in marks:
            raise RuntimeError("assure exited before Home showed its data")
        first.append(marks["first"])
        data.append(marks["data"])
        assure_mb.append(peak)
    b, f, d = (statistics.median(x) for x in (bare, first, data))
    b_mb, a_mb = statistics.median(bare_mb), statistics.median(assure_mb)
    ratio = f / b
    verdict = "met" if ratio <= TARGET_RATIO else "missed"
    return [
        Row("tui: bare Textual app, first paint", b, b_mb, runs),
        Row(
            "tui: first paint on the demo (Home)",
            f,
            a_mb,
            runs,
            f"<= {TARGET_RATIO:.0f}x bare",
            f"ratio {ratio:.2f}x bare ({verdict})",
            {"bare_s": b, "ratio": ratio},
        ),
        Row("tui: Home shows its data on the demo", d, a_mb, runs, "", f"{d / b:.2f}x bare"),
    ]
