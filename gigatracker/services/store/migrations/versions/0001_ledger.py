"""Ledger tables: book metadata, portfolios, accounts, import batches, transactions.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "book_meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "portfolios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("portfolio_id", sa.Integer, sa.ForeignKey("portfolios.id"), nullable=False),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("cost_basis", sa.Text, nullable=False),
        sa.CheckConstraint("cost_basis IN ('fifo', 'average')", name="ck_accounts_cost_basis"),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.Text, nullable=False),
    )
    op.create_table(
        "transactions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("symbol", sa.Text),
        sa.Column("quantity", sa.Text),
        sa.Column("price", sa.Text),
        sa.Column("amount", sa.Text),
        sa.Column("fees", sa.Text, nullable=False),
        sa.Column("taxes", sa.Text, nullable=False),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("fx_rate", sa.Text),
        sa.Column("ratio", sa.Text),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id")),
        sa.Column("import_key", sa.Text, unique=True),
    )
    op.create_index("ix_transactions_date", "transactions", ["date", "id"])
    op.create_index("ix_transactions_import", "transactions", ["import_id"])


def downgrade() -> None:
    for table in ("transactions", "imports", "accounts", "portfolios", "book_meta"):
        op.drop_table(table)
