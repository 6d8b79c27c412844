"""Price-cache bookkeeping: per-symbol refresh outcomes (failures are skipped after a few tries), and
dividends and splits seen in Yahoo's history, waiting for the user to accept them into the ledger;
a fund's sector weightings beside its holdings.

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


    op.create_table(
        "market_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("symbol", sa.Text, nullable=False),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
        sa.UniqueConstraint("symbol", "date", "kind", name="uq_market_events"),
        sa.CheckConstraint("kind IN ('dividend', 'split')", name="ck_market_events_kind"),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'dismissed')", name="ck_market_events_status"),
    )


    op.create_table(
        "fund_sector_weights",
        sa.Column("fund_symbol", sa.Text, sa.ForeignKey("fund_holding_sets.fund_symbol", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("sector", sa.Text, primary_key=True),
        sa.Column("weight", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fund_sector_weights")
    op.drop_table("market_events")
    op.drop_table("quote_status")
