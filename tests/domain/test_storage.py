"""Initialising, reference data, pragmas and upgrading an older database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from assure.core import db
from assure.core.errors import AssureError
from assure.models import Dimension, Edition, Priority, Theme, Threat
from assure.services import people
from assure.services.evidence import spr
from assure.services.setup import initialise
from tests.conftest import OFFICER


def test_reference_data_is_loaded(session: Session) -> None:
    edition = spr.edition_in_force(session, date(2026, 5, 1))
    assert edition.code == "plan-2025"
    assert [t.code for t in spr.threats_of(session, edition)] == [
        "terrorism",
        "soc",
        "cyber",
        "csa",
        "public-order-civil-emergencies",
        "vawg",
    ]
    older = spr.edition_in_force(session, date(2024, 5, 1))
    assert len(spr.threats_of(session, older)) == 7
    assert [d.code for d in spr.dimensions(session)] == [
        "capacity",
        "capability",
        "consistency",
        "connectivity",
    ]
    themes = list(session.exec(select(Theme)))
    assert len(themes) == 6 and any(t.title == "Supporting victims and witnesses" for t in themes)
    assert len(list(session.exec(select(Priority)))) >= 35


def test_init_twice_is_harmless_and_keeps_office_edits(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        dim = s.exec(select(Dimension).where(Dimension.code == "capability")).one()
        dim.name = "Capability (our wording)"
        s.add(dim)
        s.delete(s.exec(select(Threat).where(Threat.code == "civil-emergencies")).one())
    report = initialise(engine)
    assert report.loaded.added == {"threat": 1}  # only the missing row comes back
    again = initialise(engine)
    assert again.loaded.total == 0 and again.backup is None
    with Session(engine) as s:
        assert (
            s.exec(select(Dimension).where(Dimension.code == "capability")).one().name
            == "Capability (our wording)"
        )
        assert len(list(s.exec(select(Edition)))) == 2


def test_sqlite_pragmas(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_upgrade_from_first_migration_keeps_data_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = db.make_engine(str(path))
    db.migrate(engine, "0001")
    with db.session_scope(engine) as s:
        people.add_person(s, OFFICER, "Kept Person", email="kept@x.example")
    assert db.current_revision(engine) == "0001"
    report = initialise(engine)
    assert report.from_revision == "0001" and report.to_revision == db.head_revision()
    assert report.backup is not None and report.backup.exists()
    with Session(engine) as s:
        assert people.find_person(s, "kept@x.example") is not None
    backup = sqlite3.connect(report.backup)
    assert backup.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    backup.close()


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table stuff (x)")
    con.commit()
    con.close()
    with pytest.raises(AssureError, match="not an assure database"):
        initialise(db.make_engine(str(path)))


def test_database_file_is_private(db_path: Path, engine: Engine) -> None:
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"
