"""Starting fast: the first screen needs Home only; the rest loads when first used.

Each test starts a new Python process, since what a start imports is only visible in a fresh
interpreter. No timings here (bench/start_bench.py measures them): these check what is loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

# Never needed before the first screen: renderers, spreadsheets, templates, migrations, the CLI.
NOT_AT_START = {"docx", "openpyxl", "jinja2", "alembic", "typer"}
# ... nor the database layer, which the first use case loads once the first frame is on screen.
DATABASE_LAYER = {"sqlalchemy", "sqlmodel", "pydantic"}
OTHER_SCREENS = {"board", "threats", "hmicfrs", "plan", "evidence", "people", "statement"}


def _run(code: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `code` in a new interpreter; it prints one JSON object as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


LOADED = """
def loaded():
    tops = {m.split('.')[0] for m in sys.modules}
    ours = [m for m in sys.modules if m.startswith(('assure.tui.screens.', 'assure.tui.dialogs',
            'assure.services', 'assure.models', 'assure.render'))]
    return sorted(tops), sorted(ours)
"""


def _env(tmp_path: Path, db: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURE_")}
    env.update(
        ASSURE_CONFIG="/nonexistent/assure.toml",
        ASSURE_PREFS=str(tmp_path / "prefs.toml"),
        ASSURE_TODAY="2026-05-01",
    )
    if db is not None:
        env["ASSURE_DB"] = str(db)
    return env


LAUNCH = """
import sys, json
from assure.tui import launch
seen = {}
launch.run_tui = lambda db, today: seen.update(db=db, today=today.isoformat(),
                                               typer='typer' in sys.modules)
from assure.entry import main
sys.argv = ['assure', *ARGV]
try:
    main()
except SystemExit as exc:
    seen['exit'] = exc.code
print(json.dumps(seen))
"""


def _launch(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    return _run(LAUNCH.replace("ARGV", repr(argv)), env)


def test_a_current_database_opens_the_app_without_the_command_line(
    demo_copy: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    got = _launch(["--db", str(demo_copy), "--today", "2026-06-02"], env)
    assert got == {"db": str(demo_copy), "today": "2026-06-02", "typer": False}
    got = _launch([f"--db={demo_copy}"], env)  # today from ASSURE_TODAY
    assert got == {"db": str(demo_copy), "today": "2026-05-01", "typer": False}
    assert _launch([], _env(tmp_path, demo_copy)) == {
        "db": str(demo_copy),
        "today": "2026-05-01",
        "typer": False,
    }


def test_anything_else_goes_through_the_command_line(demo_copy: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    new = tmp_path / "new.db"
    got = _launch(["--db", str(new)], env)  # a new database is created first, then opened
    assert got == {"db": str(new), "today": "2026-05-01", "typer": True, "exit": 0}
    assert new.exists()
    got = _launch(["--db", str(demo_copy), "--today", "someday"], env)
    assert got["exit"] == 2 and "db" not in got  # the command line refuses the date
