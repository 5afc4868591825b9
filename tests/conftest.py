"""Shared fixtures: a fresh initialised database per test, a fixed today, and the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import db
from assure.core.actor import Actor
from assure.services.setup import initialise

TODAY = date(2026, 5, 1)
OFFICER = Actor("Test Officer", "officer")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's data/assure.toml, preferences or environment during tests."""
    for name in list(os.environ):
        if name.startswith("ASSURE_") and not name.startswith("ASSURE_TEST_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSURE_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("ASSURE_PREFS", str(tmp_path / "no-prefs.toml"))  # no remembered theme


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "assure.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = db.make_engine(str(db_path))
    initialise(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per test run with today = 2026-05-01 (do not write to it)."""
    from assure.services.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    eng = db.make_engine(str(path))
    initialise(eng)
    build_demo(eng, TODAY)
    eng.dispose()
    return path


PG_URL = os.environ.get("ASSURE_TEST_PG_URL")
TEMPLATE = "assure_template"


def _admin() -> Any:
    from sqlalchemy import create_engine

    assert PG_URL is not None
    return create_engine(db.database_url(PG_URL), isolation_level="AUTOCOMMIT")


def _pg_database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    return make_url(db.database_url(PG_URL)).set(database=name).render_as_string(False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated and loaded with the reference data once per run."""
    from sqlalchemy import text

    if not PG_URL:
        pytest.skip("no PostgreSQL server: set ASSURE_TEST_PG_URL (make test does, as root)")
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    eng = db.make_engine(_pg_database_url(TEMPLATE))
    initialise(eng)
    eng.dispose()
    yield TEMPLATE
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """The URL of a fresh PostgreSQL database for one test (cloned from the template)."""
    from sqlalchemy import text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {pg_template}"))
    yield _pg_database_url(name)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `assure` entry point in a subprocess and capture its output."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURE_")}
    full_env.setdefault("ASSURE_CONFIG", "/nonexistent/assure.toml")
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "assure", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        cwd=cwd or ROOT,
        timeout=300,
    )
