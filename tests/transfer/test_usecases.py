"""The interchange use cases: the policy is asked first, formula escaping and its inverse."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from assure.core.actor import Actor
from assure.core.db import Store
from assure.core.errors import PermissionDenied, ValidationError
from assure.models import AuditEntry, Person
from assure.services.interchange import tabular
from assure.services.interchange import usecases as interchange
from tests.conftest import OFFICER, TODAY

VIEWER = Actor("Vera Viewer", "viewer")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_escaped_and_unescaped(start: str) -> None:
    value = f"{start}SUM(A1)"
    assert tabular.safe_cell(value) == "'" + value
    assert tabular.unescape_cell(tabular.safe_cell(value)) == value


@pytest.mark.parametrize("value", ["plain", "'quoted", "'", "", "a=b", " =lead space"])
def test_text_that_is_no_formula_passes_both_ways_unchanged(value: str) -> None:
    assert tabular.safe_cell(value) == value
    assert tabular.unescape_cell(value) == value


def test_safe_cell_leaves_numbers_and_dates_alone() -> None:
    assert tabular.safe_cell(-1) == -1 and tabular.safe_cell(None) is None


def _people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("name\nNew Person\n")
    return path


def test_a_viewer_may_not_import_and_nothing_is_written(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied, match="may not import"):
        interchange.import_register(
            Store(engine=engine), VIEWER, TODAY, "people", _people_csv(tmp_path)
        )
    with Session(engine) as s:
        assert s.exec(select(Person)).all() == []


def test_the_policy_is_asked_before_the_kind_or_the_file(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        interchange.import_register(
            Store(engine=engine), VIEWER, TODAY, "nonsense", tmp_path / "missing.csv"
        )


def test_a_dry_run_reports_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    store = Store(engine=engine)
    report = interchange.import_register(
        store, OFFICER, TODAY, "people", _people_csv(tmp_path), dry_run=True
    )
    assert (report.rows, report.created) == (1, 1)
    with Session(engine) as s:
        assert s.exec(select(Person)).all() == []
        assert s.exec(select(AuditEntry).where(AuditEntry.record_type == "person")).all() == []
    real = interchange.import_register(store, OFFICER, TODAY, "people", _people_csv(tmp_path))
    assert real.created == 1
    with Session(engine) as s:
        assert [p.name for p in s.exec(select(Person))] == ["New Person"]


def test_export_is_a_plain_table_and_a_viewer_may_export(engine: Engine, tmp_path: Path) -> None:
    store = Store(engine=engine)
    interchange.import_register(store, OFFICER, TODAY, "people", _people_csv(tmp_path))
    table = interchange.export_register(store, VIEWER, "people")
    assert table.columns == ["name", "role", "organisation", "email", "login", "access", "version"]
    assert table.rows == [["New Person", "", "", "", "", "viewer", 1]]
    with pytest.raises(ValidationError, match="KIND"):
        interchange.export_register(store, VIEWER, "nonsense")


def test_a_viewer_may_neither_back_up_nor_restore(db_path: Path, engine: Engine) -> None:
    with pytest.raises(PermissionDenied, match="may not backup"):
        interchange.backup(str(db_path), VIEWER, db_path.parent / "copy.db")
    with pytest.raises(PermissionDenied, match="may not restore"):
        interchange.restore(str(db_path), VIEWER, db_path)
    assert not (db_path.parent / "copy.db").exists()
