"""Columnar loading (issue 18, build item 2): the store turns its rows into arrays (exact integers at a fixed
scale, no Decimal per row), and those arrays, the columns made of them and the series computed from them
are what in-memory transactions give, on random ledgers written to a real book file."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from gigatracker.app import App
from gigatracker.core.columns import LedgerColumns
from gigatracker.core.flows import Scope
from gigatracker.core.performance import PerformanceBook
from gigatracker.core.periods import period_between
from gigatracker.core.quotes import QuoteTable
from gigatracker.core.transaction_arrays import Fixed, TransactionArrays, fixed_column, fixed_texts
from gigatracker.services.store import repository as repo
from tests.support.random_books import ACCOUNTS, FIRST, books

COLUMNS = ("day", "account", "kind", "symbol", "currency", "quantity", "gross", "fees", "taxes", "to_cash",
           "cash_currency", "cash_transfer", "units", "cash", "external_in", "partner", "key", "bucket")


def _written(path, txs, closes=()):
    app = App.create(path, "EUR")
    for account in ACCOUNTS:
        app.add_account(account.portfolio, account.name, account.currency, account.cost_basis,
                        short_selling=account.short_selling)
    if txs:
        app.add_transactions(txs)
    with app.book.write() as conn:
        repo.upsert_prices(conn, [{"symbol": symbol, "date": day, "close": close, "currency": currency,
                                   "source": "test"} for symbol, day, close, currency in closes])
    return app


def _same_fixed(loaded: Fixed, made: Fixed) -> None:
    assert loaded.places == made.places
    assert loaded.units.tolist() == made.units.tolist()
    assert loaded.present.tolist() == made.present.tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(books())
def test_the_arrays_loaded_from_the_rows_are_those_of_the_transactions(tmp_path_factory, data):
    txs, closes = data
    with _written(tmp_path_factory.mktemp("columns") / "book.gtbook", txs, closes) as app:
        with app.book.read() as conn:
            accounts = repo.load_accounts(conn)
            rows = repo.transaction_rows(conn)
        stored = repo.transactions_of(rows)  # as stored: money rounded to its minor unit
        loaded, made = repo.arrays_of(rows, accounts), TransactionArrays.of(accounts, stored)
        for name in ("day", "account", "kind", "symbol", "currency"):
            assert getattr(loaded, name).tolist() == getattr(made, name).tolist(), name
        assert (loaded.symbols, loaded.currencies) == (made.symbols, made.currencies)
        for name in ("quantity", "amount", "fees", "taxes"):
            _same_fixed(getattr(loaded, name), getattr(made, name))
        assert np.array_equal(loaded.price, made.price, equal_nan=True)
        assert (loaded.fx_rates, loaded.ratios) == (made.fx_rates, made.ratios)

        from_rows, from_objects = LedgerColumns(accounts, loaded), LedgerColumns.of(accounts, stored)
        for name in COLUMNS:
            assert np.array_equal(getattr(from_rows, name), getattr(from_objects, name)), name
        assert from_rows.keys == from_objects.keys and from_rows.buckets == from_objects.buckets
        assert from_rows.implied_rates("EUR") == from_objects.implied_rates("EUR")

        # The app's engine for charts (arrays only) gives the series of the exact one, to the last bit.
        charts = app.performance.engine(exact=False)
        exact = PerformanceBook.of(accounts, stored, QuoteTable(closes), "EUR")
        period = period_between(FIRST - timedelta(days=1), FIRST + timedelta(days=80))
        for scope in (Scope("book"), Scope("portfolio", "P2"), Scope("account", "A2")):
            ours, theirs = charts.series(scope, period), exact.series(scope, period)
            assert np.array_equal(ours.values, theirs.values) and np.array_equal(ours.inbound, theirs.inbound)


def test_an_engine_for_charts_refuses_exact_figures_and_the_exact_one_agrees(tmp_path):
    from gigatracker.core.ledger import Transaction, TxType
    txs = [Transaction(FIRST, "A1", TxType.DEPOSIT, "EUR", amount=D("1000")),
           Transaction(FIRST + timedelta(days=1), "A1", TxType.BUY, "EUR", "AAA", D("3"), D("101.25"), fees=D("2"))]
    with _written(tmp_path / "book.gtbook", txs) as app:
        period = period_between(FIRST, FIRST + timedelta(days=5))
        with pytest.raises(RuntimeError, match="series only"):
            app.performance.engine(exact=False).measure(Scope("book"), period)
        measure = app.performance.engine().measure(Scope("book"), period)
        assert measure.breakdown.fees == D("2") and measure.breakdown.purchases == D("305.75")


def test_fixed_columns_are_exact_at_the_scale_of_their_longest_figure():
    column = fixed_texts(["12.5", None, "-0.125", "3", "12.5"])
    assert (column.places, column.units.tolist(), column.present.tolist()) == (
        3, [12500, 0, -125, 3000, 12500], [True, False, True, True, True])
    assert column.decimal(2) == D("-0.125") and column.decimal(1) is None
    assert column.floats().tolist() == [12.5, 0.0, -0.125, 3.0, 12.5]
    _same_fixed(fixed_column([D("12.5"), None, D("-0.125"), D("3"), D("12.5")]), column)
    # A figure too large for int64 at its scale keeps exact Python integers; its float is still float(text).
    huge = fixed_texts(["123456789012345678901.5", "0.25"])
    assert huge.units.dtype == object and huge.decimal(0) == D("123456789012345678901.50")
    assert huge.floats().tolist() == [float("123456789012345678901.5"), 0.25]
    # Quantities are counted on the ledger's 1e-8 grid whatever their longest figure.
    assert fixed_texts(["2", "0.5"], 8).units.tolist() == [200_000_000, 50_000_000]
