"""Who last wrote each transaction, and when (team mode): a desk whose edit or deletion meets a row another
desk changed since it was read is refused, naming who changed it and when. Rows written before stay
without an author.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a nullable column in place (no table copy: the triggers stay)
    op.add_column("transactions", sa.Column("changed_by", sa.Text))
    op.add_column("transactions", sa.Column("changed_at", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("transactions") as batch:
        batch.drop_column("changed_at")
        batch.drop_column("changed_by")
