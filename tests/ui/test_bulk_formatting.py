"""Formatting many cells in a worker reads the locale from Qt once, not per cell: every PySide6 call lets go
of the GIL and takes it back at once, which keeps the waiting GUI thread from it for as long as such a loop
runs (a 100k-transaction table stalled the window 0.3-0.6 s). The cells are those of the one-off
functions, in every locale, dates included."""
from __future__ import annotations

import gc
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QLocale

from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui import format as fmt
from gigatracker.ui.gc_pauses import building_long_lived
from gigatracker.ui.models import transactions
from gigatracker.ui.models.transactions import format_transactions

LOCALES = ["fr_FR", "en_US", "en_GB", "de_DE", "ja_JP", "sv_SE", "zh_CN", "ko_KR", "bg_BG", "hu_HU", "ar_EG",
           "fa_IR"]


@pytest.mark.parametrize("name", LOCALES)
def test_short_dates_write_what_qt_writes(qapp, name):
    locale = QLocale(name)
    write = fmt.short_dates(locale)
    days = [date(1999, 12, 31) + timedelta(days=37 * i) for i in range(300)] + [date(1, 1, 1), date(9999, 12, 31)]
    assert [write(day) for day in days] == [fmt.format_date(day, locale) for day in days]


@pytest.mark.parametrize("name", ["fr_FR", "en_US", "de_CH"])
def test_numbers_with_marks_read_once_are_the_locales(qapp, name):
    locale = QLocale(name)
    marks = fmt.marks(locale)
    for value in (D("1234567.125"), D("-0.5"), D("12"), D("0.00001234")):
        assert fmt.format_decimal(value, 2, marks) == fmt.format_decimal(value, 2, locale)
        assert fmt.format_quantity(value, marks) == fmt.format_quantity(value, locale)
        assert fmt.format_price(value, "EUR", marks) == fmt.format_price(value, "EUR", locale)


class CountingLocale(QLocale):
    calls = 0

    def __getattribute__(self, name):
        if not name.startswith("__"):
            type(self).calls += 1
        return super().__getattribute__(name)


def test_a_table_of_transactions_asks_qt_a_few_times_not_per_cell(qapp, monkeypatch):
    first = date(2020, 1, 1)
    txs = [Transaction(first + timedelta(days=i % 400), "CTO", TxType.BUY, "EUR", f"S{i % 50}", D(i % 7 + 1),
                       D(f"{100 + i % 300}.{i % 100:02d}"), fees=D("1.5"), amount=D(f"{1000 + i}.25"))
           for i in range(3_000)]
    expected = format_transactions(txs)
    monkeypatch.setattr(fmt, "QLocale", CountingLocale)
    monkeypatch.setattr(transactions, "QLocale", CountingLocale, raising=False)  # (it once made its own)
    CountingLocale.calls = 0
    assert format_transactions(txs) == expected
    assert 0 < CountingLocale.calls < 20, CountingLocale.calls  # 3,000 rows of 11 cells, 400 days


def test_what_a_load_builds_is_frozen_and_the_collector_comes_back():
    was_enabled = gc.isenabled()  # (a CLI command run in this process turns it off, as a CLI process does)
    gc.enable()
    try:
        frozen = gc.get_freeze_count()
        with building_long_lived():
            assert not gc.isenabled()
            rows = [[str(i), "a"] for i in range(10_000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(rows)
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
