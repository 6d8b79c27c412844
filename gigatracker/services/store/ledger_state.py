"""The ledger's state kept in the book (migration 0007): read instead of a replay while it is current.

A kept state records the book's mark when it was made: the stamp (`ledger_stamp.n`, bumped by triggers at
every edit or delete of a transaction and every change of an account) and the number of transactions
(which every insert raises: a per-row trigger on inserts would double the cost of a 100k-row import). It is
used only while the book's mark is the same, so no writer (an import, an edit, raw SQL) can leave a stale
state behind. Numbers are stored as exact decimal text, as everywhere in the book.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Collection

from sqlalchemy import Connection

from .sql import driver_sql
from ...core.ledger import Account, Ledger, LedgerRows, Sale, ledger_from_rows, ledger_rows, paused_gc

TABLES = ("ledger_holdings", "ledger_shorts", "ledger_lots", "ledger_transit", "ledger_sales", "ledger_cash",
          "ledger_income")


@dataclass(frozen=True)
class Last:
    """The last transaction in ledger order (a write after it can be applied to the kept state), and how
    many there are."""
    date: date | None
    id: int | None
    count: int


Mark = tuple[int, int]  # (stamp, transactions)


def mark(conn: Connection) -> Mark:
    """The book's mark: any change to transactions or accounts after it is read gives another."""
    row = conn.exec_driver_sql("SELECT (SELECT n FROM ledger_stamp WHERE id = 1), "
                               "(SELECT count(*) FROM transactions)").one()
    return int(row[0]), int(row[1])


def restricted(conn: Connection) -> bool:
    """A login that sees part of a shared book (its assigned clients): it never reads nor keeps the state,
    which is the whole book's; it replays what it sees (Book.read/write say, in the connection's info)."""
    return bool(conn.info.get("restricted"))


def load(conn: Connection, accounts: list[Account]) -> tuple[Ledger, Last] | None:
    """The kept ledger and its last transaction, if the book holds one that is current."""
    if restricted(conn):
        return None
    row = conn.exec_driver_sql("SELECT last_date, last_id, transactions, stamp FROM ledger_state WHERE id = 1").first()
    if row is None or (row[3], row[2]) != mark(conn):
        return None
    last = Last(date.fromisoformat(row[0]) if row[0] else None, row[1], row[2])
    numbers: dict[str, Decimal] = {}

    def dec(text: str) -> Decimal:  # many values repeat ("1", "0"): parse each text once
        value = numbers.get(text)
        if value is None:
            value = numbers[text] = Decimal(text)
        return value

    days: dict[str, date] = {}

    def day(text: str) -> date:
        value = days.get(text)
        if value is None:
            value = days[text] = date.fromisoformat(text)
        return value

    def rows(sql: str) -> list[tuple]:
        result = conn.exec_driver_sql(sql)
        fetched = result.cursor.fetchall()  # plain tuples: no Row objects for tens of thousands of sales
        result.close()
        return list(fetched)

    # read with the rest (one snapshot), made into Sales only if asked for (holdings, lots never are)
    sales = rows("SELECT tx_id, date, account, symbol, currency, quantity, proceeds, cost FROM ledger_sales "
                 "ORDER BY position")
    with paused_gc():
        state = LedgerRows(
            [(a, s, c, m, day(since), dec(q)) for a, s, c, m, since, q in
             rows("SELECT account, symbol, currency, method, since, quantity FROM ledger_holdings")],
            [(a, s, bool(short), p, day(acq), dec(q), dec(bq), dec(bc)) for a, s, short, p, acq, q, bq, bc in
             rows("SELECT account, symbol, short, position, acquired, quantity, base_quantity, base_cost "
                  "FROM ledger_lots")],
            rows("SELECT account, symbol, currency FROM ledger_shorts"),
            [(s, p, c, day(acq), dec(q), dec(bq), dec(bc)) for s, p, c, acq, q, bq, bc in
             rows("SELECT symbol, position, currency, acquired, quantity, base_quantity, base_cost "
                  "FROM ledger_transit")],
            lambda: [Sale(tx, day(d), a, s, c, dec(q), dec(p), dec(cost)) for tx, d, a, s, c, q, p, cost in sales],
            [(a, c, dec(b)) for a, c, b in rows("SELECT account, currency, balance FROM ledger_cash")],
            [(a, c, k, dec(t)) for a, c, k, t in rows("SELECT account, currency, kind, total FROM ledger_income")])
        return ledger_from_rows(accounts, state), last


def save(conn: Connection, ledger: Ledger, last: Last, *, at: Mark) -> None:
    """Keep `ledger` as the state of the book at mark `at` (everything written again)."""
    if restricted(conn):
        return
    for table in TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table}")
    _write(conn, ledger_rows(ledger), sales_from=0)
    _mark(conn, last, at)


def save_appended(conn: Connection, ledger: Ledger, last: Last, *, at: Mark, keys: Collection[tuple[str, str]],
                  sales_from: int) -> None:
    """Keep `ledger`, which is the kept state with transactions applied after every other: only the
    holdings of `keys` (account, symbol), the sales from `sales_from` on, the balances and the lots in
    transit are written again."""
    if restricted(conn):
        return
    for table in ("ledger_holdings", "ledger_shorts", "ledger_lots"):
        if keys:  # (an empty list would be taken for no parameters at all)
            conn.exec_driver_sql(driver_sql(conn, f"DELETE FROM {table} WHERE account = ? AND symbol = ?"), list(keys))
    for table in ("ledger_transit", "ledger_cash", "ledger_income"):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    _write(conn, ledger_rows(ledger, keys), sales_from=sales_from)
    _mark(conn, last, at)


def _write(conn: Connection, rows: LedgerRows, *, sales_from: int) -> None:
    def many(sql: str, values: list[tuple]) -> None:
        if values:
            conn.exec_driver_sql(driver_sql(conn, sql), values)

    many("INSERT INTO ledger_holdings VALUES (?, ?, ?, ?, ?, ?)",
         [(a, s, c, m, since.isoformat(), str(q)) for a, s, c, m, since, q in rows.holdings])
    many("INSERT INTO ledger_shorts VALUES (?, ?, ?)", list(rows.shorts))
    many("INSERT INTO ledger_lots VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         [(a, s, short, p, acq.isoformat(), str(q), str(bq), str(bc)) for a, s, short, p, acq, q, bq, bc in rows.lots])
    many("INSERT INTO ledger_transit VALUES (?, ?, ?, ?, ?, ?, ?)",
         [(s, p, c, acq.isoformat(), str(q), str(bq), str(bc)) for s, p, c, acq, q, bq, bc in rows.transit])
    many("INSERT INTO ledger_sales VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         [(position, s.tx_id, s.date.isoformat(), s.account, s.symbol, s.currency, str(s.quantity), str(s.proceeds),
           str(s.cost)) for position, s in enumerate(_sales(rows)[sales_from:], start=sales_from)])
    many("INSERT INTO ledger_cash VALUES (?, ?, ?)", [(a, c, str(b)) for a, c, b in rows.cash])
    many("INSERT INTO ledger_income VALUES (?, ?, ?, ?)", [(a, c, k, str(t)) for a, c, k, t in rows.income])


def _sales(rows: LedgerRows) -> list[Sale]:
    return rows.sales() if callable(rows.sales) else rows.sales


def _mark(conn: Connection, last: Last, at: Mark) -> None:
    if last.count != at[1]:
        raise ValueError(f"a ledger state of {last.count} transactions kept for a book of {at[1]}")
    conn.exec_driver_sql(driver_sql(conn, "INSERT INTO ledger_state (id, stamp, last_date, last_id, transactions) "
                                    "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp, "
                                    "last_date = excluded.last_date, last_id = excluded.last_id, "
                                    "transactions = excluded.transactions"),
                         (at[0], last.date.isoformat() if last.date else None, last.id, last.count))
