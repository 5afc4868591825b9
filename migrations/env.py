"""Alembic environment: runs on the engine assure hands it (see assure.core.db.migrate)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import assure.models  # noqa: F401  (registers every table)
from assure.core.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("db"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A batch migration copies a table and drops the old one: with foreign keys on,
            # the drop checks (and fails on) every row that refers to it. SQLite ignores this
            # pragma inside a transaction, so it goes to the raw connection before one begins,
            # and back on once the migrations are committed.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
        )
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


run_migrations_online()
