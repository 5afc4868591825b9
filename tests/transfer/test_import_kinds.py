"""The registers an officer brings in besides actions: assessments, people's access, report kinds.

Each runs the real `assure import` and reads the database back with sqlite3.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.transfer.test_transfer import audit_count, cli, demo, write_csv

__all__ = ["demo"]  # the fixture, imported for pytest

LEVELS_SQL = (
    "SELECT t.code, a.year, d.code, l.code, a.rationale FROM assessment a "
    "JOIN threat t ON t.id = a.threat_id JOIN dimension d ON d.id = a.dimension_id "
    "JOIN assurancelevel l ON l.id = a.level_id"
)


def query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_assessments_for_any_year_by_name_or_code(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["Threat", "Year", "Dimension", "Level", "Rationale"],
        ["Terrorism", "2024-25", "Capability", "Limited", "Regional audit found gaps."],
        ["cyber", "2025/26", "capacity", "No assurance", "No exercise was held this year."],
    ]
    before = audit_count(demo)
    result = cli(demo, "import", "assessments", str(write_csv(tmp_path / "a.csv", rows)))
    assert result.returncode == 0, result.stderr
    assert "1 created, 1 updated" in result.stdout
    found = set(query(demo, LEVELS_SQL))
    assert ("terrorism", 2024, "capability", "limited", "Regional audit found gaps.") in found
    assert ("cyber", 2025, "capacity", "none", "No exercise was held this year.") in found
    assert audit_count(demo) > before
    again = cli(demo, "import", "assessments", str(tmp_path / "a.csv"))
    assert "0 created, 0 updated, 2 unchanged" in again.stdout


def test_a_bad_assessment_row_is_named_and_nothing_is_written(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["threat", "year", "dimension", "level", "rationale"],
        ["terrorism", "2025-26", "capability", "none", "A good row."],
        ["piracy", "2025-26", "capability", "none", "No such threat."],
        ["terrorism", "2025-27", "capability", "none", "Halves disagree."],
        ["terrorism", "2025-26", "bravery", "none", "No such dimension."],
        ["terrorism", "2025-26", "capacity", "total", "No such level."],
        ["terrorism", "2025-26", "consistency", "none", ""],
    ]
    before = query(demo, LEVELS_SQL)
    result = cli(demo, "import", "assessments", str(write_csv(tmp_path / "a.csv", rows)))
    assert result.returncode == 2
    for line, column in [(3, "threat"), (4, "year"), (5, "dimension"), (6, "level")]:
        assert f"line {line}, {column}:" in result.stderr, (line, result.stderr)
    assert "line 7, rationale:" in result.stderr
    assert query(demo, LEVELS_SQL) == before


def test_people_bring_their_login_and_access(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["name", "email", "login", "access"],
        ["Sam Okafor", "sam.okafor@anyshire-pcc.example", "sokafor", "officer"],
        ["Alex Morgan", "", "amorgan", ""],
    ]
    result = cli(demo, "import", "people", str(write_csv(tmp_path / "p.csv", rows)))
    assert result.returncode == 0, result.stderr
    assert "1 created, 1 updated" in result.stdout
    people = dict(
        (name, (login, access))
        for name, login, access in query(demo, "SELECT name, login, access FROM person")
    )
    assert people["Sam Okafor"] == ("sokafor", "officer")
    assert people["Alex Morgan"] == ("amorgan", "commissioner")  # a blank access keeps it
    changed = query(
        demo,
        "SELECT count(*) FROM auditentry WHERE record_type = 'person' AND field = 'login'",
    )
    assert changed != [(0,)]


def test_an_unknown_access_is_refused(demo: Path, tmp_path: Path) -> None:
    rows = [["name", "access"], ["Sam Okafor", "superuser"]]
    result = cli(demo, "import", "people", str(write_csv(tmp_path / "p.csv", rows)))
    assert result.returncode == 2
    assert "line 2, access:" in result.stderr and "superuser" in result.stderr
    assert query(demo, "SELECT count(*) FROM person WHERE name = 'Sam Okafor'") == [(0,)]


def test_findings_take_the_report_kind(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["report", "report_kind", "report_published", "ref", "kind", "text"],
        [
            "Police response to public disorder",
            "National",
            "12/03/2026",
            "R1",
            "recommendation",
            "Plan.",
        ],
    ]
    result = cli(demo, "import", "findings", str(write_csv(tmp_path / "f.csv", rows)))
    assert result.returncode == 0, result.stderr
    kind = query(
        demo, "SELECT kind FROM inspection WHERE title = 'Police response to public disorder'"
    )
    assert kind == [("national",)]
    rows[1][1] = "joint"
    again = cli(demo, "import", "findings", str(write_csv(tmp_path / "f2.csv", rows)))
    assert "1 updated" in again.stdout
    kind = query(
        demo, "SELECT kind FROM inspection WHERE title = 'Police response to public disorder'"
    )
    assert kind == [("joint",)]


def test_findings_without_report_kind_still_add_a_peel_report(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["report", "report_published", "ref", "kind", "text"],
        ["PEEL 2027", "01/04/2026", "AFI1", "area-for-improvement", "Improve call handling."],
    ]
    result = cli(demo, "import", "findings", str(write_csv(tmp_path / "f.csv", rows)))
    assert result.returncode == 0, result.stderr
    assert query(demo, "SELECT kind FROM inspection WHERE title = 'PEEL 2027'") == [("peel",)]


def test_a_bad_report_kind_names_its_column(demo: Path, tmp_path: Path) -> None:
    rows = [
        ["report", "report_kind", "report_published", "ref", "kind", "text"],
        ["A review", "gossip", "01/04/2026", "R1", "recommendation", "Do it."],
    ]
    result = cli(demo, "import", "findings", str(write_csv(tmp_path / "f.csv", rows)))
    assert result.returncode == 2
    assert "line 2, report_kind:" in result.stderr
