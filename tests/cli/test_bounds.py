"""A wrong setting or an out-of-range window is one line naming it and exit 2, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TODAY, run_cli


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def refused(result: object, *says: str) -> None:
    assert getattr(result, "returncode", None) == 2, result
    err = str(getattr(result, "stderr", ""))
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for words in says:
        assert words in err, err


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("office = 1\n", "office: must be a table"),
        ("[office]\nforce_name = 1\n", "office.force_name"),
        ('[office]\nallow_as = "yes"\n', "office.allow_as"),
        ("[remind]\nwithin_days = 99999999\n", "remind.within_days"),
        ("[remind]\nwithin_days = -1\n", "remind.within_days"),
        ('[smtp]\nport = "x"\n', "smtp.port"),
        ("smtp = [1]\n", "smtp: must be a table"),
        ('[board]\nrrule = "garbage"\n', "board.rrule"),
        ('[board]\nrrule = "DTSTART:20250408\\nRRULE:FREQ=WEEKLY;INTERVAL=0"\n', "board.rrule"),
    ],
)
def test_a_bad_setting_is_named(demo: Path, tmp_path: Path, toml: str, key: str) -> None:
    config = tmp_path / "assure.toml"
    config.write_text(toml)
    env = {"ASSURE_CONFIG": str(config)}
    commands = [["board-pack", "--format", "md", "--out", "-"]]
    if not key.startswith("board."):  # remind never reads the board's cadence
        commands.append(["remind"])
    for args in commands:
        result = run_cli(*args, "--db", str(demo), "--today", TODAY.isoformat(), env=env)
        refused(result, key)


@pytest.mark.parametrize("days", ["99999999", "-1", "367"])
@pytest.mark.parametrize("option", ["--within", "--repeat-days"])
def test_a_window_is_from_0_to_a_year(demo: Path, tmp_path: Path, option: str, days: str) -> None:
    send = ["--send", "--dry-run", "--out", str(tmp_path / "outbox")]
    for fmt in ("text", "json"):  # json takes the fast path for --within
        result = run_cli(
            "remind", option, days, "--format", fmt, *(send if option == "--repeat-days" else []),
            "--db", str(demo), "--today", TODAY.isoformat(),
        )  # fmt: skip
        refused(result, f"{option}: {days} is not from 0 to 366")
    assert not (tmp_path / "outbox").exists()


def test_a_year_is_still_a_window(demo: Path) -> None:
    for fmt in ("text", "json"):
        result = run_cli("remind", "--within", "366", "--format", fmt, "--db", str(demo))
        assert result.returncode == 0, result.stderr
