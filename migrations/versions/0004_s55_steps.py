"""s55 steps: the Chief Constable's comments invited, asked for and received; the response's
link and the copies sent; each recommendation's explanation

Police Act 1996 s55(4)-(6): the PCC invites the Chief Constable's comments by a date the PCC
sets, publishes the PCC's comments with the Chief Constable's and the PCC's response to them,
explains for each recommendation the action taken or proposed (or why none), and sends copies
to HMICFRS and the Home Secretary. Each step gets its date so the clock can say what is missing.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("comments_invited_on", "comments_due_on", "comments_received_on",
                 "copies_sent_on"):
        op.add_column("inspection", sa.Column(name, sa.Date(), nullable=True))
    op.add_column(
        "inspection", sa.Column("response_link", sa.String(), nullable=False, server_default="")
    )
    op.add_column(
        "finding", sa.Column("explanation", sa.String(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("finding") as batch:
        batch.drop_column("explanation")
    with op.batch_alter_table("inspection") as batch:
        for name in ("response_link", "copies_sent_on", "comments_received_on",
                     "comments_due_on", "comments_invited_on"):
            batch.drop_column(name)
