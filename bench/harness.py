"""Run a command several times and report median wall time and median peak memory.

Peak memory is the child's own maximum resident set size from wait4(), so each row measures
exactly one process, never the benchmark itself.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The console script users and schedulers run (not `python -m`, which also loads runpy).
_SCRIPT = Path(sys.executable).with_name("assure")
ASSURE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "assure"]


@dataclass
class Row:
    """One line of the results table."""

    name: str
    wall_s: float | None
    peak_mb: float | None
    runs: int
    target: str = ""
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return self.note

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def env_for(db: str | Path | None = None, today: str = "2026-05-01") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURE_")}
    env["ASSURE_CONFIG"] = "/nonexistent/assure.toml"
    env["ASSURE_TODAY"] = today
    if db is not None:
        env["ASSURE_DB"] = str(db)
    return env


TIMED_OUT = -signal.SIGKILL  # run_once's exit code for a command stopped at its time limit


def run_once(
    cmd: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: float | None = None
) -> tuple[float, float, int, bytes]:
    """Run `cmd`; return (wall seconds, peak MB, exit code, stderr).

    Given `timeout`, a command still running then is killed and its code is TIMED_OUT.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    timer = threading.Timer(timeout, proc.kill) if timeout else None
    if timer:
        timer.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if timer:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, err


def measure(
    name: str,
    cmd: list[str],
    env: dict[str, str],
    runs: int = 5,
    target: str = "",
    ok_codes: tuple[int, ...] = (0,),
) -> Row:
    """Return the median of `runs` runs; a command that is not available gives an n/a row."""
    walls: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        wall, peak, code, err = run_once(cmd, env)
        if code not in ok_codes:
            reason = err.decode(errors="replace").strip().splitlines()[-1:] or [f"exit {code}"]
            return Row(name, None, None, 0, target, f"n/a: {reason[0][:70]}")
        walls.append(wall)
        peaks.append(peak)
    return Row(name, statistics.median(walls), statistics.median(peaks), runs, target)


def alternate(
    a: list[str], a_env: dict[str, str], b: list[str], b_env: dict[str, str], runs: int = 7
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Time two commands in alternating runs (a, b, a, b, ...) so drift hits both alike; return
    each command's runs as (wall seconds, peak MB)."""
    a_runs: list[tuple[float, float]] = []
    b_runs: list[tuple[float, float]] = []
    for _ in range(runs):
        for cmd, env, got in ((a, a_env, a_runs), (b, b_env, b_runs)):
            wall, peak, code, err = run_once(cmd, env)
            if code != 0:
                raise RuntimeError(err.decode(errors="replace"))
            got.append((wall, peak))
    return a_runs, b_runs


_MODULES = "--- modules imported ---"
# Run the console script's entry point in this process, then print the modules it imported in
# the order they were first imported (sys.modules keeps insertion order), after a marker line
# (the command may write to stderr itself).
_LIST_MODULES = (
    "import sys\n"
    "before = set(sys.modules)\n"
    "from assure.entry import main\n"
    "sys.argv = ['assure', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    f"sys.stderr.write('\\n{_MODULES}\\n')\n"
    "sys.stderr.write('\\n'.join(m for m in sys.modules if m not in before))\n"
)


def modules_of(argv: list[str], env: dict[str, str]) -> list[str]:
    """The modules `assure ARGV` imports beyond those an empty interpreter has loaded, in the
    order it imports them (the command runs in-process); empty if it could not be run."""
    result = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES, *argv],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    _, marker, names = result.stderr.rpartition(f"\n{_MODULES}\n")
    return names.split() if marker else []


def imports_of(argv: list[str], env: dict[str, str]) -> set[str]:
    """Return the top-level packages `assure ARGV` imports (it runs the command in-process)."""
    return {name.split(".")[0] for name in modules_of(argv, env)}
