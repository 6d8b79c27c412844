"""The ledger's state kept in the book (issue 18): positions, open lots, shorts, lots in transit, sales,
cash and income as the last replay left them, so a read (a CLI command, a window opening) does not replay
every transaction. `ledger_stamp` counts every edit or delete of a transaction and every change of an
account (triggers, so no writer can forget it; an insert raises the number of transactions instead, see
services/store/ledger_state.py); the kept state is valid only while both are what they were.

A later migration that recreates `transactions` or `accounts` (Alembic's batch mode copies the table) drops
their triggers: it must create them again (`STAMP_TRIGGERS` below).

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STAMP_EVENTS = [("transactions", "UPDATE"), ("transactions", "DELETE"),
                ("accounts", "INSERT"), ("accounts", "UPDATE"), ("accounts", "DELETE")]
STAMP_TRIGGERS = [f"ledger_stamp_{table}_{event.lower()}" for table, event in STAMP_EVENTS]
TABLES = ("ledger_state", "ledger_holdings", "ledger_shorts", "ledger_lots", "ledger_transit", "ledger_sales",
          "ledger_cash", "ledger_income", "ledger_stamp")


def upgrade() -> None:
    op.create_table("ledger_stamp", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("n", sa.Integer, nullable=False), sa.CheckConstraint("id = 1", name="ck_ledger_stamp_one"))
    op.execute("INSERT INTO ledger_stamp (id, n) VALUES (1, 0)")
    op.create_table("ledger_state", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("stamp", sa.Integer, nullable=False), sa.Column("last_date", sa.Text),
                    sa.Column("last_id", sa.Integer), sa.Column("transactions", sa.Integer, nullable=False),
                    sa.CheckConstraint("id = 1", name="ck_ledger_state_one"))
    op.create_table("ledger_holdings", sa.Column("account", sa.Text, primary_key=True),
                    sa.Column("symbol", sa.Text, primary_key=True), sa.Column("currency", sa.Text, nullable=False),
                    sa.Column("method", sa.Text, nullable=False), sa.Column("since", sa.Text, nullable=False),
                    sa.Column("quantity", sa.Text, nullable=False))
    op.create_table("ledger_shorts", sa.Column("account", sa.Text, primary_key=True),
                    sa.Column("symbol", sa.Text, primary_key=True), sa.Column("currency", sa.Text, nullable=False))
    op.create_table("ledger_lots", sa.Column("account", sa.Text, primary_key=True),
                    sa.Column("symbol", sa.Text, primary_key=True), sa.Column("short", sa.Boolean, primary_key=True),
                    sa.Column("position", sa.Integer, primary_key=True), *_lot_columns())
    op.create_table("ledger_transit", sa.Column("symbol", sa.Text, primary_key=True),
                    sa.Column("position", sa.Integer, primary_key=True), sa.Column("currency", sa.Text, nullable=False),
                    *_lot_columns())
    op.create_table("ledger_sales", sa.Column("position", sa.Integer, primary_key=True), sa.Column("tx_id", sa.Integer),
                    sa.Column("date", sa.Text, nullable=False), sa.Column("account", sa.Text, nullable=False),
                    sa.Column("symbol", sa.Text, nullable=False), sa.Column("currency", sa.Text, nullable=False),
                    sa.Column("quantity", sa.Text, nullable=False), sa.Column("proceeds", sa.Text, nullable=False),
                    sa.Column("cost", sa.Text, nullable=False))
    op.create_table("ledger_cash", sa.Column("account", sa.Text, primary_key=True),
                    sa.Column("currency", sa.Text, primary_key=True), sa.Column("balance", sa.Text, nullable=False))
    op.create_table("ledger_income", sa.Column("account", sa.Text, primary_key=True),
                    sa.Column("currency", sa.Text, primary_key=True), sa.Column("kind", sa.Text, primary_key=True),
                    sa.Column("total", sa.Text, nullable=False))
    create_stamp_triggers()


def create_stamp_triggers(events=STAMP_EVENTS) -> None:
    """SQLite: a trigger per row. PostgreSQL: one function, and a trigger per statement (the stamp only has
    to move)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION ledger_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN UPDATE ledger_stamp SET n = n + 1 WHERE id = 1; RETURN NULL; END $$")
        for table, event in events:
            op.execute(f"CREATE TRIGGER ledger_stamp_{table}_{event.lower()} AFTER {event} ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION ledger_stamp_bump()")
        return
    for table, event in events:
        op.execute(f"CREATE TRIGGER ledger_stamp_{table}_{event.lower()} AFTER {event} ON {table} "
                   "BEGIN UPDATE ledger_stamp SET n = n + 1 WHERE id = 1; END")


def drop_stamp_triggers(events=STAMP_EVENTS) -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, event in events:
        op.execute(f"DROP TRIGGER IF EXISTS ledger_stamp_{table}_{event.lower()}" + (f" ON {table}" if postgresql else ""))


def _lot_columns() -> list[sa.Column]:
    return [sa.Column("acquired", sa.Text, nullable=False), sa.Column("quantity", sa.Text, nullable=False),
            sa.Column("base_quantity", sa.Text, nullable=False), sa.Column("base_cost", sa.Text, nullable=False)]


def downgrade() -> None:
    drop_stamp_triggers()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION ledger_stamp_bump()")
    for table in TABLES:
        op.drop_table(table)
