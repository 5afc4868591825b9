"""On PostgreSQL the database enforces who may write: a viewer's own connection cannot, even with
plain SQL, and identity is the session user (skipped when no server is given)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ProgrammingError

from assure.core import db
from assure.core.actor import os_login
from assure.core.db import Store
from assure.services import people
from tests.conftest import TODAY, run_cli

postgres = pytest.mark.postgres  # all but the SQLite test need the server


def cli(url: str, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", url, "--today", TODAY.isoformat())


def as_role(url: str, login: str) -> str:
    """The same database, connected as `login` (the test server trusts local connections)."""
    return make_url(db.database_url(url)).set(username=login).render_as_string(False)


def admin_login(url: str) -> str:
    name = make_url(db.database_url(url)).username
    assert name
    return name


@pytest.fixture
def logins(pg_url: str) -> Iterator[dict[str, str]]:
    """Login names unique to this test (roles belong to the whole server), dropped after it."""
    tag = uuid.uuid4().hex[:8]
    names = {level: f"{level[:4]}_{tag}" for level in ("viewer", "officer", "commissioner")}
    yield names
    eng = create_engine(db.database_url(pg_url), isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        found = conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :tag OR rolname LIKE :db"),
            {"tag": f"%_{tag}", "db": f"{make_url(pg_url).database}_%"},
        ).scalars()
        for role in list(found):
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
    eng.dispose()


@pytest.fixture
def register(pg_url: str, logins: dict[str, str], tmp_path: Path) -> str:
    """A register with the administrator (an officer), a viewer, an officer and a commissioner."""
    csv = tmp_path / "people.csv"
    csv.write_text(
        "name,login,access\n"
        f"Ada Admin,{admin_login(pg_url)},officer\n"
        f"Vic Viewer,{logins['viewer']},viewer\n"
        f"Olive Officer,{logins['officer']},officer\n"
        f"Cara Commissioner,{logins['commissioner']},commissioner\n"
    )
    done = cli(pg_url, "import", "people", str(csv))
    assert done.returncode == 0, done.stderr
    return pg_url


def engine_as(url: str, login: str) -> Engine:
    return create_engine(as_role(url, login))


def refused(eng: Engine, sql: str) -> str:
    """The error PostgreSQL gives `sql`, which must be a refusal."""
    with pytest.raises(ProgrammingError) as caught, eng.begin() as conn:
        conn.execute(text(sql))
    return str(caught.value.orig)


@postgres
def test_a_viewers_own_connection_cannot_write_even_with_plain_sql(
    register: str, logins: dict[str, str]
) -> None:
    done = cli(register, "db", "roles")
    assert done.returncode == 0, done.stderr
    group = f"{make_url(register).database}_viewer"
    assert f"{logins['viewer']} (Vic Viewer): {group}" in done.stdout
    viewer = engine_as(register, logins["viewer"])
    with viewer.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person")).scalar_one() == 4
    insert = "INSERT INTO person (name, role, organisation, email, access, active, version) "
    row = "VALUES ('Mallory', '', '', '', 'officer', true, 1)"
    assert "permission denied for table person" in refused(viewer, insert + row)
    said = refused(viewer, "UPDATE person SET access = 'officer' WHERE name = 'Vic Viewer'")
    assert "permission denied" in said
    assert "permission denied" in refused(viewer, "DELETE FROM auditentry")
    viewer.dispose()
    officer = engine_as(register, logins["officer"])
    with officer.begin() as conn:
        conn.execute(text(insert + row))  # an officer's role writes the registers...
    assert "permission denied" in refused(officer, "UPDATE auditentry SET who = 'nobody'")
    assert "permission denied" in refused(officer, "DELETE FROM auditentry")  # ...not the trail
    officer.dispose()


@postgres
def test_the_app_on_a_viewers_connection_is_refused_in_one_line(
    register: str, logins: dict[str, str], tmp_path: Path
) -> None:
    assert cli(register, "db", "roles").returncode == 0
    csv = tmp_path / "more.csv"
    csv.write_text("name\nZed Newcomer\n")
    as_viewer = as_role(register, logins["viewer"])
    result = cli(as_viewer, "import", "people", str(csv))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "Vic Viewer (viewer) may not import" in result.stderr
    again = cli(as_viewer, "db", "roles")
    assert again.returncode == 2 and "may not manage roles" in again.stderr


@postgres
def test_a_role_behind_the_register_is_one_line_not_a_traceback(
    register: str, logins: dict[str, str], tmp_path: Path
) -> None:
    assert cli(register, "db", "roles").returncode == 0
    store = Store(register)
    admin = people.identify(store)
    vic = next(p for p in people.people(store, admin) if p.name == "Vic Viewer")
    people.change(store, admin, vic.id, version=vic.version, access="officer")
    store.dispose()  # the register says officer; the role is a viewer's until roles run again
    csv = tmp_path / "more.csv"
    csv.write_text("name\nZed Newcomer\n")
    result = cli(as_role(register, logins["viewer"]), "import", "people", str(csv))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "permission denied for table person" in result.stderr
    assert "assure db roles" in result.stderr


@postgres
def test_a_commissioners_role_builds_and_approves_the_statement_and_writes_nothing_else(
    register: str, logins: dict[str, str], tmp_path: Path
) -> None:
    assert cli(register, "db", "roles").returncode == 0
    as_commissioner = as_role(register, logins["commissioner"])
    built = cli(as_commissioner, "statement", "build", "2025-26", "--out", str(tmp_path))
    assert built.returncode == 0, built.stderr
    approve = ["statement", "approve", "2025-26", "--by", "Cara Commissioner"]
    approved = cli(as_commissioner, *approve)
    assert approved.returncode == 0, approved.stderr
    commissioner = engine_as(register, logins["commissioner"])
    said = refused(commissioner, "UPDATE person SET access = 'officer'")
    assert "permission denied for table person" in said
    commissioner.dispose()


@postgres
def test_roles_follow_the_register_when_run_again(
    register: str, logins: dict[str, str], pg_url: str
) -> None:
    assert cli(register, "db", "roles").returncode == 0
    store = Store(register)
    admin = people.identify(store)
    vic = next(p for p in people.people(store, admin) if p.name == "Vic Viewer")
    olive = next(p for p in people.people(store, admin) if p.name == "Olive Officer")
    people.change(store, admin, vic.id, version=vic.version, access="officer")
    people.change(store, admin, olive.id, version=olive.version, login="")
    done = cli(register, "db", "roles")
    assert done.returncode == 0, done.stderr
    database = make_url(register).database
    assert f"{database}_officer, was {database}_viewer" in done.stdout
    assert f"{logins['officer']}: removed from {database}_officer" in done.stdout
    with store.reading() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT record_type, operation, field, old, new FROM auditentry "
            "WHERE operation IN ('roles', 'grant-role') ORDER BY id"
        )
        trail = [tuple(r) for r in rows]
    assert (
        "person",
        "grant-role",
        "database role",
        f"{database}_viewer",
        f"{database}_officer",
    ) in trail
    assert [t[1] for t in trail].count("roles") == 2  # one entry for each run
    store.dispose()
    vic_now = engine_as(register, logins["viewer"])
    with vic_now.begin() as conn:  # now an officer, the same login writes
        conn.execute(text("UPDATE person SET role = 'Analyst' WHERE name = 'Vic Viewer'"))
    vic_now.dispose()
    gone = engine_as(register, logins["officer"])
    assert "permission denied" in refused(gone, "UPDATE person SET role = 'x'")
    gone.dispose()


@postgres
def test_identity_on_postgresql_is_the_session_user_not_the_os_login(
    register: str, logins: dict[str, str]
) -> None:
    assert cli(register, "db", "roles").returncode == 0
    store = Store(register)
    admin = people.identify(store)
    assert (admin.name, admin.access) == ("Ada Admin", "officer")
    people.add(store, admin, name="Otto System", login=os_login(), access="officer")
    store.dispose()
    expected = {"viewer": "Vic Viewer", "commissioner": "Cara Commissioner"}
    for level, name in expected.items():
        as_them = Store(as_role(register, logins[level]))
        actor = people.identify(as_them)
        assert (actor.name, actor.access) == (name, level)  # not Otto, whom the OS login names
        as_them.dispose()


def test_on_sqlite_roles_are_one_line_and_touch_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    result = run_cli("db", "roles", "--db", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "database roles are a PostgreSQL feature" in result.stderr
    assert not path.exists()
