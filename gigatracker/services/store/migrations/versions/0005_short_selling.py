"""Accounts that allow short selling (a SELL beyond what is held opens a short position there).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a column with a constant default in place (no table copy, the foreign keys untouched)
    op.add_column("accounts", sa.Column("short_selling", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("accounts", "short_selling")
