"""SQLAlchemy Core tables as of the newest migration (the migrations own the DDL; this is for queries).

Money, prices and quantities are TEXT holding exact decimal strings: never REAL.
"""
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, Text

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
    Column("import_key", Text, unique=True),
)

securities = Table(
    "securities", metadata,
    Column("id", Integer, primary_key=True),
    Column("symbol", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("isin", Text),
    Column("currency", Text),
)

prices = Table(
    "prices", metadata,
    Column("symbol", Text, primary_key=True),
    Column("date", Text, primary_key=True),
    Column("close", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("source", Text, nullable=False),
)
