"""`assure remind --format json` through the real command line: the s55 due day on both paths.

The fast path (assure.entry, SQLite and one SQL statement) and the full command line (taken
with --check) each compute the s55 window from the publication day; both must list a response
as due on publication + 55 days, from that day with --within 0 and not the day before.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from assure import entry
from assure.core import db
from assure.services import people
from assure.services.inspections import findings as inspections
from assure.services.setup import initialise
from tests.conftest import OFFICER, run_cli

PUBLISHED = date(2024, 1, 5)
LAST = date(2024, 2, 29)  # publication + 55 days, across a leap day


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register whose only due work is one s55 response (read only: the tests do not write)."""
    path = tmp_path_factory.mktemp("s55") / "s55.db"
    eng = db.make_engine(str(path))
    initialise(eng)
    with Session(eng) as s:
        people.add_person(s, OFFICER, "Sarah Okafor", email="sarah@x.example")
        inspections.add_inspection(
            s, OFFICER, title="PEEL 2023-25", kind="PEEL", published_on=PUBLISHED,
            response_owner="Sarah Okafor",
        )  # fmt: skip
        s.commit()
    eng.dispose()
    return path


def remind(path: Path, today: date, within: int, *extra: str) -> tuple[int, list[Any]]:
    result = run_cli(
        "remind", "--format", "json", "--db", str(path), "--today", today.isoformat(),
        "--within", str(within), *extra,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


# (today, within) -> the response's days_overdue, or None when it is not yet listed
CASES = [
    (LAST - timedelta(days=1), 0, None),
    (LAST, 0, 0),
    (LAST - timedelta(days=1), 1, -1),
    (LAST + timedelta(days=1), 0, 1),
]


@pytest.mark.parametrize(("today", "within", "days"), CASES)
def test_the_fast_path_lists_the_response_from_publication_plus_55(
    register: Path, today: date, within: int, days: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["remind", "--format", "json", "--db", str(register), "--today", today.isoformat()]
    assert entry._fast_remind([*argv, "--within", str(within)]), "the fast path stepped aside"
    check(json.loads(capsys.readouterr().out), days)
    _, through_cli = remind(register, today, within)
    check(through_cli, days)


@pytest.mark.parametrize(("today", "within", "days"), CASES)
def test_the_full_command_line_lists_the_response_from_publication_plus_55(
    register: Path, today: date, within: int, days: int | None
) -> None:
    code, items = remind(register, today, within, "--check")
    check(items, days)
    assert code == (1 if days is not None and days > 0 else 0)


def check(items: list[Any], days: int | None) -> None:
    if days is None:
        assert items == []
        return
    (item,) = items
    assert item["kind"] == "response"
    assert item["due_date"] == item["original_due_date"] == LAST.isoformat()
    assert item["days_overdue"] == days
