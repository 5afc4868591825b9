"""`assure remind` through its real entry point: formats, exit codes, e-mail and its log."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.services import people
from assure.services.board import actions as board
from assure.services.setup import initialise
from tests.conftest import OFFICER, TODAY, run_cli
from tests.remind.conftest import Mailbox

KEYS = {
    "kind", "ref", "title", "owner", "owner_email", "due_date", "original_due_date",
    "days_overdue", "status", "source", "record_id",
}  # fmt: skip


def remind(
    path: Path, *args: str, env: dict[str, str] | None = None, today: date = TODAY
) -> subprocess.CompletedProcess[str]:
    return run_cli("remind", "--db", str(path), "--today", today.isoformat(), *args, env=env)


def small_register(path: Path, dues: dict[str, date]) -> None:
    """A fresh database with one owner per action, each action due on the given day."""
    eng = db.make_engine(str(path))
    initialise(eng)
    with Session(eng) as s:
        for i, (title, due) in enumerate(dues.items()):
            name = f"Owner {i}"
            people.add_person(s, OFFICER, name, email=f"owner{i}@example.org")
            board.add_action(
                s, OFFICER, title=title, owner=name, due_date=due, today=due - timedelta(days=60)
            )
        s.commit()
    eng.dispose()


def test_text_digest_groups_by_owner_without_escape_codes(demo_copy: Path) -> None:
    result = remind(demo_copy)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    owners = [line for line in result.stdout.splitlines() if " overdue, " in line]
    assert len(owners) >= 3
    data = json.loads(remind(demo_copy, "--format", "json").stdout)
    first_owner = max(data, key=lambda item: item["days_overdue"])["owner"]
    assert owners[0].startswith(first_owner)
    assert "[OVERDUE]" in result.stdout and "originally" in result.stdout


def test_json_shape_is_stable_and_the_same_on_both_paths(demo_copy: Path) -> None:
    fast = remind(demo_copy, "--format", "json")
    full = remind(demo_copy, "--format", "json", "--check")  # --check takes the full command line
    assert fast.returncode == 0 and full.returncode == 1
    items = json.loads(fast.stdout)
    assert items == json.loads(full.stdout)
    assert {item["kind"] for item in items} >= {"action", "finding", "priority"}
    for item in items:
        assert set(item) == KEYS
        date.fromisoformat(item["due_date"])
        date.fromisoformat(item["original_due_date"])
        assert isinstance(item["days_overdue"], int)
    overdue = [item["days_overdue"] for item in items]
    assert overdue == sorted(overdue, reverse=True)
    extended = [i for i in items if i["due_date"] != i["original_due_date"]]
    assert extended, "the demo has an extended action"


def test_empty_register_gives_empty_json_and_exit_0(engine: Engine, db_path: Path) -> None:
    for extra in ([], ["--check"], ["--owner", "Test Officer", "--within", "3"]):
        result = remind(db_path, "--format", "json", *extra)
        if extra and extra[0] == "--owner":
            assert result.returncode == 2  # no such person in a fresh register
            assert "no person called" in result.stderr
            continue
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == []


def test_owner_filter(demo_copy: Path) -> None:
    everyone = json.loads(remind(demo_copy, "--format", "json").stdout)
    owner = everyone[0]["owner"]
    mine = json.loads(remind(demo_copy, "--format", "json", "--owner", owner.upper()).stdout)
    assert mine and {i["owner"] for i in mine} == {owner}
    assert mine == [i for i in everyone if i["owner"] == owner]


def test_due_today_is_not_overdue_due_yesterday_is(tmp_path: Path) -> None:
    path = tmp_path / "edge.db"
    small_register(path, {"Due today": TODAY})
    result = remind(path, "--format", "json", "--check")
    assert result.returncode == 0
    (item,) = json.loads(result.stdout)
    assert item["days_overdue"] == 0
    result = remind(path, "--format", "json", "--check", today=TODAY + timedelta(days=1))
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["days_overdue"] == 1
    # not yet in the window: 15 days ahead with the default 14
    assert (
        json.loads(remind(path, "--format", "json", today=TODAY - timedelta(days=15)).stdout) == []
    )
    ahead = remind(path, "--format", "json", "--within", "15", today=TODAY - timedelta(days=15))
    assert json.loads(ahead.stdout)[0]["days_overdue"] == -15


def test_csv_parses_back_and_cannot_run_formulas(tmp_path: Path) -> None:
    path = tmp_path / "csv.db"
    small_register(
        path, {'=HYPERLINK("http://evil.example")': TODAY, "-1+2": TODAY, "Plain": TODAY}
    )
    result = remind(path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    titles = sorted(r["title"] for r in rows)
    assert titles == ["'-1+2", '\'=HYPERLINK("http://evil.example")', "Plain"]
    assert all(r["days_overdue"] == "0" for r in rows)


def test_ics_has_one_all_day_event_per_item(demo_copy: Path) -> None:
    items = json.loads(remind(demo_copy, "--format", "json").stdout)
    result = run_cli(
        "remind", "--db", str(demo_copy), "--today", TODAY.isoformat(), "--format", "ics"
    )
    cal = Calendar.from_ical(result.stdout)
    events = cal.walk("VEVENT")
    assert len(events) == len(items)
    assert sorted(e.decoded("dtstart").isoformat() for e in events) == sorted(
        i["due_date"] for i in items
    )
    assert len({str(e["uid"]) for e in events}) == len(events)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "xml"),
        (["--within", "-1"], "--within"),
        (["--owner", "Nobody Here"], "no person called"),
        (["--dry-run"], "--dry-run goes with --send"),
        (["--today", "31/02/2026"], "--today"),
    ],
)
def test_bad_usage_exits_2(demo_copy: Path, args: list[str], message: str) -> None:
    result = run_cli("remind", "--db", str(demo_copy), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_send_delivers_one_mail_per_owner_and_never_twice_a_day(
    demo_copy: Path, smtp: tuple[Mailbox, dict[str, str]]
) -> None:
    box, env = smtp
    items = json.loads(remind(demo_copy, "--format", "json").stdout)
    owners = {i["owner_email"] for i in items if i["owner_email"]}
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(box.recipients()) == sorted(owners)
    for _, msg in box.messages:
        assert msg.is_multipart()
        assert {p.get_content_type() for p in msg.walk()} >= {"text/plain", "text/html"}
    first = box.messages[0][1]
    assert "overdue" in first["Subject"]
    again = remind(demo_copy, "--send", env=env)
    assert again.returncode == 0
    assert len(box.messages) == len(owners)
    assert "already reminded today" in again.stdout
    assert "s3cret" not in result.stdout + result.stderr + again.stdout


def test_refused_recipient_exits_3_others_delivered_and_logged(
    demo_copy: Path, smtp: tuple[Mailbox, dict[str, str]]
) -> None:
    box, env = smtp
    items = json.loads(remind(demo_copy, "--format", "json").stdout)
    owners = {i["owner_email"]: i["owner"] for i in items if i["owner_email"]}
    refused = sorted(owners)[0]
    box.refuse.add(refused)
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 3
    assert sorted(box.recipients()) == sorted(set(owners) - {refused})
    log = run_cli("remind", "--db", str(demo_copy), "--log").stdout
    failed = [line for line in log.splitlines() if " failed " in line]
    assert failed and all(owners[refused] in line for line in failed)
    assert "550" in failed[0]
    # the next run retries only the owner who failed
    box.refuse.clear()
    retry = remind(demo_copy, "--send", env=env)
    assert retry.returncode == 0
    assert box.recipients().count(refused) == 1
    assert len(box.messages) == len(owners)


def test_repeat_days_spaces_reminders_for_the_same_item(
    tmp_path: Path, smtp: tuple[Mailbox, dict[str, str]]
) -> None:
    box, env = smtp
    path = tmp_path / "repeat.db"
    small_register(path, {"Quarterly return": TODAY})
    assert remind(path, "--send", env=env).returncode == 0
    tomorrow = TODAY + timedelta(days=1)
    spaced = remind(path, "--send", "--repeat-days", "7", env=env, today=tomorrow)
    assert spaced.returncode == 0 and len(box.messages) == 1
    assert "reminded in the last 7 days" in spaced.stdout
    daily = remind(path, "--send", env=env, today=tomorrow)
    assert daily.returncode == 0 and len(box.messages) == 2


def test_dry_run_writes_eml_files_and_does_not_count_as_mail(
    demo_copy: Path, tmp_path: Path, smtp: tuple[Mailbox, dict[str, str]]
) -> None:
    box, env = smtp
    outbox = tmp_path / "outbox"
    result = remind(demo_copy, "--send", "--dry-run", "--out", str(outbox))
    assert result.returncode == 0, result.stderr
    files = sorted(outbox.glob("*.eml"))
    assert files and not box.messages
    assert b"Subject:" in files[0].read_bytes()
    assert remind(demo_copy, "--send", env=env).returncode == 0
    assert len(box.messages) == len(files)


def test_unreachable_server_exits_3_without_showing_the_password(demo_copy: Path) -> None:
    env = {
        "ASSURE_SMTP_HOST": "127.0.0.1",
        "ASSURE_SMTP_PORT": "9",  # discard port: nothing listens
        "ASSURE_SMTP_FROM": "governance@anyshire-pcc.example",
        "ASSURE_SMTP_USER": "governance",
        "ASSURE_SMTP_PASSWORD": "s3cret-never-shown",
    }
    result = remind(demo_copy, "--send", env=env)
    assert result.returncode == 3
    assert "cannot reach 127.0.0.1:9" in result.stdout
    log = run_cli("remind", "--db", str(demo_copy), "--log").stdout
    assert "s3cret" not in result.stdout + result.stderr + log


def test_send_without_smtp_is_refused_and_logs_nothing(demo_copy: Path) -> None:
    result = remind(demo_copy, "--send")
    assert result.returncode == 2
    assert "SMTP" in result.stderr
    assert (
        "No reminders have been sent yet."
        in run_cli("remind", "--db", str(demo_copy), "--log").stdout
    )


def test_a_missing_database_is_an_error_not_an_empty_register(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["--format", "json"], ["--format", "json", "--check"], []):
        result = run_cli("remind", "--db", str(missing), *args)
        assert result.returncode == 2 and "no database" in result.stderr
    assert not missing.exists()
