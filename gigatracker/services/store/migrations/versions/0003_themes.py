"""Themes and theses: taxonomies (a seeded "Thesis"), theme trees, weighted assignments, theses and their
journal, fund look-through holdings, rules; classification fields on the security master.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("securities") as batch:
        for name in ("asset_class", "exchange", "sector", "industry", "country"):
            batch.add_column(sa.Column(name, sa.Text))
    taxonomies = op.create_table(
        "taxonomies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
    )
    op.bulk_insert(taxonomies, [{"name": "Thesis"}])  # id 1 (the first row): PostgreSQL's sequence counts it
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("taxonomy_id", sa.Integer, sa.ForeignKey("taxonomies.id"), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("colour", sa.Text, nullable=False, server_default=""),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("target_min_bp", sa.Integer),
        sa.Column("target_max_bp", sa.Integer),
        sa.UniqueConstraint("taxonomy_id", "path", name="uq_themes_path"),
    )
    op.create_table(
        "assignments",
        sa.Column("security_id", sa.Integer, sa.ForeignKey("securities.id"), primary_key=True),
        sa.Column("theme_id", sa.Integer, sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("weight_bp", sa.Integer, nullable=False),
        sa.CheckConstraint("weight_bp > 0 AND weight_bp <= 10000", name="ck_assignments_bp"),
    )
    op.create_table(
        "theses",
        sa.Column("theme_id", sa.Integer, sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("conviction", sa.Integer, nullable=False),
        sa.Column("kill_criteria", sa.Text, nullable=False, server_default=""),
        sa.Column("catalysts", sa.Text, nullable=False, server_default=""),
        sa.Column("review_date", sa.Text),
        sa.CheckConstraint("conviction BETWEEN 1 AND 5", name="ck_theses_conviction"),
    )
    op.create_table(
        "thesis_journal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("theme_id", sa.Integer, sa.ForeignKey("themes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("written", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("weight_bp", sa.Integer),
        sa.Column("prices", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_table(
        "fund_holding_sets",
        sa.Column("fund_symbol", sa.Text, primary_key=True),
        sa.Column("as_of", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_table(
        "fund_holdings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fund_symbol", sa.Text, sa.ForeignKey("fund_holding_sets.fund_symbol", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("symbol", sa.Text, nullable=False, server_default=""),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("isin", sa.Text, nullable=False, server_default=""),
        sa.Column("weight", sa.Text, nullable=False),
        sa.Column("sector", sa.Text, nullable=False, server_default=""),
        sa.Column("country", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_fund_holdings_fund", "fund_holdings", ["fund_symbol"])
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dimension", sa.Text, nullable=False),
        sa.Column("taxonomy", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("max_bp", sa.Integer),
        sa.Column("min_bp", sa.Integer),
    )


def downgrade() -> None:
    for table in ("rules", "fund_holdings", "fund_holding_sets", "thesis_journal", "theses", "assignments",
                  "themes", "taxonomies"):
        op.drop_table(table)
    with op.batch_alter_table("securities") as batch:
        for name in ("asset_class", "exchange", "sector", "industry", "country"):
            batch.drop_column(name)
