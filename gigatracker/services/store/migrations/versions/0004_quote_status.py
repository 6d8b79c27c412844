"""Price-cache bookkeeping: per-symbol refresh outcomes (failures are skipped after a few tries).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_status",
        sa.Column("symbol", sa.Text, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("last_attempt", sa.Text),
        sa.Column("last_success", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("quote_status")
