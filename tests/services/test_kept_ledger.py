"""The ledger the app keeps between reads (App.ledger_state), in memory and in the book file (its kept
state, which the next process reads instead of replaying), against a full replay of the book file, after
every write of a random sequence: transactions added after every other (checked on a copy, no replay),
added back in time, edited, deleted and put back, account settings changed, a security renamed; writes
the ledger refuses included, the dialog's checks (tried on a copy), and the app forgetting what it kept in
memory (as a new CLI process starts). Kept and replayed must be the same to the last digit and the same
text."""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from gigatracker.app import App
from gigatracker.core.ledger import Ledger, LedgerError, Transaction, TxType
from gigatracker.services.store import ledger_state as kept_state, repository as repo
from gigatracker.services.store.ledger_state import Last

START = date(2024, 1, 1)
ACCOUNTS = (("P", "F", "EUR", "fifo", False), ("P", "A", "EUR", "average", False), ("Q", "S", "EUR", "fifo", True))
SYMBOLS = ("AAA", "BBB")
amounts = st.decimals(min_value=D("0.01"), max_value=D(3000), places=2)
quantities = st.decimals(min_value=D("0.001"), max_value=D(40), places=3)


def replayed(app: App) -> tuple:
    with app.book.read() as conn:
        accounts, txs = repo.load_accounts(conn), repo.load_transactions(conn)
    ledger = Ledger(accounts)
    ledger.replay(txs)
    return accounts, txs, ledger.snapshot()


def as_text(txs) -> list[tuple[str, ...]]:
    return [tuple(str(field) for field in tx) for tx in txs]


@st.composite
def steps(draw):
    kind = draw(st.sampled_from(["append", "append", "append", "refused", "check", "back", "edit", "delete", "account",
                                 "rename", "new process"]))
    return (kind, draw(st.integers(0, 10 ** 6)), draw(st.sampled_from([a[1] for a in ACCOUNTS])),
            draw(st.sampled_from(SYMBOLS)), draw(st.sampled_from([TxType.BUY, TxType.BUY, TxType.SELL,
                                                                  TxType.DEPOSIT, TxType.DIVIDEND, TxType.SPLIT,
                                                                  TxType.TRANSFER_OUT, TxType.TRANSFER_IN])),
            draw(quantities), draw(amounts))


def transaction(day, account, symbol, kind, quantity, amount) -> Transaction:
    if kind in (TxType.DEPOSIT, TxType.DIVIDEND):
        return Transaction(day, account, kind, "EUR", symbol if kind is TxType.DIVIDEND else None, amount=amount)
    if kind is TxType.SPLIT:
        return Transaction(day, account, kind, "EUR", symbol, ratio=D(2))
    return Transaction(day, account, kind, "EUR", symbol, quantity, price=amount / 10, fees=D("1.5"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(steps(), min_size=5, max_size=30))
@example([("append", 0, "F", "AAA", TxType.SELL, D("0.001"), D("0.01"))] * 2 +  # refused: nothing held
         [("delete", 0, "F", "AAA", TxType.BUY, D("0.001"), D("0.01"))] * 3 +  # every deposit: an empty book
         [("edit", 1, "F", "AAA", TxType.BUY, D("0.001"), D("0.01")),
          ("append", 0, "F", "AAA", TxType.BUY, D("0.001"), D("0.01"))])  # then a write into it
def test_the_kept_ledger_is_a_full_replay_after_every_write(tmp_path_factory, sequence):
    path = tmp_path_factory.mktemp("kept") / "kept.gtbook"
    with App.create(path, "EUR") as app:
        for portfolio, name, currency, basis, short in ACCOUNTS:
            app.add_account(portfolio, name, currency, basis, short_selling=short)
        app.add_transactions([Transaction(START, name, TxType.DEPOSIT, "EUR", amount=D(100000))
                              for _, name, *_ in ACCOUNTS])
        day, deleted = START, []
        for kind, pick, account, symbol, tx_kind, quantity, amount in sequence:
            if kind == "new process" or pick % 5 == 0:
                app._state = None  # what a new process has: the book's kept state, if current
            app.ledger_state()  # kept, as a window reload would leave it
            txs = app.transactions()
            try:
                if kind == "append":
                    day += timedelta(days=pick % 3)
                    app.add_transactions([transaction(day, account, symbol, tx_kind, quantity, amount)])
                elif kind == "refused":  # the first is applied to the copy, the second refused: all rolled back
                    app.add_transactions([transaction(day, account, symbol, TxType.BUY, quantity, amount),
                                          transaction(day, account, symbol, TxType.SELL, quantity * 10 ** 6, amount)])
                elif kind == "check":  # what the dialog asks as the user types: tried on a copy, thrown away
                    app.check_transaction(transaction(day, account, symbol, tx_kind, quantity, amount))
                elif kind == "back":
                    back = START + timedelta(days=pick % max(1, (day - START).days + 1))
                    app.add_transaction(transaction(back, account, symbol, tx_kind, quantity, amount))
                elif kind == "edit" and txs:  # (an empty book has none to edit)
                    old = txs[pick % len(txs)]
                    app.update_transaction(old.id, old._replace(quantity=quantity) if old.quantity else
                                           old._replace(amount=amount))
                elif kind == "delete" and deleted and pick % 2:
                    app.restore_transaction(deleted.pop())
                elif kind == "delete" and txs:
                    deleted.append(app.delete_transaction(txs[pick % len(txs)].id))
                elif kind == "account":
                    app.update_account(account, cost_basis="average" if pick % 2 else "fifo")
                elif kind == "rename" and any(tx.symbol == symbol for tx in txs):
                    app.rename_security(symbol, SYMBOLS[1 - SYMBOLS.index(symbol)])
            except (LedgerError, ValueError):
                pass  # refused: nothing written, and the kept ledger must still be the book's
            kept = app.ledger_state()
            accounts, stored, snapshot = replayed(app)
            assert kept.accounts == accounts
            assert as_text(kept.transactions) == as_text(stored)
            assert kept.ledger.snapshot() == snapshot
            assert kept.last == (Last(stored[-1].date, stored[-1].id, len(stored)) if stored else
                                 Last(None, None, 0))  # (every transaction deleted: an empty book)
            with app.book.read() as conn:
                in_book = kept_state.load(conn, accounts)
            if in_book is not None:  # a write that could not extend it made it stale: never wrong
                assert in_book[0].snapshot() == snapshot and in_book[1] == kept.last
            app._state = None
            assert app.ledger_state().ledger.snapshot() == snapshot
            with app.book.read() as conn:
                assert kept_state.load(conn, accounts) is not None  # a replay is kept in the book


@pytest.mark.sqlite_only("another program's write holds the file's lock (see test_server_book.py for the server's)")
def test_a_read_does_not_wait_for_a_write_under_way_to_keep_its_replay(tmp_path):
    import sqlite3
    import time

    path = tmp_path / "busy.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "F", "EUR")
        app.add_transactions([Transaction(START, "F", TxType.DEPOSIT, "EUR", amount=D(100))])
        with app.book.write() as conn:
            conn.exec_driver_sql("UPDATE ledger_stamp SET n = n + 1")  # as an edit by another program leaves it
        app._state = None
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # a long write by another connection
        began = time.monotonic()
        assert app.ledger_state().ledger.cash_balances() == {("F", "EUR"): D(100)}
        assert time.monotonic() - began < 5  # the writer's lock is not waited for (busy timeout: 10 s)
        other.execute("ROLLBACK")
        other.close()
        with app.book.read() as conn:
            assert kept_state.load(conn, app.accounts()) is None  # not kept: the next read replays, and keeps
        app._state = None
        app.ledger_state()
        with app.book.read() as conn:
            assert kept_state.load(conn, app.accounts()) is not None
