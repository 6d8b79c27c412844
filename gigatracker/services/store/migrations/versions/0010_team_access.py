"""Access per client on a shared book (team mode): `team_access` says which portfolios each login may see
(an adviser writes them too; an assistant's role can only read). On PostgreSQL, row-level security hides
every other portfolio, its accounts, their transactions and their part of the ledger's kept state from a
login that is not of the book's owner role (the firm's admins, who see and manage everything). A book
file has the table and nothing to enforce: one person, one computer.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OF_AN_ACCOUNT = ("ledger_holdings", "ledger_shorts", "ledger_lots", "ledger_sales", "ledger_cash", "ledger_income")
HIDDEN = ("ledger_transit", "ledger_state")  # book-wide: a restricted login never reads or keeps the state
POLICIES = [
    ("portfolios", "EXISTS (SELECT 1 FROM team_access t WHERE t.login = current_user AND t.portfolio = portfolios.name)"),
    ("accounts", "EXISTS (SELECT 1 FROM portfolios p WHERE p.id = accounts.portfolio_id)"),
    ("transactions", "EXISTS (SELECT 1 FROM accounts a WHERE a.id = transactions.account_id)"),
    *((table, f"EXISTS (SELECT 1 FROM accounts a WHERE a.name = {table}.account)") for table in OF_AN_ACCOUNT),
]


def upgrade() -> None:
    op.create_table("team_access", sa.Column("login", sa.Text, primary_key=True),
                    sa.Column("portfolio", sa.Text, primary_key=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    # A policy's subqueries see through the other tables' policies: an account is visible when its
    # portfolio is, a transaction when its account is. Without WITH CHECK, USING checks new rows too.
    for table, visible in POLICIES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY assigned ON {table} USING ({visible})")
    # each login reads its own assignments and changes none: only the admins (the owner role) grant
    op.execute("ALTER TABLE team_access ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY own ON team_access FOR SELECT USING (login = current_user)")
    for table in HIDDEN:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")  # and no policy: nothing of it


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY own ON team_access")
        for table, _ in POLICIES:
            op.execute(f"DROP POLICY assigned ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in HIDDEN:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.drop_table("team_access")
