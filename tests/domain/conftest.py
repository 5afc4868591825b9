"""The domain tests run on SQLite and, when a server is given, on PostgreSQL too.

`.ci/with-postgres` (which `make test` uses) starts a throwaway server and sets
ASSURE_TEST_PG_URL. Each PostgreSQL test gets a fresh database cloned from a template that was
migrated and loaded with the reference data once. Tests that ask for `db_path` are about the
SQLite file itself and run on SQLite only.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from assure.core import db
from assure.services.setup import initialise


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = db.make_engine(str(db_path))
        initialise(eng)
        yield eng
        eng.dispose()
        return
    if "db_path" in inspect.signature(request.function).parameters:
        pytest.skip("about the SQLite file itself")
    url = request.getfixturevalue("pg_url")
    eng = db.make_engine(url)
    yield eng
    eng.dispose()
