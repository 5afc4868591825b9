"""Engine, connection pragmas, units of work and schema migrations (Alembic)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from assure.core.config import DEFAULT_DB, ROOT

MIGRATIONS_DIR = ROOT / "migrations"
BUSY_TIMEOUT_MS = 10_000


def database_url(db: str | None) -> str:
    """Return an SQLAlchemy URL for a path or URL (default data/assure.db)."""
    if not db:
        return f"sqlite:///{DEFAULT_DB}"
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://") :]
        if db.startswith("postgres://"):
            return "postgresql+psycopg://" + db[len("postgres://") :]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def sqlite_path(url: str) -> Path | None:
    """Return the file behind an SQLite URL, or None for other databases and :memory:."""
    if not url.startswith("sqlite:///"):
        return None
    rest = url[len("sqlite:///") :]
    return None if rest in ("", ":memory:") else Path(rest)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN instead
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


WRITE = {"assure_write": True}


def _sqlite_begin(conn: Any) -> None:
    """Start every transaction explicitly; a writing session takes the write lock at once.

    The sqlite3 module otherwise begins a transaction only at the first write, so a SAVEPOINT
    opened before any write (as an import's per-row savepoints are) would be the outermost
    transaction, and releasing it would commit: an all-or-nothing import would not be.
    BEGIN IMMEDIATE for writers means a second writer waits (busy timeout) for the first rather
    than failing when it tries to upgrade a read it began before the other committed.
    """
    writing = conn.get_execution_options().get("assure_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def read_only_problem(path: Path) -> str | None:
    """Why this user cannot write the existing SQLite file at `path`, or None when they can."""
    if not path.exists() or os.access(path, os.W_OK):
        return None
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return "read-only file system"
    return "permission denied"


def make_engine(db: str | None) -> Engine:
    """Return an engine for `db`, with WAL, foreign keys and a busy timeout on SQLite.

    An SQLite file this user cannot write is opened read-only (immutable where its folder
    cannot be written either, since WAL needs its shared-memory file beside it), so reading
    still works; `Store.writing` refuses to start a change on it.
    """
    url = database_url(db)
    path = sqlite_path(url)
    if path is not None and read_only_problem(path):
        import sqlite3

        immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
        uri = f"{path.resolve().as_uri()}?mode=ro{immutable}"
        engine = create_engine(url, creator=lambda: sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        ))  # fmt: skip
        event.listen(engine, "connect", _read_only_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def require_writable(engine: Engine) -> None:
    """Raise AssureError, before any change starts, when the SQLite file cannot be written."""
    from assure.core.errors import AssureError

    path = sqlite_path(str(engine.url))
    problem = read_only_problem(path) if path is not None else None
    if problem is not None:
        raise AssureError(f"{path}: {problem}; you may read this database but not change it")


def write_session(engine: Engine) -> Session:
    """A session for a change: on SQLite it holds the write lock from its first statement."""
    return Session(engine.execution_options(**WRITE), expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a writing session that commits on success and rolls back on any error."""
    with write_session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


class Store:
    """The database the use cases work on: each use case opens one unit of work on it.

    Screens and commands hold a Store and pass it to use cases; only the use cases (in
    `assure.services`) open sessions on it, so no ORM object ever reaches a screen or a command.
    """

    def __init__(self, db: str | None = None, engine: Engine | None = None) -> None:
        self.engine = engine if engine is not None else make_engine(db)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for reads; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Yield a session that commits on success and rolls back on any error.

        Raises AssureError before starting when the SQLite file cannot be written.
        """
        require_writable(self.engine)
        with session_scope(self.engine) as session:
            yield session

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """Return the newest migration's revision id."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the database's migration revision, or None for an empty or unknown database."""
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row else None


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://")))
    return {rev.revision for rev in script.walk_revisions()}


def default_backup_path(path: Path) -> Path:
    """Where a backup of `path` goes unless told: backups/NAME-STAMP.db beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"{path.stem}-{stamp}.db"


def copy_sqlite(source: Path, dest: Path) -> None:
    """Copy the SQLite database `source` into `dest` in one step (the online backup API)."""
    import sqlite3

    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        out = sqlite3.connect(dest, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()


def write_problem(exc: Exception, path: Path) -> str:
    """One line for an SQLite error met while writing `path` (a full disk said plainly)."""
    import sqlite3

    full = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    reason = "no space left on the device" if full else str(exc).splitlines()[0]
    return f"{reason}: cannot write {path}; nothing was written"


def backup_sqlite(path: Path, target: Path | None = None) -> Path:
    """Copy an SQLite database consistently and privately; return the copy's path.

    The copy is written whole or not at all (`files.write_atomic`); an existing target is
    refused. Raises AssureError when it cannot be written.
    """
    import sqlite3

    from assure.core.errors import AssureError
    from assure.core.files import write_atomic

    target = target or default_backup_path(path)

    def fill(scratch: Path) -> None:
        try:
            copy_sqlite(path, scratch)
        except sqlite3.Error as exc:  # "database or disk is full", "database is locked"
            raise AssureError(write_problem(exc, target)) from None

    return write_atomic(target, fill, replace=False)


def migrate(engine: Engine, revision: str = "head", *, backup_first: bool = True) -> Path | None:
    """Bring the schema to `revision`; back up an older SQLite database first (`backup_first`).

    Returns the backup's path when one was taken.
    """
    from alembic import command

    cfg = _alembic_config(engine)
    current = current_revision(engine)
    backup: Path | None = None
    path = sqlite_path(str(engine.url))
    target = head_revision() if revision == "head" else revision
    older = current is not None and current != target
    if backup_first and older and path is not None and path.exists():
        backup = backup_sqlite(path)
    command.upgrade(cfg, revision)
    if path is not None and path.exists():
        path.chmod(0o600)
    return backup
