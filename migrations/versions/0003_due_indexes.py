"""due-work indexes: open actions and findings by the date they are now due

Partial indexes over unfinished items only (about a tenth of a mature register), keyed on the
same expressions the due-list WHERE clause uses, so `assure remind` reads the open work without
scanning years of closed actions. On SQLite they also carry the listed columns (covering), so
the reminder query never touches the tables; PostgreSQL keeps them narrow (index entries there
have a size limit that long titles could pass).

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op

from assure.core import rules
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    action_due = rules.current_due_text("due_date", "revised_due_date")
    action_cols = ", owner_id, meeting_id, ref, status, due_date, revised_due_date, title"
    finding_cols = ", force_lead_id, inspection_id, ref, status, text"
    op.execute(
        f"CREATE INDEX ix_action_open_due ON action ({action_due}"
        f"{action_cols if sqlite else ''}) WHERE {rules.not_done_text('status', rules.ACTION_DONE)}"
    )
    op.execute(
        f"CREATE INDEX ix_finding_open_due ON finding (target_date"
        f"{finding_cols if sqlite else ''}) "
        f"WHERE {rules.not_done_text('status', rules.FINDING_DONE)}"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_finding_open_due")
    op.execute("DROP INDEX ix_action_open_due")
