"""JSON in as well as out: an export re-imports unchanged for every kind, texts a spreadsheet
would run stay text, and a malformed file is one line with nothing written."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.transfer.test_import_kinds import query
from tests.transfer.test_transfer import audit_count, cli, demo

__all__ = ["demo"]  # the fixture, imported for pytest

KINDS = ["people", "actions", "findings", "evidence", "priorities", "assessments"]
HOSTILE = ["=SUM(A1)", "+44 7700 900123", "- see note", "@here", "\tTabbed", "\rReturned"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_json_export_imports_back_unchanged(demo: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.json"
    assert cli(demo, "export", kind, "--format", "json", "--out", str(out)).returncode == 0
    rows = len(json.loads(out.read_text()))
    before = audit_count(demo)
    result = cli(demo, "import", kind, str(out))
    assert result.returncode == 0, result.stderr
    assert f"{rows} rows: 0 created, 0 updated, {rows} unchanged" in result.stdout
    assert audit_count(demo) == before


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_texts_a_spreadsheet_would_run_come_back_as_written(
    demo: Path, tmp_path: Path, fmt: str
) -> None:
    rows = [
        {"ref": f"J-{n}", "action": text, "owner": "Lisa Grant", "due_date": "2026-06-30"}
        for n, text in enumerate(HOSTILE)
    ]
    source = tmp_path / "new.json"
    source.write_text(json.dumps(rows))
    assert cli(demo, "import", "actions", str(source)).returncode == 0
    stored = query(demo, "SELECT title FROM action WHERE ref LIKE 'J-%' ORDER BY ref")
    assert [t for (t,) in stored] == [t.strip() for t in HOSTILE]
    out = tmp_path / f"actions.{fmt}"
    assert cli(demo, "export", "actions", "--format", fmt, "--out", str(out)).returncode == 0
    again = cli(demo, "import", "actions", str(out))
    assert again.returncode == 0, again.stderr
    assert " 0 created, 0 updated" in again.stdout


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"action": "x"}', "not a list of objects, one for each row"),
        (b'[["action", "owner"]]', "not a list of objects, one for each row"),
        (b'[{"action": "x", ', "not JSON (Expecting property name enclosed in double quotes"),
        (b'[{"action": ["x"], "owner": "Lisa Grant", "due_date": "2026-06-30"}]',
         "object 1: action holds a list or object"),
        (b'[{"action": "a\\u0000b", "owner": "Lisa Grant", "due_date": "2026-06-30"}]',
         "line 1 holds a NUL character"),
        ('[{"action": "x"}]'.encode("utf-16"), "not UTF-8 text; save it as UTF-8"),
    ],
)  # fmt: skip
def test_a_malformed_json_file_is_one_line_and_nothing_is_written(
    demo: Path, tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    digest = hashlib.sha256(demo.read_bytes()).hexdigest()
    result = cli(demo, "import", "actions", str(path))
    assert result.returncode == 2
    assert said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert hashlib.sha256(demo.read_bytes()).hexdigest() == digest


# a field each kind's import may change, and a new value for it
EDITS: dict[str, tuple[str, Callable[[str], str]]] = {
    "people": ("role", lambda v: v + " (acting)"),
    "evidence": ("summary", lambda v: v + " Updated."),
    "findings": ("status", lambda v: "being-progressed" if v != "being-progressed" else "complete"),
    "priorities": ("rag", lambda v: "amber" if v != "amber" else "red"),
    "assessments": ("rationale", lambda v: v + " Reviewed again."),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_an_old_export_cannot_undo_a_later_change(demo: Path, tmp_path: Path, kind: str) -> None:
    """Exported, changed since (here by a second file), then the old file imported again: its
    rows carry the version they were exported at, so the changed record is refused, not
    quietly put back."""
    old = tmp_path / f"{kind}.csv"
    assert cli(demo, "export", kind, "--out", str(old)).returncode == 0
    with old.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column, change = EDITS[kind]
    at = rows[0].index(column)
    rows[1][at] = change(rows[1][at])
    edited = tmp_path / f"{kind}-edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows[:2])
    changed = cli(demo, "import", kind, str(edited))
    assert changed.returncode == 0 and "1 updated" in changed.stdout, changed.stderr
    before = audit_count(demo)
    stale = cli(demo, "import", kind, str(old))
    assert stale.returncode == 2
    assert "line 2, version: " in stale.stderr and "changed since this file was exported" in (
        stale.stderr
    )
    assert "line 3" not in stale.stderr  # the rows nobody changed since are not refused
    assert audit_count(demo) == before
