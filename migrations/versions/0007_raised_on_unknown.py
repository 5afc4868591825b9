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

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.alter_column("raised_on", existing_type=sa.Date(), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE action SET raised_on = due_date WHERE raised_on IS NULL")
    with op.batch_alter_table("action") as batch:
        batch.alter_column("raised_on", existing_type=sa.Date(), nullable=False)
