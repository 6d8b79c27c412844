"""SQLAlchemy Core tables as of the newest migration (the migrations own the DDL; this is for queries, and
tests/services/test_schema.py keeps the two identical: constraints, indexes and ON DELETE rules included).

Money, prices and quantities are TEXT holding exact decimal strings: never REAL.
"""
from sqlalchemy import (Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, LargeBinary, MetaData, Table, Text,
                        UniqueConstraint, false)

from ...core.ledger import TxType

metadata = MetaData()

book_meta = Table(
    "book_meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

portfolios = Table(
    "portfolios", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
)

accounts = Table(
    "accounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("portfolio_id", Integer, ForeignKey("portfolios.id"), nullable=False),
    Column("name", Text, nullable=False, unique=True),
    Column("currency", Text, nullable=False),
    Column("cost_basis", Text, nullable=False),
    Column("short_selling", Boolean, nullable=False, server_default=false()),
)

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("imported_at", Text, nullable=False),
)

transactions = Table(
    "transactions", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("date", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("symbol", Text),
    Column("quantity", Text),
    Column("price", Text),
    Column("amount", Text),
    Column("fees", Text, nullable=False),
    Column("taxes", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("fx_rate", Text),
    Column("ratio", Text),
    Column("note", Text, nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id")),
    Column("import_key", LargeBinary, unique=True),  # 16 bytes (migration 0008)
    Column("changed_by", Text),  # who last wrote the row, and when (UTC, ISO): migration 0009
    Column("changed_at", Text),
    # an OR chain, not IN (…): SQLite costs an IN list ~2 µs a row (migration 0008)
    CheckConstraint(" OR ".join(f"type = '{t.value}'" for t in TxType), name="ck_transactions_type"),
    Index("ix_transactions_date", "date", "id"),
    Index("ix_transactions_import", "import_id"),
)

securities = Table(
    "securities", metadata,
    Column("id", Integer, primary_key=True),
    Column("symbol", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("isin", Text),
    Column("currency", Text),
    Column("asset_class", Text),
    Column("exchange", Text),
    Column("sector", Text),
    Column("industry", Text),
    Column("country", Text),
)

prices = Table(
    "prices", metadata,
    Column("symbol", Text, primary_key=True),
    Column("date", Text, primary_key=True),
    Column("close", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("source", Text, nullable=False),
)

taxonomies = Table(
    "taxonomies", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
)

themes = Table(
    "themes", metadata,
    Column("id", Integer, primary_key=True),
    Column("taxonomy_id", Integer, ForeignKey("taxonomies.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("colour", Text, nullable=False, server_default=""),
    Column("description", Text, nullable=False, server_default=""),
    Column("target_min_bp", Integer),
    Column("target_max_bp", Integer),
    UniqueConstraint("taxonomy_id", "path", name="uq_themes_path"),
)

assignments = Table(
    "assignments", metadata,
    Column("security_id", Integer, ForeignKey("securities.id"), primary_key=True),
    Column("theme_id", Integer, ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    Column("weight_bp", Integer, nullable=False),
)

theses = Table(
    "theses", metadata,
    Column("theme_id", Integer, ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    Column("statement", Text, nullable=False),
    Column("conviction", Integer, nullable=False),
    Column("kill_criteria", Text, nullable=False, server_default=""),
    Column("catalysts", Text, nullable=False, server_default=""),
    Column("review_date", Text),
)

thesis_journal = Table(
    "thesis_journal", metadata,
    Column("id", Integer, primary_key=True),
    Column("theme_id", Integer, ForeignKey("themes.id", ondelete="CASCADE"), nullable=False),
    Column("written", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("weight_bp", Integer),
    Column("prices", Text, nullable=False, server_default="{}"),
)

fund_holding_sets = Table(
    "fund_holding_sets", metadata,
    Column("fund_symbol", Text, primary_key=True),
    Column("as_of", Text, nullable=False),
    Column("source", Text, nullable=False),
)

fund_holdings = Table(
    "fund_holdings", metadata,
    Column("id", Integer, primary_key=True),
    Column("fund_symbol", Text, ForeignKey("fund_holding_sets.fund_symbol", ondelete="CASCADE"), nullable=False),
    Column("symbol", Text, nullable=False, server_default=""),
    Column("name", Text, nullable=False, server_default=""),
    Column("isin", Text, nullable=False, server_default=""),
    Column("weight", Text, nullable=False),  # share of the fund, exact decimal 0..1
    Column("sector", Text, nullable=False, server_default=""),
    Column("country", Text, nullable=False, server_default=""),
    Index("ix_fund_holdings_fund", "fund_symbol"),
)

team_access = Table(  # which portfolios each login of a shared book may see (migration 0010)
    "team_access", metadata,
    Column("login", Text, primary_key=True),
    Column("portfolio", Text, primary_key=True),
)

rules = Table(
    "rules", metadata,
    Column("id", Integer, primary_key=True),
    Column("dimension", Text, nullable=False),
    Column("taxonomy", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("max_bp", Integer),
    Column("min_bp", Integer),
)

quote_status = Table(
    "quote_status", metadata,
    Column("symbol", Text, primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=False, server_default=""),
    Column("last_attempt", Text),
    Column("last_success", Text),
)

market_events = Table(
    "market_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("symbol", Text, nullable=False),
    Column("date", Text, nullable=False),
    Column("kind", Text, nullable=False),  # "dividend" (value: per share) or "split" (value: new per old)
    Column("value", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="pending"),  # "pending", "accepted" or "dismissed"
    UniqueConstraint("symbol", "date", "kind", name="uq_market_events"),
)

fund_sector_weights = Table(
    "fund_sector_weights", metadata,
    Column("fund_symbol", Text, ForeignKey("fund_holding_sets.fund_symbol", ondelete="CASCADE"), primary_key=True),
    Column("sector", Text, primary_key=True),
    Column("weight", Text, nullable=False),  # share of the fund, exact decimal 0..1
)

# The ledger's kept state (migration 0007; services/store/ledger_state.py reads and writes it).
ledger_stamp = Table(
    "ledger_stamp", metadata,
    Column("id", Integer, primary_key=True),
    Column("n", Integer, nullable=False),  # bumped by triggers: a transaction edited or deleted, any account change
    CheckConstraint("id = 1", name="ck_ledger_stamp_one"),
)

ledger_state = Table(
    "ledger_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("stamp", Integer, nullable=False),  # ledger_stamp.n and the count of transactions it was made at:
    Column("last_date", Text),
    Column("last_id", Integer),
    Column("transactions", Integer, nullable=False),  # valid while both are what they were
    CheckConstraint("id = 1", name="ck_ledger_state_one"),
)


def _lot_columns() -> list[Column]:
    return [Column("acquired", Text, nullable=False), Column("quantity", Text, nullable=False),
            Column("base_quantity", Text, nullable=False), Column("base_cost", Text, nullable=False)]


ledger_holdings = Table(
    "ledger_holdings", metadata,
    Column("account", Text, primary_key=True),
    Column("symbol", Text, primary_key=True),
    Column("currency", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("since", Text, nullable=False),
    Column("quantity", Text, nullable=False),
)

ledger_shorts = Table(
    "ledger_shorts", metadata,
    Column("account", Text, primary_key=True),
    Column("symbol", Text, primary_key=True),
    Column("currency", Text, nullable=False),
)

ledger_lots = Table(
    "ledger_lots", metadata,
    Column("account", Text, primary_key=True),
    Column("symbol", Text, primary_key=True),
    Column("short", Boolean, primary_key=True),
    Column("position", Integer, primary_key=True),
    *_lot_columns(),
)

ledger_transit = Table(
    "ledger_transit", metadata,
    Column("symbol", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("currency", Text, nullable=False),
    *_lot_columns(),
)

ledger_sales = Table(
    "ledger_sales", metadata,
    Column("position", Integer, primary_key=True),
    Column("tx_id", Integer),
    Column("date", Text, nullable=False),
    Column("account", Text, nullable=False),
    Column("symbol", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("quantity", Text, nullable=False),
    Column("proceeds", Text, nullable=False),
    Column("cost", Text, nullable=False),
)

ledger_cash = Table(
    "ledger_cash", metadata,
    Column("account", Text, primary_key=True),
    Column("currency", Text, primary_key=True),
    Column("balance", Text, nullable=False),
)

ledger_income = Table(
    "ledger_income", metadata,
    Column("account", Text, primary_key=True),
    Column("currency", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("total", Text, nullable=False),
)
