"""Starting fast: the first screen needs Home only; the rest loads when first used.

Each test starts a new Python process, since what a start imports is only visible in a fresh
interpreter. No timings here (bench/tui_start_bench.py measures them): these check what loads.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

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


def test_the_app_and_home_import_no_other_screen_dialog_or_renderer() -> None:
    got = _run(
        "import sys, json\n" + LOADED + "import assure.tui.app, assure.tui.screens.home\n"
        "tops, ours = loaded()\nprint(json.dumps({'tops': tops, 'ours': ours}))"
    )
    tops = set(got["tops"])
    assert "textual" in tops  # the probe is real: it did load the app
    assert not (NOT_AT_START | DATABASE_LAYER) & tops
    ours = set(got["ours"])
    assert "assure.tui.screens.home" in ours
    assert not {f"assure.tui.screens.{name}" for name in OTHER_SCREENS} & ours
    assert not [m for m in ours if m.startswith(("assure.tui.dialogs", "assure.render"))]
    assert not [m for m in ours if m.startswith(("assure.services.", "assure.models"))]


START = (
    "import sys, json\n"
    + LOADED
    + """
from assure.tui import launch
seen = {}

def run_tui(db, today):
    from assure.tui.app import AssureApp
    from assure.tui.screens.home import HomeScreen
    ready, shown, office = AssureApp.on_ready, HomeScreen.show, AssureApp._office_loaded

    def on_ready(app):
        tops, ours = loaded()
        seen['first'] = {'screen': type(app.screen).__name__, 'tops': tops, 'ours': ours,
                         'header': app.sub_title}
        ready(app)

    def show(screen, data):
        shown(screen, data)
        seen['rows'] = screen.query_one('#due').row_count
        finish(screen.app)

    def office_loaded(app, found, first=False):
        office(app, found, first)
        seen['header'] = app.sub_title
        finish(app)

    def finish(app):
        if 'rows' in seen and 'header' in seen:
            seen['later'] = loaded()[1]
            app.exit()

    AssureApp.on_ready, HomeScreen.show, AssureApp._office_loaded = on_ready, show, office_loaded
    AssureApp(db=db, today=today).run(headless=True, size=(120, 40))

launch.run_tui = run_tui
from assure.entry import main
sys.argv = ['assure']
main()
print(json.dumps(seen))
"""
)


def test_the_first_frame_is_home_before_the_database_layer_then_its_data(
    demo_copy: Path, tmp_path: Path
) -> None:
    got = _run(START, _env(tmp_path, demo_copy))
    first = got["first"]
    assert first["screen"] == "HomeScreen"
    tops = set(first["tops"])
    assert not (NOT_AT_START | DATABASE_LAYER) & tops, "loaded before the first frame"
    assert not {f"assure.tui.screens.{name}" for name in OTHER_SCREENS} & set(first["ours"])
    assert "…" in first["header"]  # the person is not known yet: nothing waited for the database
    # then the first use case loads the database layer, and Home shows the demo's due work
    assert got["rows"] > 1
    assert "(officer)" in got["header"] and "…" not in got["header"]
    later = set(got["later"])
    assert "assure.services.dashboard" in later
    assert not {f"assure.tui.screens.{name}" for name in OTHER_SCREENS} & later


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


def test_workers_load_the_database_layer_once_one_thread_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Importing SQLAlchemy from two threads at once can meet a module half-initialised, so
    workers starting together load the first use cases once, under one lock."""
    from assure.tui import app as app_module

    calls: list[tuple[str, bool]] = []

    def recording_import(name: str) -> object:
        calls.append((name, app_module._LAYER_LOCK.locked()))
        return importlib.import_module(name)

    monkeypatch.setattr(app_module, "import_module", recording_import)
    monkeypatch.setattr(app_module, "_LAYER_LOADED", threading.Event())  # as in a new process
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        app_module.load_database_layer()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [(name, True) for name in app_module.FIRST_USE_CASES]
    app_module.load_use_cases("assure.services.board.usecases")
    assert calls[-1] == ("assure.services.board.usecases", True)
