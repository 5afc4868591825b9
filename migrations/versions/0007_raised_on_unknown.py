"""an action's raised date may be unknown

The office's existing action log has no meeting date column for many rows: when an import gives
neither `raised_on` nor `meeting_date`, the date the action was raised is not known, and writing
the import day in its place would count years of old actions as raised this year.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assure.core import rules

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _open_due_index() -> None:
    """The partial index of open actions by due date (as 0003 made it): SQLite's batch copy of
    the table cannot carry an index on an expression, so it is dropped first and made again."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    action_due = rules.current_due_text("due_date", "revised_due_date")
    action_cols = ", owner_id, meeting_id, ref, status, due_date, revised_due_date, title"
    op.execute(
        f"CREATE INDEX ix_action_open_due ON action ({action_due}"
        f"{action_cols if sqlite else ''}) WHERE {rules.not_done_text('status', rules.ACTION_DONE)}"
    )


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_action_open_due")
    with op.batch_alter_table("action") as batch:
        batch.alter_column("raised_on", existing_type=sa.Date(), nullable=True)
    _open_due_index()


def downgrade() -> None:
    op.execute("UPDATE action SET raised_on = due_date WHERE raised_on IS NULL")
    op.execute("DROP INDEX IF EXISTS ix_action_open_due")
    with op.batch_alter_table("action") as batch:
        batch.alter_column("raised_on", existing_type=sa.Date(), nullable=False)
    _open_due_index()
