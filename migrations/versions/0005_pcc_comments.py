"""the PCC's own comments on an HMICFRS report, for the s55 response paper

Police Act 1996 s55(5): the PCC publishes their comments on the report with the Chief
Constable's comments and the PCC's response to them. The dates of each step are held since 0004;
this holds the PCC's words, so `assure response build` can write the paper from the records.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "inspection", sa.Column("pcc_comments", sa.String(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("inspection") as batch:
        batch.drop_column("pcc_comments")
