"""Transaction types that returns need: TAX_REFUND and FEE_REFUND (a refund lowers the taxes or fees paid,
it is not a deposit), DELIVERY_IN and DELIVERY_OUT (securities that arrive from or leave for outside the
book), INTEREST_CHARGE (interest paid: it lowers the interest earned), and transfers of cash between accounts (TRANSFER_IN/OUT without a symbol). The book now checks a
row's type itself, so a book holding the new types cannot be read as something else by any writer.

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TYPES = ("BUY", "SELL", "DIVIDEND", "INTEREST", "FEE", "TAX", "DEPOSIT", "WITHDRAWAL", "SPLIT", "TRANSFER_IN",
         "TRANSFER_OUT", "TAX_REFUND", "FEE_REFUND", "DELIVERY_IN", "DELIVERY_OUT", "INTEREST_CHARGE")


def upgrade() -> None:
    # SQLite cannot add a CHECK to a table: batch mode copies the table (its indexes and keys follow).
    with op.batch_alter_table("transactions", recreate="always") as batch:
        batch.create_check_constraint("ck_transactions_type", "type IN (%s)" % ", ".join(f"'{t}'" for t in TYPES))


def downgrade() -> None:
    with op.batch_alter_table("transactions", recreate="always") as batch:
        batch.drop_constraint("ck_transactions_type", type_="check")
