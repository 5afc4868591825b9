"""Generated input through the real entry point: exit 0 or 2, never a traceback, and on 2 one
line for an argument (every bad row for an import) with the database unchanged."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# what a person types: digits, separators, letters, signs and now and then anything at all
TYPED = st.one_of(
    st.text(alphabet="0123456789/-. :", max_size=14),
    st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz+-=@'\"\t ", max_size=14),
    st.text(max_size=10),
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_traceback(result: object) -> str:
    code = getattr(result, "returncode", None)
    err = str(getattr(result, "stderr", ""))
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err, err
    return err


@SETTINGS
@given(today=TYPED, within=TYPED)
def test_remind_arguments(demo_db: Path, today: str, within: str) -> None:
    if "\x00" in today + within:
        return  # an argument cannot hold NUL: the operating system refuses it first
    result = run_cli("remind", "--format", "json", "--db", str(demo_db), "--today", today,
                     "--within", within)  # fmt: skip
    err = no_traceback(result)
    if result.returncode == 2:
        assert err.count("\n") == 1, err


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(TYPED, st.sampled_from(["Lisa Grant", "Nobody", ""]), TYPED, TYPED),
        min_size=1,
        max_size=4,
    )
)
def test_import_actions_rows(demo_db: Path, tmp_path: Path, rows: list[tuple[str, ...]]) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    before = digest(db)
    out = io.StringIO()
    csv.writer(out).writerows([["action", "owner", "due_date", "raised_on"], *rows])
    source = tmp_path / "in.csv"
    source.write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    result = run_cli("import", "actions", str(source), "--db", str(db), "--today", "2026-05-01")
    no_traceback(result)
    if result.returncode == 2:
        assert digest(db) == before


@pytest.mark.parametrize("within", ["-1", "367", "99999999999999999999", "1e3", "", "٣"])
def test_a_window_out_of_range_is_one_line(demo_db: Path, within: str) -> None:
    result = run_cli("remind", "--db", str(demo_db), "--today", "2026-05-01", "--within", within)
    err = no_traceback(result)
    assert result.returncode == 2 and err.count("\n") == 1, err
