"""Properties of the performance engine on random ledgers: three accounts in two portfolios (EUR and USD,
FIFO and average cost, one allowing short sales), three securities (one quoted in EUR, one in USD, one
never quoted), every transaction type, trades converted at their own rate, random closes and FX.

- initial + breakdown = final, exactly (Decimal), for the book, each portfolio, each account and each
  security (alone and within a portfolio), over random periods; and as shown, rounded, too;
- the vectorised daily series meets the exact figures at both ends of the period;
- the columns' positions and cash are the ledger's.
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from gigatracker.core.breakdown import rounded
from gigatracker.core.columns import UNITS
from gigatracker.core.flows import Scope
from gigatracker.core.ledger import Ledger
from gigatracker.core.performance import PerformanceBook
from gigatracker.core.periods import period_between
from gigatracker.core.quotes import QuoteTable
from tests.support.random_books import ACCOUNTS, DAYS, FIRST, books


def _scopes(book: PerformanceBook) -> list[Scope]:
    scopes = [Scope("book"), Scope("portfolio", "P1"), Scope("portfolio", "P2")]
    scopes += [Scope("account", a.name) for a in ACCOUNTS]
    scopes += [Scope("security", s) for s in book.columns.symbols]
    scopes += [Scope("security", s, Scope("portfolio", "P1")) for s in book.columns.symbols]
    return scopes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books(), st.integers(-3, DAYS - 2), st.integers(1, DAYS))
def test_initial_plus_breakdown_is_final_and_the_series_meets_it(data, first, length):
    txs, closes = data
    book = PerformanceBook.of(ACCOUNTS, txs, QuoteTable(closes), "EUR")
    start = FIRST + timedelta(days=first)
    period = period_between(start, start + timedelta(days=length))
    for scope in _scopes(book):
        m = book.measure(scope, period)
        b = m.breakdown
        assert abs(b.unexplained()) < D("1e-20"), (scope, b)
        shown = rounded(b, "EUR")
        explained = sum((shown[n] * s for n, s in (("capital_gains", 1), ("realized_gains", 1), ("earnings", 1),
                                                   ("fees", -1), ("taxes", -1), ("currency_gains", 1),
                                                   ("transfers", 1))), D(0))
        assert shown["initial_value"] + explained == shown["final_value"], (scope, shown)
        series = book.series(scope, period)
        assert abs(series.values[0] - float(b.initial_value)) < 1e-6 * max(1.0, abs(float(b.initial_value))), scope
        assert abs(series.values[-1] - float(b.final_value)) < 1e-6 * max(1.0, abs(float(b.final_value))), scope
        assert np.isfinite(series.cumulative).all() or (series.values < 0).any()


@settings(max_examples=60, deadline=None)
@given(books())
def test_the_columns_hold_what_the_ledger_holds(data):
    txs, closes = data
    book = PerformanceBook.of(ACCOUNTS, txs, QuoteTable(closes), "EUR")
    end = max((tx.date for tx in txs), default=FIRST) + timedelta(days=1)
    timeline, _ = book._timeline(period_between(FIRST - timedelta(days=1), end))
    ledger = Ledger(ACCOUNTS)
    ledger.replay(txs)
    columns = book.columns
    held = {(ACCOUNTS[a].name, columns.symbols[s]): int(timeline.units[-1, k]) for k, (a, s) in enumerate(columns.keys)}
    expected = {(p.account, p.symbol): int(p.quantity * UNITS) for p in ledger.positions()}
    assert {k: v for k, v in held.items() if v} == expected
    cash = {(ACCOUNTS[a].name, columns.currencies[c]): timeline.cash[-1, b] for b, (a, c) in enumerate(columns.buckets)}
    for key, balance in ledger.cash_balances().items():
        assert abs(cash.get(key, 0.0) - float(balance)) < 1e-6, key
