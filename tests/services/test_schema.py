"""One schema (issue 17): the tables the code queries (services/store/schema.py) are exactly what the
migrations build — columns, types, constraints, indexes and ON DELETE rules — for a new book and for a book
upgraded from the first schema."""
from __future__ import annotations

from importlib import import_module

import pytest

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from gigatracker.services.store import Book
from gigatracker.services.store.schema import metadata
from tests.services.test_book import book_at

pytestmark = pytest.mark.sqlite_only("the schema read through SQLite's pragmas (the server's: test_server_book.py)")


def differences(book: Book) -> list:
    """Alembic's comparison (tables, columns, types, constraints, indexes, foreign keys with their ON DELETE),
    plus the columns' defaults, read from SQLite itself (Alembic compares those as text, which SQLite words
    differently: `('')` for `''`)."""
    with book.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = list(compare_metadata(context, metadata))
        for table in metadata.sorted_tables:
            stored = {row[1]: row[4] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
            for column in table.columns:
                ours = column.server_default.arg if column.server_default is not None else None
                ours = None if ours is None else f"'{ours}'" if isinstance(ours, str) else \
                    str(ours.compile(dialect=conn.dialect))
                theirs = stored[column.name]
                theirs = theirs[1:-1] if theirs and theirs.startswith("(") and theirs.endswith(")") else theirs
                if ours != theirs:
                    found.append(("default", table.name, column.name, ours, theirs))
    return found


def test_a_new_book_has_exactly_the_schema_the_code_queries(tmp_path):
    with Book.create(tmp_path / "new.gtbook", "EUR") as book:
        assert differences(book) == []


def test_a_book_upgraded_from_the_first_schema_has_it_too(tmp_path):
    book_at(tmp_path / "old.gtbook", "0001").close()
    with Book.open(tmp_path / "old.gtbook") as book:
        assert differences(book) == []


def stamp_triggers(book: Book) -> list[str]:
    with book.read() as conn:
        return sorted(row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%ledger_stamp%'"))


def test_every_change_of_transactions_or_accounts_moves_the_ledger_stamp_new_or_upgraded(tmp_path):
    """The triggers that make the ledger's kept state stale (migration 0007) exist in a new book and in
    one upgraded from the first schema: a later migration that copies one of their tables drops them."""
    expected = sorted(import_module("gigatracker.services.store.migrations.versions.0007_ledger_state").STAMP_TRIGGERS)
    with Book.create(tmp_path / "new.gtbook", "EUR") as book:
        assert stamp_triggers(book) == expected
    book_at(tmp_path / "old.gtbook", "0001").close()
    with Book.open(tmp_path / "old.gtbook") as book:
        assert stamp_triggers(book) == expected


def test_a_large_import_leaves_the_schema_whole_and_a_refused_one_too(tmp_path):
    """A big import builds the date index after its rows (repository.insert_transactions)."""
    from gigatracker.app import App
    from gigatracker.services.importers.csv_reader import ImportRejected
    rows = "".join(f"2024-01-{1 + n % 28:02d},CTO,DEPOSIT,,,,{n + 1},EUR\n" for n in range(6000))
    header = "date,account,type,symbol,quantity,price,amount,currency\n"
    mapping = tmp_path / "m.toml"
    mapping.write_text("[columns]\n" + "".join(f'{name} = "{name}"\n' for name in header.strip().split(",")))
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(header + rows)
    bad.write_text(header + rows + "2024-02-01,CTO,SELL,AIR.PA,1,10,,EUR\n")  # sells what is not held
    path = tmp_path / "big.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        with pytest.raises(ImportRejected):
            app.import_transactions(bad, mapping)
        assert differences(app.book) == [] and app.transactions() == []
        assert app.import_transactions(good, mapping).added == 6000
        assert differences(app.book) == []
        assert len(app.transactions()) == 6000
