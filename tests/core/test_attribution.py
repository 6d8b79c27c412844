"""Returns by theme and their contributions: on random books the contributions of the themes, Unassigned
and cash add up to the scope's TTWROR and their gains to its gain; a window cut from the whole history is
the series computed for the period alone; a theme holding one security has that security's TTWROR."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gigatracker.core.attribution import CASH_SLEEVE
from gigatracker.core.flows import Scope
from gigatracker.core.ledger import Account, Transaction, TxType
from gigatracker.core.performance import PerformanceBook
from gigatracker.core.periods import period_between
from gigatracker.core.quotes import QuoteTable
from gigatracker.core.themes import UNASSIGNED
from tests.support.random_books import ACCOUNTS, DAYS, FIRST, books

SCOPES = [Scope("book"), Scope("portfolio", "P1"), Scope("portfolio", "P2"), Scope("account", "B1")]
share = st.integers(0, 10_000)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books(), st.integers(-3, DAYS - 2), st.integers(1, DAYS), st.lists(share, min_size=6, max_size=6))
def test_contributions_add_up_to_the_scope_return(data, first, length, weights):
    txs, closes = data
    book = PerformanceBook.of(ACCOUNTS, txs, QuoteTable(closes), "EUR")
    start = FIRST + timedelta(days=first)
    period = period_between(start, start + timedelta(days=length))
    # Each security in two themes (what is left of 100 % is Unassigned).
    fractions = {}
    for i, symbol in enumerate(("AAA", "BBB", "CCC")):
        a, b = sorted(weights[2 * i:2 * i + 2])
        fractions[symbol] = {"Chips": a / 10_000, "Power": (b - a) / 10_000}
    for scope in SCOPES:
        window = book.window(scope, period)
        series = book.series(scope, period)
        np.testing.assert_allclose(window.series.values, series.values, atol=1e-6)
        np.testing.assert_allclose(window.series.inbound, series.inbound, atol=1e-6)
        np.testing.assert_allclose(window.series.outbound, series.outbound, atol=1e-6)
        total = float(series.cumulative[-1])
        if not np.isfinite(total) or (series.values < 0).any():
            continue  # an overdrawn scope has no meaningful return to split
        gain = series.values[-1] - series.values[0] - series.inbound[1:].sum() + series.outbound[1:].sum()
        for rows in (window.by_key(fractions), window.by_security()):
            assert rows[-1].name == CASH_SLEEVE
            scale = max(1.0, abs(total))
            assert abs(sum(r.contribution for r in rows) - total) < 1e-9 * scale, (scope, rows)
            assert abs(sum(r.gain for r in rows) - gain) < 1e-6 * max(1.0, abs(gain)), (scope, rows)


def _one_security_book():
    accounts = [Account("Broker", "Me", "EUR", "fifo")]
    txs = [Transaction(date(2025, 1, 2), "Broker", TxType.DEPOSIT, "EUR", amount=D(10_000), id=1),
           Transaction(date(2025, 1, 3), "Broker", TxType.BUY, "EUR", "CHIP", D(10), D(100), fees=D(5), id=2),
           Transaction(date(2025, 1, 3), "Broker", TxType.BUY, "EUR", "GRID", D(20), D(50), id=3),
           Transaction(date(2025, 2, 10), "Broker", TxType.BUY, "EUR", "CHIP", D(5), D(120), id=4),
           Transaction(date(2025, 3, 1), "Broker", TxType.DIVIDEND, "EUR", "CHIP", amount=D(12), taxes=D(3), id=5),
           Transaction(date(2025, 3, 20), "Broker", TxType.SELL, "EUR", "CHIP", D(8), D(130), fees=D(4), id=6)]
    closes = []
    for offset in range(0, 120):
        day = date(2025, 1, 2) + timedelta(days=offset)
        if day.weekday() < 5:
            closes.append(("CHIP", day.isoformat(), f"{100 + 10 * np.sin(offset / 9) + offset / 4:.2f}", "EUR"))
            closes.append(("GRID", day.isoformat(), f"{50 + 3 * np.cos(offset / 7):.2f}", "EUR"))
    return PerformanceBook.of(accounts, txs, QuoteTable(sorted(closes)), "EUR")


@pytest.mark.parametrize("weight", [1.0, 0.6])
def test_a_theme_holding_one_security_has_its_return(weight):
    book = _one_security_book()
    period = period_between(date(2025, 1, 1), date(2025, 4, 30))
    rows = {r.name: r for r in book.window(Scope("book"), period).by_key({"CHIP": {"Inference chips": weight}})}
    security = book.measure(Scope("security", "CHIP"), period)
    assert rows["Inference chips"].ttwror == pytest.approx(security.ttwror, abs=1e-12)
    assert rows["Inference chips"].irr == pytest.approx(security.irr, abs=1e-9)
    book_return = book.measure(Scope("book"), period).ttwror
    assert sum(r.contribution for r in rows.values()) == pytest.approx(book_return, abs=1e-12)
    assert set(rows) == {"Inference chips", UNASSIGNED, CASH_SLEEVE}


def test_a_window_switches_periods_without_rebuilding():
    book = _one_security_book()
    whole = period_between(date(2025, 1, 1), date(2025, 4, 30))
    book.window(Scope("book"), whole)
    built = book._covering_timeline
    part = period_between(date(2025, 2, 1), date(2025, 3, 31))
    window = book.window(Scope("portfolio", "Me"), part)
    assert book._covering_timeline is built
    series = book.series(Scope("portfolio", "Me"), part)
    np.testing.assert_allclose(window.series.cumulative, series.cumulative, atol=1e-12)
    assert window.symbols == ["CHIP", "GRID"]
