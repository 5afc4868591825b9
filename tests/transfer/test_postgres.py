"""The same commands against a real PostgreSQL server (skipped when none is given)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from assure.core import db
from assure.core.errors import ConflictError
from assure.models import Action
from assure.services.board import actions as board
from tests.conftest import OFFICER, TODAY, run_cli

pytestmark = pytest.mark.postgres


def cli(url: str, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", url, "--today", TODAY.isoformat())


def test_import_is_all_or_nothing_and_round_trips(pg_url: str, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,email\nLisa Grant,lisa@example.org\nZoë Ünal,zoe@example.org\n")
    assert cli(pg_url, "import", "people", str(people)).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("action,owner,due_date\nFine,Lisa Grant,30/06/2026\nBad,Lisa Grant,31/02/2026\n")
    refused = cli(pg_url, "import", "actions", str(bad))
    assert refused.returncode == 2 and "line 3, due_date" in refused.stderr
    exported = json.loads(cli(pg_url, "export", "actions", "--format", "json", "--out", "-").stdout)
    assert exported == []
    good = tmp_path / "good.csv"
    good.write_text("action,owner,due_date\nLine one\u2028and “quotes”,zoë ünal,30 June 2026\n")
    assert cli(pg_url, "import", "actions", str(good)).returncode == 0
    out = tmp_path / "out.csv"
    assert cli(pg_url, "export", "actions", "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0]["owner"] == "Zoë Ünal"
    again = cli(pg_url, "import", "actions", str(out))
    assert again.returncode == 0 and "1 unchanged" in again.stdout


def test_every_command_runs(pg_url: str, tmp_path: Path) -> None:
    assert cli(pg_url, "init").returncode == 0
    assert json.loads(cli(pg_url, "remind", "--format", "json").stdout) == []
    built = cli(pg_url, "statement", "build", "2025-26", "--out", str(tmp_path))
    assert built.returncode == 0, built.stderr
    assert cli(pg_url, "statement", "verify", "2025-26").returncode == 0
    pack = cli(pg_url, "board-pack", "--format", "md", "--out", "-")
    assert pack.returncode == 0 and "Live actions" in pack.stdout


def test_second_writer_gets_a_conflict(pg_url: str, tmp_path: Path) -> None:
    eng = db.make_engine(pg_url)
    with db.session_scope(eng) as s:
        from assure.services import people

        people.add_person(s, OFFICER, "Lisa Grant")
        action = board.add_action(
            s, OFFICER, title="Original", owner="Lisa Grant", due_date="30/06/2026", today=TODAY
        )
        action_id, seen = action.id, action.version
    with db.session_scope(eng) as s:
        found = s.get(Action, action_id)
        assert found is not None
        board.edit_action(s, OFFICER, found, expected_version=seen, title="Theirs")
    with pytest.raises(ConflictError), db.session_scope(eng) as s:
        found = s.get(Action, action_id)
        assert found is not None
        board.edit_action(s, OFFICER, found, expected_version=seen, title="Mine")
    with Session(eng) as s:
        assert s.exec(select(Action.title).where(col(Action.id) == action_id)).one() == "Theirs"
    eng.dispose()
