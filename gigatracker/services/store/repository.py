"""Reading and writing book rows as core objects. Every function takes an open connection, so the
caller decides the transaction (one command = one transaction)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Collection, Iterable, Sequence, overload

from sqlalchemy import Connection, CursorResult, case, delete, func, select, tuple_, update

from ...core.ledger import Account, Transaction, TxType, paused_gc
from ...core.money import DecimalTexts, RoundedMoney, decimal_text, round_money
from .sql import driver_sql
from .schema import accounts, book_meta, imports, portfolios, prices, rules, securities, transactions

if TYPE_CHECKING:  # numpy is imported only by what needs arrays: `holdings` starts without it
    from ...core.transaction_arrays import TransactionArrays

_MONEY_FIELDS = ("amount", "fees", "taxes")
_DATE_INDEX = next(index for index in transactions.indexes if index.name == "ix_transactions_date")
INSERT_CHUNK = 5_000


class DuplicateError(ValueError):
    pass


def meta_value(conn: Connection, key: str) -> str | None:
    return conn.execute(select(book_meta.c.value).where(book_meta.c.key == key)).scalar()


BENCHMARK_KEY = "benchmark:"  # book_meta key prefix; then the portfolio's name ("" for the whole book)


def saved_benchmarks(conn: Connection) -> dict[str, str]:
    """Each saved benchmark as its text: per portfolio, and the book's under ""."""
    rows = conn.execute(select(book_meta.c.key, book_meta.c.value)
                        .where(book_meta.c.key.startswith(BENCHMARK_KEY, autoescape=True)).order_by(book_meta.c.key))
    return {key[len(BENCHMARK_KEY):]: value for key, value in rows}


def save_benchmark(conn: Connection, portfolio: str, spec: str) -> None:
    conn.execute(delete(book_meta).where(book_meta.c.key == BENCHMARK_KEY + portfolio))
    conn.execute(book_meta.insert().values(key=BENCHMARK_KEY + portfolio, value=spec))


def clear_benchmark(conn: Connection, portfolio: str) -> bool:
    return bool(conn.execute(delete(book_meta).where(book_meta.c.key == BENCHMARK_KEY + portfolio)).rowcount)


# -- portfolios and accounts ----------------------------------------------------------------------
def add_account(conn: Connection, portfolio: str, name: str, currency: str, cost_basis: str,
                short_selling: bool = False) -> None:
    if conn.execute(select(accounts.c.id).where(accounts.c.name == name)).first():
        raise DuplicateError(f"an account named '{name}' already exists")
    conn.execute(accounts.insert().values(portfolio_id=_portfolio_id(conn, portfolio), name=name, currency=currency,
                                          cost_basis=cost_basis, short_selling=short_selling))


def update_account(conn: Connection, old_name: str, account: Account) -> None:
    """Rename an account, move it to another portfolio, change how it costs sales or whether it allows
    short selling. Its transactions follow (they refer to it by id); a portfolio left empty goes."""
    if account.name != old_name and conn.execute(select(accounts.c.id).where(accounts.c.name == account.name)).first():
        raise DuplicateError(f"an account named '{account.name}' already exists")
    conn.execute(update(accounts).where(accounts.c.name == old_name).values(
        name=account.name, portfolio_id=_portfolio_id(conn, account.portfolio), cost_basis=account.cost_basis,
        short_selling=account.short_selling))
    conn.execute(update(rules).where(rules.c.dimension == "account", rules.c.key == old_name).values(key=account.name))
    _drop_empty_portfolios(conn)


def transaction_count(conn: Connection, account: str, *, imported_only: bool = False) -> int:
    """How many transactions the account has (imported_only: that came from an import, whose keys hold
    its name)."""
    query = select(func.count()).select_from(transactions.join(accounts)).where(accounts.c.name == account)
    if imported_only:
        query = query.where(transactions.c.import_id.is_not(None))
    return conn.execute(query).scalar_one()


def has_transactions_before(conn: Connection, account: str, day: date) -> bool:
    """Whether the account has a transaction dated before `day` (a statement then continues its history)."""
    query = (select(transactions.c.id).select_from(transactions.join(accounts))
             .where(accounts.c.name == account, transactions.c.date < day.isoformat()).limit(1))
    return conn.execute(query).first() is not None


def transaction_symbols(conn: Connection) -> set[str]:
    return {row[0] for row in conn.execute(select(transactions.c.symbol).distinct()) if row[0]}


def delete_account(conn: Connection, name: str) -> None:
    conn.execute(delete(accounts).where(accounts.c.name == name))
    _drop_empty_portfolios(conn)


def _portfolio_id(conn: Connection, portfolio: str) -> int:
    found = conn.execute(select(portfolios.c.id).where(portfolios.c.name == portfolio)).scalar()
    return found if found is not None else inserted_id(conn.execute(portfolios.insert().values(name=portfolio)))


def inserted_id(result: CursorResult) -> int:
    """The id of the row a single-row insert added (SQLAlchemy types the key Optional: such an insert
    always has one)."""
    key = result.inserted_primary_key
    if key is None:
        raise ValueError("not a single-row insert")
    return key[0]


def _drop_empty_portfolios(conn: Connection) -> None:
    conn.execute(delete(portfolios).where(portfolios.c.id.not_in(select(accounts.c.portfolio_id))))


def load_accounts(conn: Connection) -> list[Account]:
    query = (select(accounts.c.name, portfolios.c.name.label("portfolio"), accounts.c.currency,
                    accounts.c.cost_basis, accounts.c.short_selling)
             .join(portfolios, portfolios.c.id == accounts.c.portfolio_id).order_by(accounts.c.id))
    return [Account(row.name, row.portfolio, row.currency, row.cost_basis, bool(row.short_selling))
            for row in conn.execute(query)]


# -- transactions ---------------------------------------------------------------------------------
def load_transactions(conn: Connection, *, as_of: date | None = None, ids: list[int] | None = None,
                      of_accounts: Collection[str] | None = None) -> list[Transaction]:
    """All transactions (or those with these `ids`, or of these accounts) in ledger order (date, then
    insertion)."""
    return transactions_of(transaction_rows(conn, as_of=as_of, ids=ids, of_accounts=of_accounts))


# A stored transaction as the driver gives it, decimals as texts: id, date, account name, type, currency,
# symbol, quantity, price, amount, fees, taxes, fx_rate, ratio, note.
TransactionRow = tuple


def transaction_rows(conn: Connection, *, as_of: date | None = None, ids: list[int] | None = None,
                     of_accounts: Collection[str] | None = None) -> Sequence[TransactionRow]:
    """The stored rows of `load_transactions`, as plain driver tuples (no per-row Row objects for
    100k-row books): for `transactions_of` and `arrays_of`, which may both read one snapshot."""
    query = (select(transactions.c.id, transactions.c.date, accounts.c.name, transactions.c.type,
                    transactions.c.currency, transactions.c.symbol, transactions.c.quantity,
                    transactions.c.price, transactions.c.amount, transactions.c.fees, transactions.c.taxes,
                    transactions.c.fx_rate, transactions.c.ratio, transactions.c.note)
             .join(accounts, accounts.c.id == transactions.c.account_id)
             .order_by(transactions.c.date, transactions.c.id))
    if as_of is not None:
        query = query.where(transactions.c.date <= as_of.isoformat())
    if ids is not None:
        query = query.where(transactions.c.id.in_(ids))
    if of_accounts is not None:
        query = query.where(accounts.c.name.in_(list(of_accounts)))
    with paused_gc():  # 100k tuples of strings: the cyclic GC would walk them again and again
        result = conn.execute(query)
        rows = result.cursor.fetchall()
        result.close()
    return rows


def transactions_of(rows: Sequence[TransactionRow]) -> list[Transaction]:
    types = {t.value: t for t in TxType}
    parse_date = date.fromisoformat
    with paused_gc():
        # Quantities, fees and taxes repeat a lot ("0", "1", "2.50"): parse each distinct text once.
        # Decimals are immutable, so sharing them is safe.
        parsed: dict[str | None, Decimal | None] = {None: None}

        @overload
        def dec(text: str) -> Decimal: ...

        @overload
        def dec(text: None) -> None: ...

        def dec(text: str | None) -> Decimal | None:
            try:
                return parsed[text]
            except KeyError:
                assert text is not None  # None is in the cache
                value = parsed[text] = Decimal(text)
                return value

        return [
            Transaction(parse_date(r[1]), r[2], types[r[3]], r[4], r[5], dec(r[6]), dec(r[7]), dec(r[8]),
                        dec(r[9]), dec(r[10]), dec(r[11]), dec(r[12]), r[13], r[0])
            for r in rows
        ]


def arrays_of(rows: Sequence[TransactionRow], accounts: Sequence[Account]) -> TransactionArrays:
    """The rows as arrays for bulk work (core/transaction_arrays.py): no Transaction, no Decimal per row."""
    from ...core.quotes import day_numbers
    from ...core.transaction_arrays import TransactionArrays

    if not rows:
        return TransactionArrays.of(accounts, [])
    with paused_gc():  # columns of 100k strings each: no cycles among them
        (_, days, names, types, currencies, symbols, quantities, prices, amounts, fees, taxes, fx_rates, ratios,
         _) = zip(*rows)
        return TransactionArrays.of_rows({account.name: i for i, account in enumerate(accounts)},
                                         day_numbers(days), names, types, currencies, symbols, quantities, prices,
                                         amounts, fees, taxes, fx_rates, ratios)


def transaction_row(tx: Transaction, account_id: int) -> dict:
    """A transaction as stored: money rounded half-even to the currency's minor unit, exact text."""
    row = {
        "account_id": account_id, "date": tx.date.isoformat(), "type": tx.type.value, "symbol": tx.symbol,
        "quantity": decimal_text(tx.quantity), "price": decimal_text(tx.price), "currency": tx.currency,
        "fx_rate": decimal_text(tx.fx_rate), "ratio": decimal_text(tx.ratio), "note": tx.note,
    }
    for name in _MONEY_FIELDS:
        value = getattr(tx, name)
        row[name] = None if value is None else decimal_text(round_money(value, tx.currency))
    return row


def stored_form(tx: Transaction, rounded: RoundedMoney | None = None) -> Transaction:
    """The transaction as it will read back from the store (money rounded to minor units): itself when its
    money has no more decimals than its currency's. `rounded`: a cache shared by many calls."""
    rounded = RoundedMoney() if rounded is None else rounded
    amount = None if tx.amount is None else rounded[tx.amount, tx.currency]
    fees, taxes = rounded[tx.fees, tx.currency], rounded[tx.taxes, tx.currency]
    if amount == tx.amount and fees == tx.fees and taxes == tx.taxes:
        return tx
    return tx._replace(amount=amount, fees=fees, taxes=taxes)


def account_ids(conn: Connection) -> dict[str, int]:
    return {row.name: row.id for row in conn.execute(select(accounts.c.name, accounts.c.id))}


_INSERTED = ("account_id", "date", "type", "symbol", "quantity", "price", "amount", "fees", "taxes", "currency",
             "fx_rate", "ratio", "note", "import_id", "import_key", "changed_by", "changed_at")
_INSERT = f"INSERT INTO transactions ({', '.join(_INSERTED)}) VALUES ({', '.join('?' * len(_INSERTED))})"


def insert_transactions(conn: Connection, txs: list[Transaction], *, import_id: int | None = None,
                        keys: list[bytes] | None = None) -> int:
    ids = account_ids(conn)
    import_keys: Sequence[bytes | None] = keys if keys is not None else [None] * len(txs)
    # Many rows into a smaller book: the date index is built once after the rows (a sort) rather than row
    # by row (a third of the insert's time for 100k rows into an empty book); in this transaction, so a
    # failure rolls it back with the rows.
    rebuild = len(txs) >= INSERT_CHUNK and len(txs) > conn.execute(select(func.count()).select_from(transactions)).scalar_one()
    if rebuild:
        _DATE_INDEX.drop(conn)
    texts, rounded = DecimalTexts(), RoundedMoney()
    days: dict[date, str] = {}
    author = written_by(conn)
    for start in range(0, len(txs), INSERT_CHUNK):  # chunks keep a 100k-row import's memory flat
        rows = [_stored_row(tx, ids, texts, rounded, days) + (import_id, key) + author
                for tx, key in zip(txs[start:start + INSERT_CHUNK], import_keys[start:start + INSERT_CHUNK])]
        # Plain DBAPI executemany of tuples: SQLAlchemy's per-row parameter processing cost ~7 µs a row.
        conn.exec_driver_sql(driver_sql(conn, _INSERT), rows)
    if rebuild:
        _DATE_INDEX.create(conn)
    return len(txs)


def _stored_row(tx: Transaction, ids: dict[str, int], texts: DecimalTexts, rounded: RoundedMoney,
                days: dict[date, str]) -> tuple:
    """transaction_row's values in _INSERTED's order, each distinct figure and day written once."""
    day = days.get(tx.date)
    if day is None:
        day = days[tx.date] = tx.date.isoformat()
    currency = tx.currency
    return (ids[tx.account], day, tx.type.value, tx.symbol, texts[tx.quantity], texts[tx.price],
            None if tx.amount is None else texts[rounded[tx.amount, currency]], texts[rounded[tx.fees, currency]],
            texts[rounded[tx.taxes, currency]], currency, texts[tx.fx_rate], texts[tx.ratio], tx.note)


def security_transfer_accounts(conn: Connection) -> set[str]:
    """Accounts that send or receive securities by transfer (their lots travel between accounts)."""
    query = (select(accounts.c.name).distinct().join(transactions, transactions.c.account_id == accounts.c.id)
             .where(transactions.c.type.in_([TxType.TRANSFER_IN.value, TxType.TRANSFER_OUT.value]),
                    transactions.c.symbol.is_not(None), transactions.c.symbol != ""))
    return set(conn.execute(query).scalars())


def last_transaction(conn: Connection) -> tuple[date | None, int | None, int]:
    """The last transaction in ledger order (its date and id), and how many there are."""
    row = conn.execute(select(transactions.c.date, transactions.c.id)
                       .order_by(transactions.c.date.desc(), transactions.c.id.desc()).limit(1)).first()
    count = conn.execute(select(func.count()).select_from(transactions)).scalar_one()
    return (date.fromisoformat(row[0]), row[1], count) if row else (None, None, count)


def max_transaction_id(conn: Connection) -> int:
    return conn.execute(select(func.max(transactions.c.id))).scalar() or 0


def last_ids(conn: Connection, count: int) -> list[int]:
    """The ids of the `count` rows just inserted in this transaction (SQLite numbers them max + 1)."""
    top = conn.execute(select(func.max(transactions.c.id))).scalar() or 0
    return list(range(top - count + 1, top + 1))


def stored_row(conn: Connection, tx_id: int) -> dict:
    """A transaction's row as stored (with its import id and key), to delete it and restore it exactly."""
    row = conn.execute(select(transactions).where(transactions.c.id == tx_id)).first()
    if row is None:
        raise ValueError(f"no transaction #{tx_id}")
    return dict(row._mapping)


def delete_transaction(conn: Connection, tx_id: int) -> dict:
    row = stored_row(conn, tx_id)
    conn.execute(transactions.delete().where(transactions.c.id == tx_id))
    return row


def restore_row(conn: Connection, row: dict) -> int:
    """Put back a deleted row under its old id, so it keeps its place in the day's order. SQLite hands a
    freed highest id to the next insert; if that happened, the row comes back under a new id."""
    if conn.execute(select(transactions.c.id).where(transactions.c.id == row["id"])).first():
        row = {k: v for k, v in row.items() if k != "id"}
    return inserted_id(conn.execute(transactions.insert().values(**row)))


def update_transaction(conn: Connection, tx_id: int, tx: Transaction) -> None:
    """Replace a transaction's fields; it keeps its id (its place in the day) and its import key."""
    row = transaction_row(tx, account_ids(conn)[tx.account])
    row["changed_by"], row["changed_at"] = written_by(conn)
    conn.execute(transactions.update().where(transactions.c.id == tx_id).values(**row))


def written_by(conn: Connection) -> tuple[str | None, str | None]:
    """Who writes in this transaction, and since when (Book.write() says, in the connection's info)."""
    return conn.info.get("author", (None, None))


def last_written(conn: Connection, tx_id: int) -> tuple[str | None, str | None]:
    row = conn.execute(select(transactions.c.changed_by, transactions.c.changed_at)
                       .where(transactions.c.id == tx_id)).first()
    return (row[0], row[1]) if row else (None, None)


def existing_import_keys(conn: Connection, keys: list[bytes]) -> set[bytes]:
    """Which of `keys` the book holds already (none, at once, when it holds no imported row)."""
    found: set[bytes] = set()
    if not keys or conn.execute(select(transactions.c.id).where(transactions.c.import_key.is_not(None))
                                .limit(1)).first() is None:
        return found
    for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
        chunk = keys[start:start + 500]
        found.update(conn.execute(select(transactions.c.import_key)
                                  .where(transactions.c.import_key.in_(chunk))).scalars())
    return found


def record_import(conn: Connection, kind: str, source: str, sha256: str, row_count: int, when: str) -> int:
    return inserted_id(conn.execute(imports.insert().values(kind=kind, source=source, sha256=sha256,
                                                            row_count=row_count, imported_at=when)))


def import_batches(conn: Connection) -> list[dict]:
    counts = (select(transactions.c.import_id, func.count().label("n"))
              .group_by(transactions.c.import_id).subquery())
    query = (select(imports.c.id, imports.c.kind, imports.c.source, imports.c.row_count,
                    func.coalesce(counts.c.n, 0).label("present"))
             .outerjoin(counts, counts.c.import_id == imports.c.id).order_by(imports.c.id))
    return [dict(row._mapping) for row in conn.execute(query)]


# -- securities and prices ------------------------------------------------------------------------
def upsert_securities(conn: Connection, entries: dict[str, dict]) -> None:
    """Create missing securities; fill a name/ISIN/currency only where the master has none yet."""
    if not entries:
        return
    existing = {row.symbol: row for row in conn.execute(select(securities).where(
        securities.c.symbol.in_(list(entries))))}
    for symbol, fields in entries.items():
        fields = {k: v for k, v in fields.items() if v}
        row = existing.get(symbol)
        if row is None:
            conn.execute(securities.insert().values(symbol=symbol, **fields))
        else:
            missing = {k: v for k, v in fields.items() if getattr(row, k) in (None, "")}
            if missing:
                conn.execute(securities.update().where(securities.c.symbol == symbol).values(**missing))


def security_names(conn: Connection) -> dict[str, str]:
    return {row.symbol: row.name for row in conn.execute(select(securities.c.symbol, securities.c.name))
            if row.name}


def upsert_prices(conn: Connection, rows: list[dict]) -> None:
    """rows: symbol, date (ISO), close (exact text), currency, source. A later import of the same day wins."""
    for start in range(0, len(rows), 500):
        chunk = rows[start:start + 500]
        keys = [(r["symbol"], r["date"]) for r in chunk]
        conn.execute(prices.delete().where(tuple_(prices.c.symbol, prices.c.date).in_(keys)))
        conn.execute(prices.insert(), chunk)


def load_prices(conn: Connection, *, as_of: date | None = None, symbols: Iterable[str] | None = None,
                latest: int | None = None) -> list[tuple[str, date, Decimal, str, str]]:
    """(symbol, date, close, currency, source) ordered by symbol and date. `latest=N` keeps only each
    security's last N closes (valuing today needs the last close and the one before), but every FX close:
    a rate is looked up on the date of the close it converts."""
    query = select(prices.c.symbol, prices.c.date, prices.c.close, prices.c.currency, prices.c.source)
    if as_of is not None:
        query = query.where(prices.c.date <= as_of.isoformat())
    if symbols is not None:
        query = query.where(prices.c.symbol.in_(list(symbols)))
    if latest is not None:
        query = _from_nth_last(query, latest, as_of)
    result = conn.execute(query.order_by(prices.c.symbol, prices.c.date))
    rows = result.cursor.fetchall()  # plain DBAPI tuples: a year of closes for 200 symbols is 50k rows
    result.close()
    days: dict[str, date] = {}  # the same few hundred dates repeat for every symbol: parse each once
    with paused_gc():
        return [(r[0], days.get(r[1]) or days.setdefault(r[1], date.fromisoformat(r[1])), Decimal(r[2]), r[3], r[4])
                for r in rows]


def _from_nth_last(query, n: int, as_of: date | None):
    """`query` kept to each symbol's last `n` closes up to `as_of` (every close of an exchange rate): for
    each symbol, its nth last date is found on the (symbol, date) key and its closes are read from there
    (4 ms for 60k closes; ranking them all with a window function took 60 ms)."""
    named = select(prices.c.symbol).distinct().subquery("named")
    earlier = prices.alias("earlier")
    nth = select(earlier.c.date).where(earlier.c.symbol == named.c.symbol)
    if as_of is not None:
        nth = nth.where(earlier.c.date <= as_of.isoformat())
    nth_date = nth.order_by(earlier.c.date.desc()).limit(1).offset(n - 1).scalar_subquery()
    start = case((named.c.symbol.like("%=X"), ""), else_=func.coalesce(nth_date, ""))
    return query.select_from(named.join(prices, (prices.c.symbol == named.c.symbol) & (prices.c.date >= start)))


def has_prices(conn: Connection, symbol: str) -> bool:
    return conn.execute(select(prices.c.symbol).where(prices.c.symbol == symbol).limit(1)).first() is not None


def price_currencies(conn: Connection, symbols: Collection[str]) -> dict[str, str]:
    """The currency the price cache holds each symbol's closes in (one per symbol: the first by name)."""
    if not symbols:
        return {}
    query = (select(prices.c.symbol, func.min(prices.c.currency)).where(prices.c.symbol.in_(sorted(symbols)))
             .group_by(prices.c.symbol))
    return {symbol: currency for symbol, currency in conn.execute(query)}


def price_rows(conn: Connection, *, fx_only: bool = False) -> Sequence[tuple[str, str, str, str]]:
    """Every close as stored (symbol, ISO date, close text, currency), by symbol then date: the performance
    figures convert them in bulk (core/quotes.py) rather than one Decimal per row. `fx_only`: the
    exchange rates' (EURUSD=X…) alone."""
    query = select(prices.c.symbol, prices.c.date, prices.c.close, prices.c.currency)
    if fx_only:
        query = query.where(prices.c.symbol.like("%=X"))
    result = conn.execute(query.order_by(prices.c.symbol, prices.c.date))
    rows = result.cursor.fetchall()
    result.close()
    return rows
