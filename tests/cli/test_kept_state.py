"""The ledger's state kept in the book (issue 18): a command reads it instead of replaying, any writer makes
it stale (triggers, raw SQL included), and `book check` replays the whole ledger and compares."""
import sqlite3

import pytest

ROWS = """date,account,type,symbol,quantity,price,amount,currency
2024-01-02,CTO,DEPOSIT,,,,10000,EUR
2024-01-03,CTO,BUY,AIR.PA,6,,6769.37,EUR
2024-02-03,CTO,SELL,AIR.PA,1,1000,,EUR
2024-03-03,CTO,SELL,AIR.PA,2,1000,,EUR
"""


@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "kept.gtbook"
    cli("init", "--book", path, "--base", "EUR")
    cli("account", "add", "--book", path, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    cli.import_rows(path, ROWS)
    return path


def state(path) -> tuple[int, int | None]:
    with sqlite3.connect(path) as conn:
        stamp = conn.execute("SELECT n FROM ledger_stamp").fetchone()[0]
        kept = conn.execute("SELECT stamp FROM ledger_state").fetchone()
    return stamp, kept[0] if kept else None


def test_a_command_keeps_the_replay_in_the_book_and_the_next_reads_it(cli, book):
    stamp, kept = state(book)
    assert kept != stamp  # the import changed the transactions: nothing current is kept
    first = cli.json("holdings", "--book", book)
    assert state(book) == (stamp, stamp)  # kept now, at the current stamp
    assert cli.json("holdings", "--book", book) == first
    assert cli.json("realized", "--book", book) == cli.json("realized", "--book", book)


def test_a_transaction_added_after_every_other_extends_the_kept_state(cli, book):
    cli.json("holdings", "--book", book)
    cli("tx", "add", "--book", book, "--date", "2024-04-02", "--account", "CTO", "--type", "SELL",
        "--symbol", "AIR.PA", "--quantity", "1", "--price", "1100", "--currency", "EUR")
    stamp, kept = state(book)
    assert kept == stamp  # written with the transaction, no replay needed
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "2"
    check = cli.json("book", "check", "--book", book)
    assert check == {"integrity": "ok", "transactions": 5, "refused": [], "kept_state": "same", "ok": True}


def test_a_write_by_other_means_makes_the_kept_state_stale(cli, book):
    cli.json("holdings", "--book", book)
    with sqlite3.connect(book) as conn:  # another program, straight into the table
        conn.execute("UPDATE transactions SET quantity = '3' WHERE type = 'SELL' AND quantity = '2'")
    stamp, kept = state(book)
    assert kept != stamp
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "2"  # replayed: 6 - 1 - 3


def test_book_check_finds_a_kept_state_that_differs_from_a_replay_and_mends_it(cli, book):
    cli.json("holdings", "--book", book)
    with sqlite3.connect(book) as conn:  # a kept state that lies (the stamp is current)
        conn.execute("UPDATE ledger_holdings SET quantity = '30'")
    result = cli("book", "check", "--book", book, ok=False)
    assert "kept state: DIFFERENT from a full replay" in result.stdout
    assert "kept state: the same as a full replay" in cli("book", "check", "--book", book).stdout
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "3"
    assert holding["cost_basis"] == "3384.68"  # 3,384.685 exactly: half-even to .68
