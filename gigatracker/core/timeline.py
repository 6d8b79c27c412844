"""A book's value on every calendar day of a period, per account and per security, in the base currency.

Vectorised: position changes are pivoted over days x positions and summed (exact integers of 1e-8 units),
times closes x FX carried over days without a quote; cash the same way. No ledger replay per day. Floats:
these values feed return indices (docs/conventions.md); amounts a user reads come from core/breakdown.py.
Values are rounded to 1e-6 of the base currency so that a closed position or an emptied account is
exactly zero (PP counts in cents).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from .columns import UNITS, LedgerColumns
from .ledger import TxType
from .quotes import FxRates, QuoteTable

_Number = TypeVar("_Number", np.int64, np.float64)  # what _cumulative sums: 1e-8 units or cash


@dataclass
class PriceSource:
    """Where a security's values come from over the timeline."""
    symbol: str
    currency: str
    kind: str  # "quotes", "trade prices" (no close at all: PP values at the last trade's price) or "none"
    first_quote: int | None = None  # day number of its first close


@dataclass
class Timeline:
    columns: LedgerColumns
    days: npt.NDArray[np.int64]  # day numbers, first .. last
    price: npt.NDArray[np.float64]  # days x symbols: close in force x FX to base
    price_age: npt.NDArray[np.int64]  # days x symbols: age of the close in days (negative: before the first close)
    fx_age: npt.NDArray[np.int64]  # days x currencies (columns.currencies): age of the rate in days
    fx: npt.NDArray[np.float64]  # days x currencies: rate to base
    units: npt.NDArray[np.int64]  # days x positions (columns.keys): quantity held at the close, 1e-8 units
    cash: npt.NDArray[np.float64]  # days x buckets (columns.buckets): cash at the close, in the bucket's currency
    conv: npt.NDArray[np.float64]  # per transaction: base currency per unit of its amounts, on its day (0 outside)
    sources: list[PriceSource] = field(default_factory=list)
    missing_rates: set[str] = field(default_factory=set)

    @property
    def size(self) -> int:
        return len(self.days)

    def row(self) -> npt.NDArray[np.int64]:
        """Each transaction's day as a row of the timeline (-1 before it, len(days) after it)."""
        first, last = self.days[0], self.days[-1]
        rows: npt.NDArray[np.int64] = self.columns.day - first  # (numpy's stubs type an array's element as Any)
        rows[self.columns.day < first] = -1
        rows[self.columns.day > last] = self.size
        return rows

    @cached_property
    def position_values(self) -> npt.NDArray[np.float64]:
        """days x positions: each position's value in the base currency (computed once)."""
        return self.units / UNITS * self.price[:, self.columns.key_symbol]

    @cached_property
    def cash_values(self) -> npt.NDArray[np.float64]:
        """days x cash buckets: each balance in the base currency."""
        return self.cash * self.fx[:, self.columns.bucket_currency]

    @cached_property
    def held(self) -> npt.NDArray[np.bool_]:
        """days x positions: held (long or short) at the close."""
        nonzero: npt.NDArray[np.bool_] = self.units != 0  # (numpy's stubs type an array's != as Any)
        return nonzero

    @cached_property
    def ages(self) -> npt.NDArray[np.int64]:
        """days x symbols: the age of the close, or of the rate converting it if older (days)."""
        fx_age = np.zeros_like(self.price_age)
        for s, source in enumerate(self.sources):
            if source.currency in self.columns.currencies:
                fx_age[:, s] = self.fx_age[:, self.columns.currencies.index(source.currency)]
        combined = np.maximum(self.price_age, fx_age)
        early = (self.price_age < 0) | (fx_age < 0)  # taken from after the day: said as such, never fresh
        combined[early] = np.minimum(self.price_age, fx_age)[early]
        return combined

    def keys_of(self, accounts: npt.NDArray[np.bool_] | None = None, symbol: int | None = None
                ) -> npt.NDArray[np.bool_]:
        """Which positions belong to the accounts of the mask (and to the security, if given)."""
        chosen = np.ones(len(self.columns.keys), dtype=bool)
        if accounts is not None:
            chosen &= accounts[self.columns.key_account]
        if symbol is not None:
            chosen &= self.columns.key_symbol == symbol
        return chosen

    def value(self, accounts: npt.NDArray[np.bool_] | None = None, symbol: int | None = None
              ) -> npt.NDArray[np.float64]:
        """Value at each day's close of the accounts in the mask (positions and cash), or of one security
        (across every account, or those of the mask; no cash)."""
        total = self.position_values @ self.keys_of(accounts, symbol).astype(np.float64) \
            if len(self.columns.keys) else np.zeros(self.size)
        if symbol is None and len(self.columns.buckets):
            buckets = np.ones(len(self.columns.buckets), dtype=bool) if accounts is None \
                else accounts[self.columns.bucket_account]
            total = total + self.cash_values[:, buckets].sum(axis=1)
        return np.round(total, 6)

    def values_by_symbol(self, accounts: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.float64]:
        """days x symbols: each security's value across every account (or the accounts of the mask)."""
        result = np.zeros((self.size, len(self.columns.symbols)))
        chosen = np.flatnonzero(self.keys_of(accounts))
        if len(chosen):  # the positions of each security side by side, summed per security in one pass
            chosen, symbols, starts = self._by_symbol(chosen)
            result[:, symbols[starts]] = np.add.reduceat(self.position_values[:, chosen], starts, axis=1)
        return np.round(result, 6)

    def held_by_symbol(self, accounts: npt.NDArray[np.bool_] | None = None, symbol: int | None = None
                       ) -> npt.NDArray[np.bool_]:
        """days x symbols: which securities the accounts of the mask hold on each day."""
        result = np.zeros((self.size, len(self.columns.symbols)), dtype=bool)
        chosen = np.flatnonzero(self.keys_of(accounts, symbol))
        if len(chosen):
            chosen, symbols, starts = self._by_symbol(chosen)
            result[:, symbols[starts]] = np.logical_or.reduceat(self.held[:, chosen], starts, axis=1)
        return result

    def _by_symbol(self, chosen: npt.NDArray[np.intp]
                   ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64], npt.NDArray[np.intp]]:
        """The positions ordered by security, their securities, and where each security's run starts."""
        chosen = chosen[np.argsort(self.columns.key_symbol[chosen], kind="stable")]
        symbols = self.columns.key_symbol[chosen]
        return chosen, symbols, np.flatnonzero(np.r_[True, symbols[1:] != symbols[:-1]])


def build_timeline(columns: LedgerColumns, rates: FxRates, first: int, last: int) -> Timeline:
    """The timeline from day `first` to day `last` (day numbers, inclusive); transactions before `first`
    make the opening positions and cash."""
    days = np.arange(first, last + 1, dtype=np.int64)
    size = len(days)
    table = rates.table
    fx = np.ones((size, len(columns.currencies)))
    fx_age = np.zeros((size, len(columns.currencies)), dtype=np.int64)
    missing: set[str] = set()
    for c, currency in enumerate(columns.currencies):
        found = rates.daily(currency, days)
        if found is None:
            missing.add(currency)
            fx[:, c] = np.nan
        else:
            fx[:, c] = found
            fx_age[:, c] = rates.ages(currency, days)
    price, price_age, sources = _prices(columns, table, rates, days, missing)
    rows = np.clip(columns.day - first, 0, None)
    inside = columns.day <= last
    units = _cumulative(size, len(columns.keys), rows, columns.key, columns.units, inside & (columns.key >= 0),
                        np.int64)
    cash = _cumulative(size, len(columns.buckets), rows, columns.bucket, columns.cash,
                       inside & (columns.bucket >= 0) & (columns.cash != 0), np.float64)
    conv = np.zeros(columns.n)
    within = (columns.day >= first) & inside
    conv[within] = columns.to_cash[within] * fx[rows[within], columns.cash_currency[within]]
    return Timeline(columns, days, price, price_age, fx_age, fx, units, cash, conv, sources, missing)


def _cumulative(size: int, width: int, rows: npt.NDArray[np.int64], columns_: npt.NDArray[np.int64],
                changes: npt.NDArray[_Number], mask: npt.NDArray[np.bool_], dtype: type[_Number]
                ) -> npt.NDArray[_Number]:
    grid = np.zeros((size, width), dtype=dtype)
    np.add.at(grid, (rows[mask], columns_[mask]), changes[mask])
    return np.cumsum(grid, axis=0)


def _prices(columns: LedgerColumns, table: QuoteTable, rates: FxRates, days: npt.NDArray[np.int64],
            missing: set[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], list[PriceSource]]:
    """days x symbols: each security's close in force, times FX to base; with the close's age. A security
    without any close is valued at the price of its latest trade, as PP does (and said so)."""
    size, count = len(days), len(columns.symbols)
    price = np.zeros((size, count))
    age = np.zeros((size, count), dtype=np.int64)
    sources = []
    closes: npt.NDArray[np.float64] | None
    currency: str | None
    for s, symbol in enumerate(columns.symbols):
        found = table.daily(symbol, days)
        if found is not None:
            closes, age[:, s] = found
            currency = cast(str, table.currency(symbol))  # it has closes, so it has their currency
            sources.append(PriceSource(symbol, currency, "quotes", table.first_day(symbol)))
        else:
            closes, currency = _trade_prices(columns, s, days)
            sources.append(PriceSource(symbol, currency or "", "trade prices" if currency else "none"))
            if closes is None:
                continue
            assert currency is not None  # trade prices come with their currency
            age[:, s] = 0
        rate = rates.daily(currency, days)
        if rate is None:
            missing.add(currency)
            continue
        price[:, s] = closes * rate
    return price, age, sources


def _trade_prices(columns: LedgerColumns, symbol: int, days: npt.NDArray[np.int64]
                  ) -> tuple[npt.NDArray[np.float64], str] | tuple[None, None]:
    """The gross price per share of the latest trade on or before each day (the first trade's before it)."""
    trades = np.flatnonzero((columns.symbol == symbol) & (columns.quantity > 0) & (columns.gross > 0)
                            & columns.is_kind(TxType.BUY, TxType.SELL, TxType.DELIVERY_IN, TxType.DELIVERY_OUT,
                                              TxType.TRANSFER_IN))
    if not len(trades):
        return None, None
    per_share = columns.gross[trades] / columns.quantity[trades]
    index = np.clip(np.searchsorted(columns.day[trades], days, side="right") - 1, 0, None)
    currency = columns.currencies[columns.currency[trades[-1]]]
    return per_share[index], currency
