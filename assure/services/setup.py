"""Create or upgrade a database and load the reference data: what `assure init` does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from assure.core import db
from assure.core.errors import AssureError
from assure.schema import SCHEMA_HEAD
from assure.services.reference import LoadReport, load_reference


@dataclass
class InitReport:
    created: bool
    from_revision: str | None
    to_revision: str
    backup: Path | None
    loaded: LoadReport


def check_is_assure(engine: Engine) -> None:
    """Raise AssureError when the database holds tables but is not an assure database we know."""
    tables = set(inspect(engine).get_table_names())
    revision = db.current_revision(engine)
    if revision is None and tables:
        raise AssureError(
            "this database has tables but is not an assure database; refusing to touch it"
        )
    if revision is not None and revision not in db.known_revisions():
        raise AssureError(
            f"this database is at schema {revision}, newer than this assure knows; upgrade assure"
        )


def initialise(engine: Engine) -> InitReport:
    """Migrate the schema to head (backing up an older file first) and load reference data."""
    check_is_assure(engine)
    before = db.current_revision(engine)
    backup = db.migrate(engine)
    with db.session_scope(engine) as session:
        loaded = load_reference(session)
    return InitReport(before is None, before, db.head_revision(), backup, loaded)


def needs_init(engine: Engine) -> bool:
    """Return True when the database is missing, empty or behind the newest migration."""
    return db.current_revision(engine) != SCHEMA_HEAD
