"""year indexes: actions and findings by the day they were raised or finished

The statement counts a year's governance (actions raised, actions and findings closed or
superseded, by status) from the dates alone; without these indexes each count read every action
of a national register (about 60 ms of a statement build at 100,000 actions). The closed-on
indexes carry the status, so the count by status never touches the table.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _dated(name: str, table: str, columns: list[str]) -> None:
    """An index of the rows that have the date only: partial, so the planner never takes it for
    the open work (`closed_on IS NULL`), which the due-work index of 0003 serves."""
    where = sa.text(f"{columns[0]} IS NOT NULL")
    op.create_index(name, table, columns, sqlite_where=where, postgresql_where=where)


def upgrade() -> None:
    _dated("ix_action_raised_on", "action", ["raised_on"])
    _dated("ix_action_closed_on_status", "action", ["closed_on", "status"])
    _dated("ix_finding_closed_on_status", "finding", ["closed_on", "status"])


def downgrade() -> None:
    op.drop_index("ix_finding_closed_on_status", "finding")
    op.drop_index("ix_action_closed_on_status", "action")
    op.drop_index("ix_action_raised_on", "action")
