"""The ledger's state kept in the book (issue 18): a command reads it instead of replaying, any writer makes
it stale (triggers, raw SQL included), and `book check` replays the whole ledger and compares."""
import sqlite3
from contextlib import closing

import pytest

pytestmark = pytest.mark.sqlite_only("reads and edits the kept state's tables through sqlite3 (the server's: test_server_book.py)")

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


def state(path) -> tuple[tuple, tuple | None]:
    """The book's mark (stamp, number of transactions), and the one its kept state was made at."""
    with closing(sqlite3.connect(path)) as conn:
        mark = conn.execute("SELECT (SELECT n FROM ledger_stamp), (SELECT count(*) FROM transactions)").fetchone()
        kept = conn.execute("SELECT stamp, transactions FROM ledger_state").fetchone()
    return mark, kept


def test_a_command_keeps_the_replay_in_the_book_and_the_next_reads_it(cli, book):
    stamp, kept = state(book)
    assert kept != stamp  # the import changed the transactions: nothing current is kept
    first = cli.json("holdings", "--book", book)
    assert state(book) == (stamp, stamp)  # kept now, at the current stamp
    assert cli.json("holdings", "--book", book) == first
    for what in ("holdings", "lots", "realized", "cash", "income"):
        kept = cli.json(what, "--book", book)
        with closing(sqlite3.connect(book)) as conn, conn:  # stale again: the command replays the whole book
            conn.execute("UPDATE ledger_stamp SET n = n + 1")
        assert cli.json(what, "--book", book) == kept, what


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


@pytest.mark.parametrize("change, quantity", [
    ("UPDATE transactions SET quantity = '3' WHERE type = 'SELL' AND quantity = '2'", "2"),  # 6 - 1 - 3
    ("DELETE FROM transactions WHERE type = 'SELL' AND quantity = '1'", "4"),  # 6 - 2
    ("INSERT INTO transactions (account_id, date, type, symbol, quantity, price, fees, taxes, currency, note) "
     "SELECT account_id, '2024-01-01', 'BUY', 'AIR.PA', '10', '1', '0', '0', 'EUR', '' FROM transactions LIMIT 1", "13"),
])
def test_a_write_by_other_means_makes_the_kept_state_stale(cli, book, change, quantity):
    cli.json("holdings", "--book", book)
    with closing(sqlite3.connect(book)) as conn, conn:  # another program, straight into the table (closed after)
        conn.execute(change)
    mark, kept = state(book)
    assert kept != mark
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == quantity  # replayed


def test_book_check_finds_a_kept_state_that_differs_from_a_replay_and_mends_it(cli, book):
    cli.json("holdings", "--book", book)
    with closing(sqlite3.connect(book)) as conn, conn:  # a kept state that lies (the stamp is current)
        conn.execute("UPDATE ledger_holdings SET quantity = '30'")
    result = cli("book", "check", "--book", book, ok=False)
    assert "kept state: DIFFERENT from a full replay" in result.stdout
    assert "kept state: the same as a full replay" in cli("book", "check", "--book", book).stdout
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "3"
    assert holding["cost_basis"] == "3384.68"  # 3,384.685 exactly: half-even to .68


def test_an_import_after_every_transaction_extends_the_kept_state_and_one_back_in_time_replays(cli, book):
    cli.json("holdings", "--book", book)
    cli.import_rows(book, "date,account,type,symbol,quantity,price,amount,currency\n"
                          "2024-04-02,CTO,BUY,AIR.PA,4,100,,EUR\n2024-04-03,CTO,SELL,AIR.PA,5,120,,EUR\n")
    mark, kept = state(book)
    assert kept == mark  # checked on a copy of the kept state and kept with the rows
    assert cli.json("book", "check", "--book", book)["kept_state"] == "same"
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "2"
    sale = cli.json("realized", "--book", book)[-1]
    assert sale["transaction_id"] == 6 and sale["quantity"] == "5"  # the id the store gave it

    cli.import_rows(book, "date,account,type,symbol,quantity,price,amount,currency\n"
                          "2024-01-05,CTO,BUY,AIR.PA,1,100,,EUR\n")
    mark, kept = state(book)
    assert kept != mark  # back in time: the whole book was replayed for the check; the next read keeps it
    [holding] = cli.json("holdings", "--book", book)
    assert holding["quantity"] == "3"
    assert cli.json("book", "check", "--book", book)["kept_state"] == "same"


def test_an_appended_import_that_would_oversell_is_refused_and_keeps_the_state(cli, book):
    cli.json("holdings", "--book", book)
    before = state(book)
    rows = cli.cwd / "oversell.csv"
    rows.write_text("date,account,type,symbol,quantity,price,amount,currency\n"
                    "2024-04-02,CTO,SELL,AIR.PA,4,100,,EUR\n", encoding="utf-8")
    refused = cli("import", "transactions", rows, "--book", book, "--mapping", cli.cwd / "generic.mapping.toml",
                  ok=False)
    assert "oversell" in refused.stderr and "oversell.csv:2" in refused.stderr
    assert state(book) == before
    assert cli.json("book", "check", "--book", book)["kept_state"] == "same"


def test_an_account_edit_replays_in_its_write_and_keeps_the_result(cli, book):
    cli("account", "edit", "CTO", "--book", book, "--cost-basis", "average")
    mark, kept = state(book)
    assert kept == mark  # the write's own replay (its check) is kept: the next command replays nothing
    [holding] = cli.json("holdings", "--book", book)
    assert holding["cost_basis"] == "3384.68"  # the same lot as an average pool: still its exact half
    assert cli.json("book", "check", "--book", book)["kept_state"] == "same"


def test_reading_holdings_and_lots_pays_for_neither_numpy_nor_the_sales(book, cli):
    """What the light reads skip (issue 18: every command's start counts): numpy (imported where exposure
    and performance do their maths), the kept sales (made into Sales only when asked for), and the GC's
    scans of what the imports made (frozen)."""
    import subprocess
    import sys
    cli("holdings", "--book", book)  # keeps the state
    script = ("import io, sys, contextlib; from gigatracker.cli.main import run; from gigatracker.core import ledger\n"
              "made = []; original = ledger.Sale.__new__\n"
              "ledger.Sale.__new__ = lambda cls, *a, **k: made.append(1) or original(cls, *a, **k)\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              f"    assert run(['holdings', '--book', {str(book)!r}]) == 0\n"
              f"    assert run(['lots', '--book', {str(book)!r}]) == 0\n"
              "import gc; print('numpy' in sys.modules, len(made), gc.get_freeze_count() > 50_000, gc.isenabled())\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              f"    assert run(['realized', '--book', {str(book)!r}]) == 0\n"
              "print(len(made))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # no numpy, no Sale made; the cyclic GC off (its passes were a fifth of a 100k replay); then the two
    # sales of the book, made for `realized`
    assert done.stdout.split() == ["False", "0", "True", "False", "2"]


def test_a_command_that_runs_on_keeps_the_cyclic_gc(tmp_path):
    """`stream` runs for as long as asked (asyncio and websockets make reference cycles): it keeps the
    collector, with what the imports made frozen out of its scans."""
    import subprocess
    import sys
    script = ("import gc, io, contextlib; from gigatracker.cli.main import run\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    run(['stream', '--symbols', 'AAPL', '--url', 'ws://127.0.0.1:9', '--seconds', '0.2'])\n"
              "print(gc.isenabled(), gc.get_freeze_count() > 50_000)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.split() == ["True", "True"]
