"""The reminder JSON fast path (assure.entry) gives the due list's answer, or steps aside."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure import entry
from assure.core import config, db
from assure.schema import SCHEMA_HEAD
from assure.services import people
from assure.services.board import actions as board
from assure.services.demo.build import build_demo
from assure.services.inspections import findings as inspections
from assure.services.plan import priorities as plan
from assure.services.reminders import due
from tests.conftest import OFFICER, TODAY


def fast(argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    """Run the fast path in-process; return the parsed JSON, or None when it stepped aside."""
    taken = entry._fast_remind(argv)
    out = capsys.readouterr().out
    if not taken:
        assert out == ""
        return None
    return json.loads(out)


def expected(path: Path, today: date, within: int) -> list[dict[str, object]]:
    return [item.as_json() for item in due.due_items_sqlite(path, today, within)]


def test_schema_head_and_default_db_match_the_real_ones() -> None:
    assert db.head_revision() == SCHEMA_HEAD  # the head the fast path checks against
    assert Path(entry.default_db()) == config.DEFAULT_DB


@pytest.mark.parametrize(
    ("today", "within"),
    [(TODAY, 14), (TODAY, 0), (TODAY - timedelta(days=200), 30), (TODAY + timedelta(days=90), 7)],
)
def test_demo_answer_equals_the_due_list(
    demo_db: Path, today: date, within: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["remind", "--format", "json", "--db", str(demo_db)]
    got = fast([*argv, "--today", today.isoformat(), "--within", str(within)], capsys)
    want = expected(demo_db, today, within)
    assert want, "the demo should have due work on these days"
    assert got == want


def test_awkward_records_render_the_same(
    engine: Engine, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Session(engine) as s:
        people.add_person(s, OFFICER, "Zoë O'Brien-Ünal", email="zoe@example.org")
        board.add_action(
            s,
            OFFICER,
            title='Quotes "here", a back\\slash and <tags> & emoji 🚓',
            owner="Zoë O'Brien-Ünal",
            due_date=TODAY - timedelta(days=3),
            today=TODAY - timedelta(days=30),
        )
        report = inspections.add_inspection(
            s,
            OFFICER,
            title="PEEL 2026: Anyshire",
            kind="peel",
            published_on=TODAY - timedelta(days=50),
        )
        long_text = "Line one\r\nline two\tand a tab " + "x" * 200
        inspections.add_finding(
            s,
            OFFICER,
            report,
            ref="AFI 1",
            kind="area-for-improvement",
            text=long_text,
            target_date=TODAY,
        )
        inspections.add_finding(
            s,
            OFFICER,
            report,
            ref="AFI 2",
            kind="area-for-improvement",
            text="  short  ",
            target_date=TODAY,
        )
        first = plan.priorities_of(s, plan.themes_of(s, plan.current_plan(s, TODAY))[0])[0]  # type: ignore[arg-type]
        plan.set_leads(s, OFFICER, first, update_due=TODAY + timedelta(days=2))
        s.commit()
    got = fast(["remind", "--format=json", f"--db={db_path}", f"--today={TODAY}"], capsys)
    want = expected(db_path, TODAY, 14)
    assert {item["kind"] for item in want} == {"action", "finding", "response", "priority"}
    assert got == want
    titles = [str(item["title"]) for item in want if item["kind"] == "finding"]
    assert "short" in titles and any(len(t) == 120 and t.endswith("…") for t in titles)


def test_an_empty_register_prints_an_empty_list(
    engine: Engine, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast(["--db", str(db_path), "remind", "--format", "json"], capsys) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["remind"],
        ["remind", "--format", "text"],
        ["remind", "--format", "json", "--owner", "Someone"],
        ["remind", "--format", "json", "--send"],
        ["remind", "--format", "json", "--help"],
        ["remind", "--format", "json", "--within", "-1"],
        ["remind", "--format", "json", "--today", "01/05/2026"],
        ["remind", "--format", "json", "--db"],
        ["--within", "3", "remind", "--format", "json"],
        ["init"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(
    argv: list[str], db_path: Path, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--db" not in argv:
        argv = [*argv, "--db", str(db_path)]
    assert fast(argv, capsys) is None


def test_databases_it_cannot_answer_for_go_to_the_full_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert fast(["remind", "--format", "json", "--db", str(missing)], capsys) is None
    assert not missing.exists()
    url = "postgresql://nobody@localhost/assure"
    assert fast(["remind", "--format", "json", "--db", url], capsys) is None
    old = tmp_path / "old.db"
    eng = db.make_engine(str(old))
    db.migrate(eng, "0001")
    eng.dispose()
    assert fast(["remind", "--format", "json", "--db", str(old)], capsys) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert fast(["remind", "--format", "json", "--db", str(junk)], capsys) is None


def test_the_fast_path_loads_neither_typer_nor_sqlalchemy(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    code = (
        "import sys\n"
        "from assure.entry import main\n"
        f"sys.argv = ['assure', 'remind', '--format', 'json', '--db', {str(copy)!r}, "
        f"'--today', {TODAY.isoformat()!r}]\n"
        "main()\n"
        "heavy = {'typer', 'sqlalchemy', 'sqlmodel', 'textual', 'rich', 'click', 'json'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"ASSURE_CONFIG": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert json.loads(result.stdout) == expected(copy, TODAY, 14)


def test_scale_register_answer_equals_the_due_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scale.db"
    eng = db.make_engine(str(path))
    from assure.services.setup import initialise

    initialise(eng)
    build_demo(eng, TODAY, scale=3000)
    eng.dispose()
    got = fast(["remind", "--format", "json", "--db", str(path), "--today", str(TODAY)], capsys)
    want = expected(path, TODAY, 14)
    assert len(want) > 100
    assert got == want


def test_the_configured_window_is_honoured(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["remind", "--format", "json", "--db", str(demo_db), "--today", str(TODAY)]
    monkeypatch.setenv("ASSURE_REMIND_WITHIN", "60")
    assert fast(argv, capsys) == expected(demo_db, TODAY, 60)
    monkeypatch.delenv("ASSURE_REMIND_WITHIN")
    config_file = tmp_path / "assure.toml"
    config_file.write_text("[remind]\nwithin_days = 3\n")
    monkeypatch.setenv("ASSURE_CONFIG", str(config_file))
    assert fast(argv, capsys) == expected(demo_db, TODAY, 3)
    assert expected(demo_db, TODAY, 3) != expected(demo_db, TODAY, 60)


_PLUGINS_SCANNED = """
import sys
from assure.entry import main
sys.argv = ["assure", "init", "--db", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
import pydantic.plugin._loader as loader
sys.stderr.write("scanned" if loader._plugins is not None else "skipped")
"""


@pytest.mark.parametrize(("preset", "want"), [(None, "skipped"), ("", "scanned")])
def test_the_console_script_skips_pydantic_plugins_unless_told(
    tmp_path: Path, preset: str | None, want: str
) -> None:
    """Building the models scans installed packages for pydantic plugins (assure uses none)
    unless PYDANTIC_DISABLE_PLUGINS says otherwise; a value the user set is kept."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    program = [sys.executable, "-c", _PLUGINS_SCANNED, str(tmp_path / "a.db")]
    done = subprocess.run(program, env=env, capture_output=True, text=True, timeout=120)
    assert (tmp_path / "a.db").exists(), done.stderr
    assert done.stderr.splitlines()[-1] == want
