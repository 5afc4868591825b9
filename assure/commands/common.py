"""Options every command takes (--db, --today) and the error handling they share."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from assure.core.actor import Actor
    from assure.core.config import Settings
    from assure.core.db import Store

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="ASSURE_DB",
        help="Database path or URL (default data/assure.db).",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today", envvar="ASSURE_TODAY", help="Treat this YYYY-MM-DD as today.", show_default=False
    ),
]
AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Act as this person (only where the configuration allows it).",
        show_default=False,
    ),
]


@dataclass
class Globals:
    """Options given before the command name."""

    db: str | None = None
    today: str | None = None


def globals_of(ctx: typer.Context) -> Globals:
    root = ctx.find_root()
    if not isinstance(root.obj, Globals):
        root.obj = Globals()
    return root.obj


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit with `code`."""
    print(f"assure: {message}", file=sys.stderr)
    raise typer.Exit(code)


@dataclass
class Ctx:
    """What a command needs: the database, today, and who is acting."""

    db: str | None
    today: date
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        """The database the use cases work on, created or migrated first when it needs it."""
        if self._store is None:
            from assure.services import setup

            self._store = setup.open_store(self.db)
        return self._store

    def actor(self, as_name: str | None = None) -> Actor:
        """Who is acting: the OS login's person, or `--as NAME` where the settings allow it."""
        from assure.core.config import load_settings
        from assure.services import people

        allow_as = load_settings().allow_as if as_name else False
        return people.identify(self.store(), as_name, allow_as)

    def settings(self, actor: Actor) -> Settings:
        """The configuration, with the office's names as recorded unless the file gives them."""
        from assure.core.config import load_settings
        from assure.services import office

        return office.with_names(load_settings(), office.names(self.store(), actor))


def context(ctx: typer.Context, db: str | None, today: str | None) -> Ctx:
    """Merge options given after the command with those given before it."""
    from assure.core.clock import resolve_today
    from assure.core.errors import AssureError

    glob = globals_of(ctx)
    try:
        return Ctx(db or glob.db, resolve_today(today or glob.today))
    except AssureError as exc:
        fail(str(exc))


@contextmanager
def errors() -> Iterator[None]:
    """Turn a service error into one line on stderr and exit 2 (the transaction rolled back)."""
    from assure.core.errors import AssureError

    try:
        yield
    except AssureError as exc:
        fail(str(exc))
    except Exception as exc:
        from assure.services.setup import database_problem

        problem = database_problem(exc)
        if problem is None:
            raise
        fail(problem)
