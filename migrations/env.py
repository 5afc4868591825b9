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
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
