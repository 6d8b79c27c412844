"""The floor for benchmarks/ledger.py: a vectorised pandas/numpy FIFO over a GigaTracker book file.

It reads the book's SQLite tables directly (sqlite3 + pandas.read_sql: the whole `transactions` table in
ledger order, the `accounts`, and each security's latest close from `prices`) and computes what
`gigatracker holdings`, `lots` and `realized` print, as JSON rows: positions per account with their cost
basis and value, open FIFO lots, and the realized gain of every sale. It never imports gigatracker.

Exact, not float: amounts are TEXT decimals in the book; they are read as integer cents (quantities as
integers) and every pro-rata cost is kept as a fraction (numerator, denominator) of integers until it is
rounded half-even to the cent, as the product rounds its exact Decimals when it shows them. FIFO without a
loop: per (account, symbol), buys are laid end to end on a cumulative-quantity axis (lot j covers
[B[j-1], B[j])) and so are sales; a sale consumes the interval of that axis between the cumulative
quantity sold before and after it, so its cost is C(after) - C(before), C being the cumulative cost (a
piecewise-linear function of the axis, evaluated with one searchsorted). The groups are laid after one
another on one global axis, so a whole book is a handful of numpy operations.

What it supports is what the benchmark's book holds, and it refuses anything else rather than be wrong:
FIFO accounts, BUY and SELL of whole shares at prices in cents (no amount-less trade without a price),
no split, transfer or delivery of shares, no short sale, one currency (the book's base).

    python benchmarks/pandas_fifo.py holdings|lots|realized BOOK    # JSON rows on stdout
    python benchmarks/pandas_fifo.py import CSV SQLITE_FILE          # the import floor: read_csv + to_sql
"""
from __future__ import annotations

import json
import sqlite3
import sys

import numpy as np
import pandas as pd

# Numbers come as SQLite REALs (CAST in C as the rows are read; `scaled` checks each is a whole number of
# cents or shares, so nothing inexact gets through); accounts by id, their 3 rows read on their own.
TX_QUERY = ("SELECT id, date, account_id, type, symbol, CAST(quantity AS REAL) AS quantity, "
            "CAST(price AS REAL) AS price, CAST(amount AS REAL) AS amount, CAST(fees AS REAL) AS fees, "
            "CAST(taxes AS REAL) AS taxes, currency, fx_rate, ratio FROM transactions ORDER BY date, id")
ACCOUNT_QUERY = "SELECT id, name, currency, cost_basis, short_selling FROM accounts"
# SQLite returns the other columns of the row that holds the MAX (a documented "bare column" behaviour).
PRICE_QUERY = "SELECT symbol, MAX(date) AS date, close, currency FROM prices GROUP BY symbol"
SHARE_MOVES = ["SPLIT", "TRANSFER_IN", "TRANSFER_OUT", "DELIVERY_IN", "DELIVERY_OUT"]
LIMIT = 2 ** 62


class Unsupported(ValueError):
    """The book holds something this floor does not compute (it would rather stop than be wrong)."""


# -- exact helpers --------------------------------------------------------------------------------
def scaled(values: pd.Series, scale: int, what: str) -> np.ndarray:
    """TEXT decimals -> exact integers in 1/scale units; refuses a value with more decimals than that."""
    numbers = pd.to_numeric(values, errors="raise").to_numpy(dtype=np.float64, na_value=0.0)
    units = numbers * scale
    rounded = np.rint(units)
    if len(units) and (np.abs(units - rounded).max() > 1e-4 or np.abs(rounded).max() > 2 ** 50):
        raise Unsupported(f"{what}: a value is not a whole number of 1/{scale} (or is too large)")
    return rounded.astype(np.int64)


def round_half_even(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator (denominator > 0) rounded half-even to an integer, exactly."""
    quotient, remainder = np.divmod(numerator, denominator)
    twice = 2 * remainder
    up = (twice > denominator) | ((twice == denominator) & (quotient % 2 == 1))
    return quotient + up


def checked(*products: np.ndarray) -> None:
    for product in products:
        if len(product) and np.abs(product).max() >= LIMIT:
            raise Unsupported("an exact product overflows int64 (quantities or amounts too large for this floor)")


def money(cents: np.ndarray, places: int = 2) -> pd.Series:
    """Integers in 10^-places units -> decimal text ('-12.30'), vectorised."""
    cents = np.asarray(cents, dtype=np.int64)
    sign = np.where(cents < 0, "-", "")
    magnitude = np.abs(cents)
    whole = pd.Series(magnitude // 10 ** places).astype(str)
    fraction = pd.Series(magnitude % 10 ** places).astype(str).str.zfill(places)
    return pd.Series(sign) + whole + "." + fraction


# -- reading --------------------------------------------------------------------------------------
def read_book(book: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    connection = sqlite3.connect(f"file:{book}?mode=ro", uri=True)
    try:
        transactions = pd.read_sql(TX_QUERY, connection)
        accounts = pd.read_sql(ACCOUNT_QUERY, connection)
        prices = pd.read_sql(PRICE_QUERY, connection)
        base = connection.execute("SELECT value FROM book_meta WHERE key = 'base_currency'").fetchone()[0]
    finally:
        connection.close()
    return transactions, accounts, prices, base


# -- the FIFO -------------------------------------------------------------------------------------
class Fifo:
    """Every trade of the book, grouped by (account, symbol) and laid on one cumulative-quantity axis."""

    def __init__(self, transactions: pd.DataFrame, accounts: pd.DataFrame, base: str):
        kind = transactions["type"].to_numpy(dtype=object)
        moves = np.isin(kind, SHARE_MOVES)
        if moves.any():
            raise Unsupported(f"{int(moves.sum())} splits, transfers or deliveries of shares")
        if (accounts["cost_basis"] != "fifo").any() or accounts["short_selling"].astype(bool).any():
            raise Unsupported("an account that is not FIFO, or allows short selling")
        if (accounts["currency"] != base).any() or (transactions["currency"].to_numpy(dtype=object) != base).any():
            raise Unsupported(f"a transaction or account not in the base currency {base}")
        trades = transactions[np.isin(kind, ["BUY", "SELL"])]
        if trades["amount"].notna().any() or trades["price"].isna().any():
            raise Unsupported("a trade given by its amount rather than its price")
        names = dict(zip(accounts["id"], accounts["name"]))
        trades = trades.assign(account=trades["account_id"].map(names))
        group = trades.groupby(["account", "symbol"], sort=True).ngroup().to_numpy()
        order = np.argsort(group, kind="stable")  # by (account, symbol), ledger order within each
        self.trades = trades.iloc[order].reset_index(drop=True)
        t = self.trades
        self.group = group[order]
        self.is_buy = t["type"].to_numpy(dtype=object) == "BUY"
        self.quantity = scaled(t["quantity"], 1, "quantity")
        price, fees, taxes = scaled(t["price"], 100, "price"), scaled(t["fees"], 100, "fees"), \
            scaled(t["taxes"], 100, "taxes")
        gross = self.quantity * price
        self.cost = np.where(self.is_buy, gross + fees + taxes, 0)  # a buy's cost: gross, fees and taxes
        self.proceeds = np.where(self.is_buy, 0, gross - fees - taxes)
        first = np.flatnonzero(np.r_[True, self.group[1:] != self.group[:-1]])
        self.first, self.groups = first, len(first)
        rank = np.cumsum(np.r_[True, self.group[1:] != self.group[:-1]]) - 1  # 0..groups-1 per row
        bought = np.where(self.is_buy, self.quantity, 0)
        sold = self.quantity - bought
        cum_bought, cum_sold = np.cumsum(bought), np.cumsum(sold)
        base_axis = (cum_bought - bought)[first]  # where each group's buys start on the global axis
        sold_before = (cum_sold - sold)[first]
        self.sold_after = base_axis[rank] + cum_sold - sold_before[rank]  # axis position after each row's sale
        last = np.r_[first[1:], len(self.group)] - 1
        self.group_sold_end = self.sold_after[last]  # the axis position every group's sales reach
        self.group_bought_end = cum_bought[last]
        if (self.sold_after > cum_bought).any():
            raise Unsupported("a sale beyond what is held (a short sale or an oversell)")
        buys = np.flatnonzero(self.is_buy)
        self.lot_row = buys
        self.lot_end = cum_bought[buys]
        self.lot_quantity = self.quantity[buys]
        self.lot_start = self.lot_end - self.lot_quantity
        self.lot_cost = self.cost[buys]
        self.lot_cost_end = np.cumsum(self.lot_cost)
        self.lot_cost_start = self.lot_cost_end - self.lot_cost
        self.lot_group = rank[buys]

    def cost_at(self, axis: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """C(x) = whole + fraction_numerator / denominator: the cost of everything before x on the axis."""
        j = np.minimum(np.searchsorted(self.lot_end, axis, side="right"), len(self.lot_end) - 1)
        return self.lot_cost_start[j], (axis - self.lot_start[j]) * self.lot_cost[j], self.lot_quantity[j]

    # -- the three outputs ------------------------------------------------------------------------
    # Each rounded figure is given as (numerator, denominator) in 10^-places units; `exact` adds a column
    # `<name>_exact` with that fraction ("n/d"), for explaining a difference (ledger.py asks for it then).
    def _figures(self, frame: pd.DataFrame, figures: dict, exact: bool) -> pd.DataFrame:
        for name, (numerator, denominator, places) in figures.items():
            frame[name] = money(round_half_even(numerator, denominator), places).to_numpy()
            if exact:
                frame[f"{name}_exact"] = (pd.Series(numerator).astype(str) + "/"
                                          + pd.Series(denominator * 10 ** (places - 2)).astype(str)).to_numpy()
        return frame

    def realized(self, exact: bool = False) -> pd.DataFrame:
        sells = np.flatnonzero(~self.is_buy)
        after = self.sold_after[sells]
        whole_1, part_1, den_1 = self.cost_at(after)
        whole_0, part_0, den_0 = self.cost_at(after - self.quantity[sells])
        checked((whole_1 - whole_0) * den_0 * den_1, part_1 * den_0, part_0 * den_1)
        numerator = (whole_1 - whole_0) * den_0 * den_1 + part_1 * den_0 - part_0 * den_1
        denominator = den_0 * den_1
        proceeds = self.proceeds[sells]
        checked(proceeds * denominator)
        t = self.trades.iloc[sells]
        frame = pd.DataFrame({
            "date": t["date"].to_numpy(), "account": t["account"].to_numpy(), "symbol": t["symbol"].to_numpy(),
            "quantity": self.quantity[sells].astype(str), "proceeds": money(proceeds).to_numpy()})
        frame = self._figures(frame, {"cost": (numerator, denominator, 2),
                                      "realized": (proceeds * denominator - numerator, denominator, 2)}, exact)
        frame["currency"], frame["transaction_id"] = t["currency"].to_numpy(), t["id"].to_numpy()
        return frame.sort_values(["date", "transaction_id"], kind="stable")  # the ledger's order of sales

    def lots(self, exact: bool = False) -> pd.DataFrame:
        reached = self.group_sold_end[self.lot_group]
        open_ = self.lot_end > reached
        start = np.maximum(self.lot_start[open_], reached[open_])
        remaining = self.lot_end[open_] - start
        cost, quantity = self.lot_cost[open_], self.lot_quantity[open_]
        checked(cost * remaining, cost * 10_000)
        t = self.trades.iloc[self.lot_row[open_]]
        frame = pd.DataFrame({
            "account": t["account"].to_numpy(), "symbol": t["symbol"].to_numpy(), "acquired": t["date"].to_numpy(),
            "quantity": remaining.astype(str)})
        frame = self._figures(frame, {"cost": (cost * remaining, quantity, 2),
                                      "unit_cost": (cost * 10_000, quantity, 6)}, exact)  # cents * 1e4 = 1e-6
        frame["currency"] = t["currency"].to_numpy()
        return frame

    def holdings(self, prices: pd.DataFrame, base: str, exact: bool = False) -> pd.DataFrame:
        held = self.group_bought_end - self.group_sold_end
        open_ = held > 0
        reached, quantity = self.group_sold_end[open_], held[open_]
        whole, part, denominator = self.cost_at(reached)
        last_lot = np.searchsorted(self.lot_end, self.group_bought_end[open_], side="left")
        cost_numerator = (self.lot_cost_end[last_lot] - whole) * denominator - part  # C(end) - C(reached)
        checked(cost_numerator * 10_000)
        t = self.trades.iloc[self.first[open_]]
        frame = pd.DataFrame({
            "account": t["account"].to_numpy(), "symbol": t["symbol"].to_numpy(), "quantity_": quantity,
            "currency": t["currency"].to_numpy(), "numerator": cost_numerator, "denominator": denominator})
        quotes = prices[~prices["symbol"].str.endswith("=X")]
        if (quotes["currency"] != base).any():
            raise Unsupported("a close not in the base currency")
        quotes = quotes.assign(close_cents=scaled(quotes["close"], 100, "close"))
        frame = frame.merge(quotes[["symbol", "date", "close", "close_cents"]], on="symbol", how="left")
        if frame["close"].isna().any():
            raise Unsupported("a position without a close")
        held_quantity = frame["quantity_"].to_numpy()
        value = held_quantity * frame["close_cents"].to_numpy()
        numerator, denominator = frame["numerator"].to_numpy(), frame["denominator"].to_numpy()
        checked(value * denominator)
        out = pd.DataFrame({"account": frame["account"], "symbol": frame["symbol"],
                            "quantity": frame["quantity_"].astype(str)})
        out = self._figures(out, {"cost_basis": (numerator, denominator, 2),
                                  "average_cost": (numerator * 10_000, denominator * held_quantity, 6)}, exact)
        out["currency"], out["price"], out["price_date"] = frame["currency"], frame["close"], frame["date"]
        out["market_value"] = out["market_value_base"] = money(value).to_numpy()
        out = self._figures(out, {"unrealized_pnl_base": (value * denominator - numerator, denominator, 2)}, exact)
        out["base_currency"] = base
        return out


def compute(book: str, what: str, exact: bool = False) -> str:
    """What `gigatracker WHAT --format json` prints, as JSON text (rows of the same figures); `exact` adds
    each rounded figure's exact value as a fraction of cents (or of 1e-6 for unit costs)."""
    transactions, accounts, prices, base = read_book(book)
    fifo = Fifo(transactions, accounts, base)
    frame = (fifo.holdings(prices, base, exact) if what == "holdings" else fifo.lots(exact) if what == "lots"
             else fifo.realized(exact))
    return frame.to_json(orient="records", force_ascii=False)


# -- the import floor ------------------------------------------------------------------------------
def import_csv(csv_path: str, database: str) -> int:
    """pandas read_csv + to_sql of the file into a new SQLite file, with the book's durability pragmas
    (WAL, synchronous=FULL) and in one transaction, as the product's import is."""
    frame = pd.read_csv(csv_path)
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        with connection:
            frame.to_sql("transactions", connection, index=False, if_exists="fail")
        return int(connection.execute("SELECT COUNT(*) FROM transactions").fetchone()[0])
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] in ("holdings", "lots", "realized"):
        sys.stdout.write(compute(argv[1], argv[0]) + "\n")
        return 0
    if len(argv) == 3 and argv[0] == "import":
        print(json.dumps({"added": import_csv(argv[1], argv[2])}))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
