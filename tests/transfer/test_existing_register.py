"""The office's existing action log comes in as it is: raised dates unknown or given, history
with its closed dates, status changes by the lifecycle, one key per file, no stale overwrites.

Each runs the real `assure import` and reads the database back with sqlite3.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import TODAY
from tests.transfer.test_import_kinds import query
from tests.transfer.test_transfer import audit_count, cli, demo, write_csv

__all__ = ["demo"]  # the fixture, imported for pytest

HEADER = ["ref", "action", "owner", "due_date"]


def test_an_old_log_without_raised_dates_imports_and_is_overdue_at_once(
    demo: Path, tmp_path: Path
) -> None:
    rows = [HEADER] + [
        [f"OLD-{n}", f"Legacy action {n}", "Lisa Grant", "15/01/2024"] for n in range(1, 4)
    ]
    result = cli(demo, "import", "actions", str(write_csv(tmp_path / "old.csv", rows)))
    assert result.returncode == 0, result.stderr
    assert "3 created" in result.stdout
    stored = query(demo, "SELECT ref, raised_on, due_date FROM action WHERE ref LIKE 'OLD-%'")
    assert sorted(stored) == [(f"OLD-{n}", None, "2024-01-15") for n in range(1, 4)]
    due = json.loads(cli(demo, "remind", "--format", "json").stdout)
    overdue = {item["ref"] for item in due if item["kind"] == "action" and item["days_overdue"]}
    assert {"OLD-1", "OLD-2", "OLD-3"} <= overdue


def test_a_given_raised_date_still_bounds_the_due_date(demo: Path, tmp_path: Path) -> None:
    rows = [
        [*HEADER, "raised_on"],
        ["R-1", "Raised in March", "Lisa Grant", "01/03/2026", "10/03/2026"],
        ["R-2", "Raised in March, due in April", "Lisa Grant", "01/04/2026", "10/03/2026"],
    ]
    before = audit_count(demo)
    result = cli(demo, "import", "actions", str(write_csv(tmp_path / "r.csv", rows)))
    assert result.returncode == 2
    assert "line 2, due_date: 01/03/2026 is before the action was raised" in result.stderr
    assert "line 3" not in result.stderr
    assert audit_count(demo) == before


def test_history_comes_in_closed_on_its_day_and_is_audited_as_imported(
    demo: Path, tmp_path: Path
) -> None:
    rows = [
        [*HEADER, "status", "closed_on"],
        ["H-1", "Closed last year", "Lisa Grant", "01/06/2025", "Closed", "20/05/2025"],
        ["H-2", "Replaced by H-3", "Lisa Grant", "01/06/2025", "superseded", "02/05/2025"],
        ["H-4", "Closed, no day given", "Lisa Grant", "01/06/2025", "closed", ""],
        ["H-5", "Open with a closed day", "Lisa Grant", "01/06/2025", "open", "01/05/2025"],
    ]
    bad = cli(demo, "import", "actions", str(write_csv(tmp_path / "h.csv", rows)))
    assert bad.returncode == 2
    assert "line 4, closed_on: a closed action is imported with the day it closed" in bad.stderr
    assert "line 5, closed_on: only a closed or superseded action has one" in bad.stderr
    assert query(demo, "SELECT count(*) FROM action WHERE ref LIKE 'H-%'") == [(0,)]
    good = cli(demo, "import", "actions", str(write_csv(tmp_path / "g.csv", rows[:3])))
    assert good.returncode == 0, good.stderr
    stored = query(demo, "SELECT ref, status, closed_on FROM action WHERE ref LIKE 'H-%'")
    assert sorted(stored) == [("H-1", "closed", "2025-05-20"), ("H-2", "superseded", "2025-05-02")]
    notes = query(
        demo,
        "SELECT a.ref, e.new FROM auditentry e JOIN action a ON a.id = e.record_id "
        "WHERE e.record_type = 'action' AND e.operation = 'import'",
    )
    assert ("H-1", "closed on 2025-05-20, imported as history") in notes


def _open_action(demo: Path) -> tuple[str, str, str, str]:
    ref, title, owner, due = query(
        demo,
        "SELECT a.ref, a.title, p.name, a.due_date FROM action a JOIN person p "
        "ON p.id = a.owner_id WHERE a.status = 'in-progress' ORDER BY a.ref LIMIT 1",
    )[0]
    return str(ref), str(title), str(owner), str(due)


def test_a_status_change_follows_the_lifecycle_or_names_the_row(demo: Path, tmp_path: Path) -> None:
    ref, title, owner, due = _open_action(demo)
    skip = [[*HEADER, "status"], [ref, title, owner, due, "closed"]]
    refused = cli(demo, "import", "actions", str(write_csv(tmp_path / "s.csv", skip)))
    assert refused.returncode == 2
    assert f"line 2, status: {ref} is in progress and cannot become closed" in refused.stderr
    assert "awaiting sign-off" in refused.stderr  # the moves it may make, by label
    no_reason = [[*HEADER, "status"], [ref, title, owner, due, "superseded"]]
    refused = cli(demo, "import", "actions", str(write_csv(tmp_path / "n.csv", no_reason)))
    assert refused.returncode == 2
    assert "line 2, row: say in the update column why it was superseded" in refused.stderr
    done = [[*HEADER, "status", "update"], [ref, title, owner, due, "complete", "Done in May."]]
    moved = cli(demo, "import", "actions", str(write_csv(tmp_path / "d.csv", done)))
    assert moved.returncode == 0 and "1 updated" in moved.stdout, moved.stderr
    assert query(demo, "SELECT status, completion_proposed_on FROM action WHERE ref = ?", ref) == [
        ("complete", TODAY.isoformat())
    ]
    assert ("Done in May.",) in query(
        demo,
        "SELECT u.text FROM progress_update u JOIN action a ON a.id = u.record_id "
        "WHERE u.record_type = 'action' AND a.ref = ?",
        ref,
    )


def test_the_same_key_twice_in_one_file_names_both_lines(demo: Path, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["D-1", "First", "Lisa Grant", "30/06/2026"],
        ["D-2", "Other", "Lisa Grant", "30/06/2026"],
        ["d-1", "Second", "Lisa Grant", "30/06/2026"],
    ]
    result = cli(demo, "import", "actions", str(write_csv(tmp_path / "dup.csv", rows)))
    assert result.returncode == 2
    assert "line 4, row: the same record as line 2" in result.stderr
    assert query(demo, "SELECT count(*) FROM action WHERE ref LIKE 'D-%'") == [(0,)]


def test_an_export_older_than_the_record_does_not_overwrite_it(demo: Path, tmp_path: Path) -> None:
    exported = tmp_path / "then.csv"
    assert cli(demo, "export", "actions", "--out", str(exported)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"))))
    ref = rows[0]["ref"]
    newer = [[*HEADER, "version"], [ref, "Changed by a colleague", rows[0]["owner"],
             rows[0]["due_date"], rows[0]["version"]]]  # fmt: skip
    assert cli(demo, "import", "actions", str(write_csv(tmp_path / "c.csv", newer))).returncode == 0
    rows[0]["action"] = "My change from the old file"
    stale = tmp_path / "stale.csv"
    with stale.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = cli(demo, "import", "actions", str(stale))
    assert result.returncode == 2
    assert f"line 2, version: {ref} changed since this file was exported" in result.stderr
    assert query(demo, "SELECT title FROM action WHERE ref = ?", ref) == [
        ("Changed by a colleague",)
    ]


def test_the_export_carries_every_date_the_import_takes(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert cli(demo, "export", "actions", "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    revised = {ref: day for ref, day in query(demo, "SELECT ref, revised_due_date FROM action")}
    assert {r["ref"]: r["revised_due_date"] or None for r in rows} == revised
    assert any(r["revised_due_date"] for r in rows)  # the demo has granted extensions
    versions = {ref: n for ref, n in query(demo, "SELECT ref, version FROM action")}
    assert {r["ref"]: int(r["version"]) for r in rows} == versions
