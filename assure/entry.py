"""The `assure` console script: a fast path for scheduled reminder JSON, else the full CLI.

`assure remind --format json` is what scripts and schedulers call, often against a register of
many forces. Loading Typer, SQLAlchemy and the models costs more than answering, so when the
command line is only that (plus --within, --db, --today) and the database is a current
SQLite file, the answer comes from the standard library's sqlite3 and one SQL statement
(`assure.services.reminders.due_sql.json_sql`, bound by `due_params`, which the session path
uses too). Anything else (another option, a PostgreSQL URL, a database that needs creating or
migrating, a value the fast path cannot read) goes to the full command line, which gives the
same output or the proper error. A test holds both paths to one answer.

`assure` alone (with at most --db and --today) opens the app. On a current SQLite file there is
nothing to create or migrate, so it goes straight to the app without Typer; anything else goes
through the full command line, which prepares the database first.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from assure.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    import sqlite3

_VALUED = {"--db", "--today", "--format", "--within"}


def main() -> None:
    """Console-script entry point."""
    # assure uses no pydantic plugins: without this, building the first model scans every
    # installed package's entry points for them (about 40 ms of every command that reads the
    # database). Set PYDANTIC_DISABLE_PLUGINS yourself to choose otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if _fast_remind(sys.argv[1:]) or _fast_app(sys.argv[1:]):
        return
    from assure.core import gctune

    gctune.for_a_command()  # the app, if a command opens it, goes back to the usual thresholds
    from assure.cli import main as cli_main

    cli_main()


def _parse(argv: list[str]) -> dict[str, str] | None:
    """Return the options of `[--db X] [--today D] remind [fast options]`, or None."""
    opts: dict[str, str] = {}
    seen_command = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "remind" and not seen_command:
            seen_command = True
            i += 1
            continue
        name, eq, value = arg.partition("=")
        if name not in _VALUED or (not seen_command and name not in {"--db", "--today"}):
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        opts[name] = value
        i += 1
    return opts if seen_command and opts.get("--format") == "json" else None


def default_db() -> str:
    """data/assure.db beside the package (the same place as assure.core.config.DEFAULT_DB)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(root, "data", "assure.db")


def _db_file(value: str | None) -> str | None:
    value = value or os.environ.get("ASSURE_DB") or default_db()
    if value.startswith("sqlite:///"):
        value = value.removeprefix("sqlite:///")
    elif "://" in value:
        return None
    return value if os.path.isfile(value) else None


def _within(value: str | None) -> int | None:
    if value is not None:  # anything but a plain window goes to the full CLI, which says why
        from assure.core.rules import MAX_WINDOW_DAYS

        return int(value) if value.isdigit() and int(value) <= MAX_WINDOW_DAYS else None
    config = os.environ.get("ASSURE_CONFIG") or os.path.join(
        os.path.dirname(default_db()), "assure.toml"
    )
    if not os.path.exists(config) and "ASSURE_REMIND_WITHIN" not in os.environ:
        from assure.core.rules import DUE_SOON_DAYS

        return DUE_SOON_DAYS
    from assure.core.config import load_settings
    from assure.core.errors import AssureError

    try:
        return load_settings().remind_within_days
    except AssureError:
        return None


def _open_current(path: str) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite file at `path` when it is an assure database at
    this version's schema, else None (the full command line then creates, migrates or says why).
    """
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA busy_timeout=10000")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != SCHEMA_HEAD:
        con.close()
        return None
    return con


def _current(path: str) -> bool:
    """True when the SQLite file at `path` is an assure database at this version's schema."""
    con = _open_current(path)
    if con is None:
        return False
    con.close()
    return True


def _app_options(argv: list[str]) -> dict[str, str] | None:
    """The options of `[--db X] [--today D]` (nothing else), or None."""
    opts: dict[str, str] = {}
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if name not in {"--db", "--today"}:
            return None
        value = value if eq else next(args, "")
        if not value:
            return None
        opts[name] = value
    return opts


def _fast_app(argv: list[str]) -> bool:
    """Open the app on a current SQLite database and return True, or return False."""
    opts = _app_options(argv)
    if opts is None:
        return False
    db = opts.get("--db") or os.environ.get("ASSURE_DB") or None
    path = _db_file(db)
    if path is None or not _current(path):
        return False  # the full command line creates or migrates it, or says why it cannot
    from assure.core.clock import resolve_today
    from assure.core.errors import AssureError

    try:
        today = resolve_today(opts.get("--today"))
    except AssureError:
        return False  # the full command line names the bad date
    from assure.tui.launch import run_tui

    run_tui(db, today)
    return True


def _fast_remind(argv: list[str]) -> bool:
    """Print the reminder JSON and return True, or return False to use the full CLI."""
    opts = _parse(argv)
    if opts is None:
        return False
    path = _db_file(opts.get("--db"))
    within = _within(opts.get("--within"))
    if path is None or within is None:
        return False
    from datetime import date

    today_text = opts.get("--today") or os.environ.get("ASSURE_TODAY")
    try:
        today = date.fromisoformat(today_text.strip()) if today_text else date.today()
    except ValueError:
        return False
    import sqlite3

    from assure.services.reminders import due_sql

    params = due_sql.due_params(today, within)
    con = _open_current(path)
    if con is None:
        return False
    try:
        (text,) = con.execute(due_sql.json_sql(), params).fetchone()
    except sqlite3.Error:
        return False
    finally:
        con.close()
    sys.stdout.write(text + "\n")
    return True
