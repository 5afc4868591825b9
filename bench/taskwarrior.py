"""The peer comparison: the same open actions in Taskwarrior, `task +OVERDUE export` timed
against `assure remind --format json` in alternating runs."""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import subprocess
import uuid
from datetime import date
from pathlib import Path

from bench.harness import ASSURE, Row, alternate, env_for

DONE = ("closed", "complete", "superseded")


def available() -> bool:
    return shutil.which("task") is not None


def _open_actions(db: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(db)
    try:
        marks = ",".join("?" * len(DONE))
        return con.execute(
            f"select ref, title, coalesce(revised_due_date, due_date) from action "
            f"where status not in ({marks})",
            DONE,
        ).fetchall()
    finally:
        con.close()


def load(db: Path, workdir: Path, assure_today: date) -> dict[str, str]:
    """Import the open actions of `db` into a new Taskwarrior data directory; return its env.

    Taskwarrior's OVERDUE uses the real clock, so every due date is shifted by (real today -
    assure's today): the same items are overdue in both tools.
    """
    shift = date.today() - assure_today
    data = workdir / "taskdata"
    data.mkdir(parents=True, exist_ok=True)
    rc = workdir / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\njson.array=on\n"
        "hooks=off\nrecurrence=off\ngc=on\n"
    )
    tasks = []
    for ref, title, due in _open_actions(db):
        day = date.fromisoformat(due) + shift
        tasks.append(
            {
                "uuid": str(uuid.uuid4()),
                "status": "pending",
                "description": f"{ref} {title}",
                "entry": "20240101T000000Z",
                "due": f"{day:%Y%m%d}T120000Z",
            }
        )
    dump = workdir / "tasks.json"
    dump.write_text(json.dumps(tasks))
    env = {"TASKRC": str(rc), "TASKDATA": str(data), "PATH": "/usr/bin:/bin", "HOME": str(workdir)}
    subprocess.run(
        ["task", "import", str(dump)], env=env, check=True, capture_output=True, timeout=3600
    )
    return env


def compare(
    label: str, db: Path, workdir: Path, assure_today: date, runs: int = 7, target: float = 1.0
) -> list[Row]:
    """Return rows for both tools and the ratio assure / Taskwarrior (at most `target`)."""
    task_env = load(db, workdir, assure_today)
    count = subprocess.run(
        ["task", "+PENDING", "count"], env=task_env, capture_output=True, text=True
    ).stdout.strip()
    assure_env = env_for(db, assure_today.isoformat())
    a_runs, t_runs = alternate(
        [*ASSURE, "remind", "--format", "json"],
        assure_env,
        ["task", "rc.json.array=on", "+OVERDUE", "export"],
        task_env,
        runs,
    )
    a = statistics.median(wall for wall, _ in a_runs)
    t = statistics.median(wall for wall, _ in t_runs)
    ratio = a / t if t else float("inf")
    return [
        Row(f"task +OVERDUE export ({label}, {count} tasks)", t, None, runs),
        Row(
            f"assure remind --format json ({label}, alternating)",
            a,
            None,
            runs,
            target=f"<= {target:.1f}x task",
            extra={"ratio_vs_task": round(ratio, 3)},
            note=f"ratio {ratio:.2f}x task" + ("" if ratio <= target else " (missed)"),
        ),
    ]
