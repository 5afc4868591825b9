"""the office's names: the force, the police area, the Commissioner and the office

A new database used to show the demo's "Anyshire" until a configuration file said otherwise.
The names are now asked for once, on the first run, and kept in the database they describe.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("force_name", sa.String(), nullable=False),
        sa.Column("area_name", sa.String(), nullable=False),
        sa.Column("pcc_name", sa.String(), nullable=False, server_default=""),
        sa.Column("office_name", sa.String(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.drop_table("office")
