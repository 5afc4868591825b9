"""Every record written through the services has a create entry in the audit trail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

AUDITED = [
    "person",
    "meeting",
    "agendaitem",
    "action",
    "extension",
    "inspection",
    "grade",
    "finding",
    "evidence",
    "assessment",
    "progress_update",
    "edition",
    "threat",
    "dimension",
    "assurancelevel",
    "term",
    "plan",
    "theme",
    "priority",
]


@pytest.mark.parametrize("table", AUDITED)
def test_every_row_has_a_create_entry(demo_db: Path, table: str) -> None:
    con = sqlite3.connect(demo_db)
    try:
        rows = {r for (r,) in con.execute(f"select id from {table}")}
        audited = {
            r
            for (r,) in con.execute(
                "select distinct record_id from auditentry "
                "where record_type = ? and operation = 'create'",
                (table,),
            )
        }
    finally:
        con.close()
    assert rows, f"the demo should write some {table} rows"
    assert rows <= audited, f"{table} rows without a create entry: {sorted(rows - audited)[:5]}"


def test_status_changes_are_audited_with_old_and_new(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    try:
        closed = con.execute("select id from action where status = 'closed'").fetchall()
        changes = {
            (rid, old, new)
            for rid, old, new in con.execute(
                "select record_id, old, new from auditentry where record_type = 'action' "
                "and field = 'status' and operation = 'update'"
            )
        }
    finally:
        con.close()
    assert closed
    for (rid,) in closed:
        assert (rid, "complete", "closed") in changes
