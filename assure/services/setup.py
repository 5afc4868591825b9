"""Create or upgrade a database and load the reference data: what `assure init` does.

`init`, `open_store` and `demo` are use cases on the database file itself: they run before
there is a register of people to say who may do what, so they ask no policy. Anyone who can
open the file can bring it to the current schema, which every command does on first use anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

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
    where: str = ""  # the database, its password hidden


@dataclass(frozen=True)
class DemoReport:
    where: str  # the file (or URL) the demo was built in
    summary: str


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


def initialise(engine: Engine, *, backup_first: bool = True) -> InitReport:
    """Migrate the schema to head (backing up an older file first) and load reference data."""
    check_is_assure(engine)
    db.require_writable(engine)
    before = db.current_revision(engine)
    backup = db.migrate(engine, backup_first=backup_first)
    with db.session_scope(engine) as session:
        loaded = load_reference(session)
    where = engine.url.render_as_string(hide_password=True)
    return InitReport(before is None, before, db.head_revision(), backup, loaded, where)


def needs_init(engine: Engine) -> bool:
    """Return True when the database is missing, empty or behind the newest migration."""
    return db.current_revision(engine) != SCHEMA_HEAD


def sqlite_file(database: str | None) -> Path | None:
    """The file behind a database path or URL, or None for PostgreSQL and in-memory databases."""
    return db.sqlite_path(db.database_url(database))


def database_problem(exc: BaseException) -> str | None:
    """One line for a database error the driver raised, or None when `exc` is not one."""
    if isinstance(exc, OperationalError):
        return f"database error: {exc.orig}"
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == "42501":
        first = str(exc.orig).splitlines()[0]  # "permission denied for table action"
        return f"{first}: your database role does not allow it (see `assure db roles`)"
    return None


# --- use cases ---------------------------------------------------------------------------------


def open_store(database: str | None, *, init: bool = True) -> db.Store:
    """The Store for `database`; with `init`, create or migrate it first when it needs it."""
    store = db.Store(database)
    if init and needs_init(store.engine):
        initialise(store.engine)
    return store


def init(database: str | None) -> InitReport:
    """Create or migrate the database and load any missing reference data (safe to run twice)."""
    engine = db.make_engine(database)
    try:
        return initialise(engine)
    finally:
        engine.dispose()


def demo(database: str, today: date, *, scale: int = 0, progress: bool = False) -> DemoReport:
    """Build the demo in `database`, a new database or an SQLite file it replaces.

    Raises AssureError for an existing non-SQLite database (the demo never writes into one).
    """
    from assure.models.base import stamped_at
    from assure.services.demo.build import build_demo, demo_stamp

    path = sqlite_file(database)
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = db.make_engine(database)
    try:
        if path is None and db.current_revision(engine) is not None:
            raise AssureError("demo only builds into a new database; give --db a new file")
        with stamped_at(demo_stamp(today)):  # the reference data's audit entries too
            initialise(engine)
        summary = build_demo(engine, today, scale=scale, progress=progress)
    finally:
        engine.dispose()
    return DemoReport(str(path or database), summary)


def demo_would_replace(database: str) -> Path | None:
    """The non-empty SQLite file a demo in `database` would replace, if there is one."""
    path = sqlite_file(database)
    return path if path is not None and path.exists() and path.stat().st_size > 0 else None
