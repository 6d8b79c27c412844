"""Idempotency keys are stored in every book: a new way of computing them would import every old file
again. The key of a known row is pinned (computed by the first implementation, which stored all 32 bytes
of the SHA-256 as hex; migration 0008 keeps the first 16 bytes of every stored key, as the importer now
computes them)."""
import hashlib
import sqlite3
from datetime import date
from decimal import Decimal as D

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.importers.transactions import row_key
from gigatracker.services.store import Book
from tests.services.test_book import book_at
from tests.support.books import add_account_as_schema_0001

FIRST_KEY = "8790c50367050abde375694323eade8a5a390078facd1f66d3d141fc9416124b"  # as stored before 0008


def book_at_0007_with_a_deposit(path, key: str) -> None:
    """A book as schema 0007 left it: an account and one imported deposit of 1,000 EUR under `key` (hex)."""
    old = book_at(path, "0007")
    with old.write() as conn:
        add_account_as_schema_0001(conn, "P", "CTO", "EUR")
        conn.exec_driver_sql("INSERT INTO transactions (account_id, date, type, amount, fees, taxes, currency, note, "
                             "import_key) VALUES (1, '2024-03-01', 'DEPOSIT', '1000', '0', '0', 'EUR', '', ?)", (key,))
    old.close()


def test_the_idempotency_key_of_a_row_never_changes():
    tx = Transaction(date(2024, 3, 1), "CTO", TxType.SELL, "EUR", "AIR.PA", D("6"), D("130.5"), None, D("1.20"), D(0),
                     note="n")
    assert row_key(tx, 0) == bytes.fromhex(FIRST_KEY)[:16]
    assert row_key(tx, 2) == bytes.fromhex("e3a1daad50612d8ac8ed035e0e517caab146ad32aaa844dbcdf6bcdfb3d18992")[:16]


def test_a_file_imported_before_the_keys_were_halved_is_still_recognised(tmp_path):
    """A book at 0007 holding a row imported then (its key in hex, written as that version wrote it) is
    upgraded; importing the same file again adds nothing, and a new row of it is added."""
    path = tmp_path / "old.gtbook"
    content = "\x1f".join(["CTO", "2024-03-01", "DEPOSIT", "", "EUR", "", "", "", "1000", "0", "0", "", ""])
    book_at_0007_with_a_deposit(path, hashlib.sha256(f"{content}\x1f0".encode()).hexdigest())
    csv, mapping = tmp_path / "cash.csv", tmp_path / "m.toml"
    csv.write_text("date,type,amount\n2024-03-01,DEPOSIT,1000\n2024-03-02,DEPOSIT,50\n")
    mapping.write_text('[columns]\ndate = "date"\ntype = "type"\namount = "amount"\n')
    with App.open(path) as app:
        result = app.import_transactions(csv, mapping, account="CTO")
        assert (result.added, result.skipped) == (1, 1)
        assert [tx.amount for tx in app.transactions()] == [D(1000), D(50)]
    with sqlite3.connect(path) as conn:
        keys = [row[0] for row in conn.execute("SELECT import_key FROM transactions ORDER BY id")]
    assert [type(key) for key in keys] == [bytes, bytes] and {len(key) for key in keys} == {16}


def test_the_upgrade_rewrites_keys_without_staling_the_ledger_state(tmp_path):
    """0008 copies the transactions table and rewrites its keys: that is no edit, so the stamp the ledger's
    kept state is checked against stays; an edit after it still moves the stamp (the triggers are back)."""
    path = tmp_path / "old.gtbook"
    book_at_0007_with_a_deposit(path, FIRST_KEY)

    def stamp() -> int:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT n FROM ledger_stamp").fetchone()[0]
    before = stamp()
    Book.open(path).close()
    assert stamp() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT import_key FROM transactions").fetchone()[0] == bytes.fromhex(FIRST_KEY)[:16]
        conn.execute("UPDATE transactions SET note = 'edited'")
    assert stamp() == before + 1
