"""`assure remind` stops chasing a published s55 response and chases its missing steps instead.

Through the real entry point: `remind --format json` alone takes the fast path (SQLite writes
the JSON), `--check` takes the full command line (the due list in Python); both must agree.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sqlite3
from datetime import date
from typing import Any

import pytest
from icalendar import Calendar

from assure import entry
from assure.services.inspections import usecases as inspections
from assure.services.inspections.s55 import S55Steps, missing_sql
from tests.conftest import OFFICER, run_cli
from tests.inspections.conftest import TITLE, Register, publish

LAST = "2026-04-26"  # the report was published on 2 March 2026
STEP_TITLE = (
    f"Finish the s55 response to {TITLE}: explain the action on 1 recommendation; "
    "send copies to HMICFRS and the Home Secretary"
)


def remind(register: Register, *extra: str) -> list[dict[str, Any]]:
    """The reminder JSON by the fast path and by the full command line (which must agree)."""
    argv = ["remind", "--format", "json", "--db", str(register.path), "--today", "2026-05-01"]
    fast = run_cli(*argv, *extra)
    full = run_cli(*argv, *extra, "--check")
    assert fast.returncode == 0 and full.returncode in (0, 1), fast.stderr + full.stderr
    assert json.loads(fast.stdout) == json.loads(full.stdout)
    items: list[dict[str, Any]] = json.loads(fast.stdout)
    return [i for i in items if i["record_id"] == register.report_id and "s55" in i["ref"]]


def test_publishing_swaps_the_response_for_its_missing_steps(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    (before,) = remind(register)
    assert (before["kind"], before["due_date"], before["days_overdue"]) == ("response", LAST, 5)

    publish(register)
    (after,) = remind(register)
    assert after["kind"] == "response-step" and after["ref"] == f"s55-{register.report_id}"
    assert after["title"] == STEP_TITLE
    assert (after["due_date"], after["original_due_date"]) == (LAST, LAST)
    assert (after["status"], after["days_overdue"]) == ("published-on-time", 5)
    argv = ["remind", "--format", "json", "--db", str(register.path), "--today", "2026-05-01"]
    assert entry._fast_remind(argv), "the fast path stepped aside"
    assert after in json.loads(capsys.readouterr().out)

    view = inspections.response(register.store, OFFICER, register.report_id)
    inspections.record_steps(
        register.store, OFFICER, register.report_id, version=view.version,
        comments_invited_on="3/3/2026", comments_received_on="30/3/2026",
        published_on="20/4/2026", response_link="https://anyshire-pcc.example/r",
        copies_sent_on="21/4/2026",
    )  # fmt: skip
    (left,) = remind(register)
    assert (
        left["title"]
        == f"Finish the s55 response to {TITLE}: explain the action on 1 recommendation"
    )
    unexplained = next(
        c.id
        for report in inspections.reports(register.store, OFFICER, date(2026, 5, 1))
        for f in report.findings
        for c in f.children
        if c.ref == "CoC1-R2"
    )
    inspections.explain(register.store, OFFICER, unexplained, "Lists are tested in June.")
    assert remind(register) == []  # every step done: nothing to chase


def test_a_late_response_keeps_its_clock_and_says_so(register: Register) -> None:
    view = inspections.response(register.store, OFFICER, register.report_id)
    inspections.record_steps(
        register.store, OFFICER, register.report_id, version=view.version,
        comments_invited_on="3/3/2026", comments_received_on="30/3/2026",
        published_on="28/4/2026", response_link="https://anyshire-pcc.example/r",
    )  # fmt: skip
    (item,) = remind(register)
    assert (item["status"], item["due_date"]) == ("published-late", LAST)


def test_the_digests_say_which_step_is_missing(register: Register) -> None:
    publish(register)
    base = ["remind", "--db", str(register.path), "--today", "2026-05-01", "--format"]
    text = run_cli(*base, "text")
    assert text.returncode == 0, text.stderr
    assert f"s55 step s55-{register.report_id}: {STEP_TITLE}" in text.stdout
    assert "status response published on time" in text.stdout
    rows = list(csv.DictReader(io.StringIO(run_cli(*base, "csv").stdout.lstrip("\ufeff"))))
    (row,) = [r for r in rows if r["kind"] == "response-step"]
    assert row["title"] == STEP_TITLE and row["status"] == "published-on-time"
    ics = run_cli(*base, "ics")
    events = [
        e for e in Calendar.from_ical(ics.stdout).walk("VEVENT") if "s55 step" in str(e["summary"])
    ]
    (event,) = events
    assert str(event["summary"]) == f"s55 step s55-{register.report_id}: {STEP_TITLE}"
    assert str(event["uid"]) == f"response-step-{register.report_id}@assure"
    assert event.decoded("dtstart") == date(2026, 4, 26)


DAY = date(2026, 3, 2)
COUNTS = [(0, 0), (1, 0), (1, 1), (2, 0), (3, 1), (2, 2)]


def test_the_sql_twin_names_the_same_steps_as_the_rule() -> None:
    sql = "SELECT " + missing_sql(":inv", ":rec", ":pub", ":link", ":copies", ":n", ":done")
    con = sqlite3.connect(":memory:")
    seen = 0
    for invited, received, published, copies in itertools.product([None, DAY], repeat=4):
        for link, (n, done) in itertools.product(["", "https://x.example"], COUNTS):
            steps = S55Steps(invited, None, received, published, link, copies, n, done)
            params = {"inv": invited, "rec": received, "pub": published, "link": link,
                      "copies": copies, "n": n, "done": done}  # fmt: skip
            (got,) = con.execute(sql, {k: str(v) if isinstance(v, date) else v
                                       for k, v in params.items()}).fetchone()  # fmt: skip
            assert got == "; ".join(steps.missing()), params
            seen += 1
    assert seen == 16 * 2 * len(COUNTS)
