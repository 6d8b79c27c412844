"""Closes and FX rates for performance figures, looked up the way Portfolio Performance does.

A security is valued at its latest close on or before the day; before its first close, at its first close
(PP's `Security.getSecurityPrice`: no -100 % day when the history starts after the purchase). FX rates
follow the same rule. Two views of the same table: whole-period daily matrices (floats, for return
indices) and exact lookups (Decimal, for the amounts a user reads). Rows come in as stored text.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from operator import itemgetter
from typing import Any, Sequence

import numpy as np
import numpy.typing as npt

from .ledger import paused_gc
from .money import MONEY_CONTEXT

ONE = Decimal(1)


def day_numbers(days: Sequence[str]) -> npt.NDArray[np.int64]:
    """ISO dates -> day numbers (days since 1970-01-01); the same few thousand dates repeat, so each is
    parsed once."""
    numbers = {text: int(np.datetime64(text, "D").astype(np.int64)) for text in set(days)}
    return np.fromiter(map(numbers.__getitem__, days), np.int64, len(days))


def day_number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def from_day_number(number: int | np.integer[Any]) -> date:
    return date.fromordinal(date(1970, 1, 1).toordinal() + int(number))


def _group_starts(symbols: npt.NDArray[np.object_]) -> npt.NDArray[np.int64]:
    if not len(symbols):
        return np.asarray([], dtype=np.int64)
    return np.concatenate([[0], np.flatnonzero(symbols[1:] != symbols[:-1]) + 1])


def _grouped_and_sorted(symbols: npt.NDArray[np.object_], days: npt.NDArray[np.int64]) -> bool:
    """Each symbol's rows together, each symbol once, days increasing within a symbol."""
    starts = _group_starts(symbols)
    if len(set(symbols[starts])) != len(starts):
        return False
    rising = np.diff(days) > 0
    rising[starts[1:] - 1] = True  # a new symbol may start on any day
    return bool(rising.all())


@dataclass(frozen=True)
class Lookup:
    """One exact lookup: the close (or rate) used, the day it is from, and whether it was taken from a
    later day because the history starts after the day asked for."""
    value: Decimal
    day: date
    before_first: bool = False


class QuoteTable:
    """Closes per symbol, from stored rows (symbol, ISO date, close as text, currency). Rows sorted by
    symbol then date (as the store gives them) are taken as they are; any other order is sorted first."""

    _texts: list[str]  # the closes as stored, in the order of _days
    _currencies: list[str]

    def __init__(self, rows: Sequence[tuple[str, str, str, str]]):
        with paused_gc():  # a million rows: the collector's passes over them would cost more than the work
            symbols, days, texts, currencies = (list(map(itemgetter(i), rows)) for i in range(4))
            numbers = day_numbers(days)
            names = np.asarray(symbols, dtype=object)
            if not _grouped_and_sorted(names, numbers):
                order = np.lexsort((numbers, names.astype(str)))
                names, numbers = names[order], numbers[order]
                texts, currencies = [texts[i] for i in order], [currencies[i] for i in order]
            self._days, self._texts, self._currencies = numbers, texts, currencies
            self._closes = np.fromiter(map(float, texts), np.float64, len(texts))
        starts = _group_starts(names)
        ends = np.append(starts[1:], len(names)).astype(np.int64)
        self._slices = {str(names[a]): (int(a), int(b)) for a, b in zip(starts, ends)}

    def __contains__(self, symbol: str) -> bool:
        return symbol in self._slices

    def symbols(self) -> list[str]:
        return list(self._slices)

    def currency(self, symbol: str) -> str | None:
        span = self._slices.get(symbol)
        return None if span is None else str(self._currencies[span[1] - 1])

    def first_day(self, symbol: str) -> int | None:
        span = self._slices.get(symbol)
        return None if span is None else int(self._days[span[0]])

    def daily(self, symbol: str, days: npt.NDArray[np.int64]
              ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]] | None:
        """(closes, ages) on each day of `days` (sorted day numbers): the close in force and how many days
        old it is (negative: taken from after the day, before the history starts). None: no closes."""
        span = self._slices.get(symbol)
        if span is None:
            return None
        own_days = self._days[span[0]:span[1]]
        index = np.searchsorted(own_days, days, side="right") - 1
        index[index < 0] = 0  # before the first close: the first close (PP)
        return self._closes[span[0]:span[1]][index], days - own_days[index]

    def exact(self, symbol: str, day: date) -> Lookup | None:
        span = self._slices.get(symbol)
        if span is None:
            return None
        own_days = self._days[span[0]:span[1]]
        number = day_number(day)
        index = int(np.searchsorted(own_days, number, side="right")) - 1
        before_first = index < 0
        index = max(index, 0) + span[0]
        return Lookup(Decimal(str(self._texts[index])), from_day_number(self._days[index]), before_first)


def implied_symbol(currency: str, base: str) -> str:
    """The name under which the rates implied by a book's own transactions are kept."""
    return f"{currency}->{base}"


class FxRates:
    """Rates from one currency to the base currency, from Yahoo-style pairs (`EURUSD=X`: US dollars per
    euro): the direct pair, else the inverse pair, else crossed through USD; failing all of them, the
    rates the book's own transactions imply (`implied`: a table of `USD->EUR` rows, core/columns.py), as
    Portfolio Performance falls back on a transaction's own price."""

    def __init__(self, table: QuoteTable, base: str, implied: QuoteTable | None = None):
        self.table, self.base = table, base
        self.implied = implied if implied is not None else QuoteTable([])
        self._routes: dict[str, list[tuple[QuoteTable, str, bool]] | None] = {}

    def route(self, currency: str) -> list[tuple[QuoteTable, str, bool]] | None:
        """[(table, symbol, inverted?), ...] multiplied in turn; [] for the base itself; None: no rate."""
        if currency not in self._routes:
            found = self._find(currency, self.base)
            if found is None and implied_symbol(currency, self.base) in self.implied:
                found = [(self.implied, implied_symbol(currency, self.base), False)]
            self._routes[currency] = found
        return self._routes[currency]

    def from_transactions(self, currency: str) -> bool:
        """Whether the currency's rates are those the book's transactions imply (no pair in the cache)."""
        route = self.route(currency)
        return bool(route and route[0][0] is self.implied)

    def _find(self, source: str, target: str, cross: bool = True) -> list[tuple[QuoteTable, str, bool]] | None:
        if source == target:
            return []
        if f"{source}{target}=X" in self.table:
            return [(self.table, f"{source}{target}=X", False)]
        if f"{target}{source}=X" in self.table:
            return [(self.table, f"{target}{source}=X", True)]
        if cross and "USD" not in (source, target):
            first, second = self._find(source, "USD", False), self._find("USD", target, False)
            if first is not None and second is not None:
                return first + second
        return None

    def daily(self, currency: str, days: npt.NDArray[np.int64]) -> npt.NDArray[np.float64] | None:
        route = self.route(currency)
        if route is None:
            return None
        rates = np.ones(len(days))
        for table, symbol, inverted in route:
            found = table.daily(symbol, days)
            assert found is not None  # a route only names symbols its table holds
            closes, _ = found
            rates *= 1.0 / closes if inverted else closes
        return rates

    def ages(self, currency: str, days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The age of the oldest rate used on each day (negative: taken from after the day)."""
        age = np.zeros(len(days), dtype=np.int64)
        for table, symbol, _ in self.route(currency) or []:
            found = table.daily(symbol, days)
            assert found is not None  # a route only names symbols its table holds
            _, own = found
            age = np.where(np.abs(own) > np.abs(age), own, age)
        return age

    def recent(self, currency: str, day: date, within_days: int) -> Decimal | None:
        """The rate on `day` from closes at most `within_days` old (none from after the day): a market
        rate to check a file's rate against, or None when the cache has none that recent."""
        return self._rate(currency, day, within_days)

    def exact(self, currency: str, day: date) -> Decimal | None:
        return self._rate(currency, day, None)

    def _rate(self, currency: str, day: date, within_days: int | None) -> Decimal | None:
        route = self.route(currency)
        if route is None:
            return None
        rate = ONE
        with localcontext(MONEY_CONTEXT):
            for table, symbol, inverted in route:
                found = table.exact(symbol, day)
                assert found is not None  # a route only names symbols its table holds
                if within_days is not None and (found.before_first or (day - found.day).days > within_days
                                                or not found.value):
                    return None
                rate = rate / found.value if inverted else rate * found.value
        return rate
