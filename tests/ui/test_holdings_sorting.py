"""A holdings table sorted by a live column stays sorted as ticks stream in (issue 18): after every batch the
order is the one a fresh sort of the same positions gives (ties, rows without a value, both directions,
filtered and grouped), the selection and persistent indexes follow their rows, the totals and subtotals
are the exact sums, and a layout change is announced only when the order moved."""
import random
from datetime import date, datetime, timezone
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from gigatracker.core.valuation import Valuation
from gigatracker.services.stream.tick import Tick
from gigatracker.ui.models.holdings import (DAY, PNL, PRICE, SYMBOL, VALUE, WEIGHT, HoldingsModel,
                                            format_row)

DESCENDING, ASCENDING = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder
SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
PRICES = [D(p) for p in ("10", "12.5", "20", "20.01", "35", "50", "99.99", "100", "250")]  # few: many ties


def valued(symbol, account, portfolio, quantity, price, *, fx=D(1)):
    cost = D(100) * abs(quantity)
    if price is None:  # no close yet: no value, last when sorted either way
        return Valuation(portfolio, account, symbol, "EUR", quantity, cost, cost / quantity, "EUR", fx_rate=fx,
                         problem=f"no price for {symbol}")
    value = quantity * price
    return Valuation(portfolio, account, symbol, "EUR", quantity, cost, cost / quantity, "EUR", price=price,
                     price_date=date(2026, 11, 20), price_source="demo", fx_rate=fx, market_value=value,
                     market_value_base=value * fx, unrealized_pnl_base=(value - cost) * fx, previous_close=price)


def book(rng, n=300):
    """Longs and a few shorts, in three accounts of two portfolios, some without a price, some symbols held
    in two accounts (one tick moves both rows)."""
    holdings = []
    for i in range(n):
        symbol = f"S{i % (n - 20):03d}"  # the last 20 rows hold symbols of the first 20 again, in another account
        account, portfolio = ("Joint", "Dupont") if i >= n - 20 else \
            rng.choice([("CTO", "Martin"), ("PEA", "Martin"), ("Marge", "Dupont")])
        quantity = D(rng.choice([1, 2, 5, 10, -3])) if i % 10 else D(7)
        price = None if i % 37 == 0 else rng.choice(PRICES)
        holdings.append(valued(symbol, account, portfolio, quantity, price, fx=D("1.0837") if i % 5 == 0 else D(1)))
    names = {v.symbol: f"Name {v.symbol[-1]}" for v in holdings}
    return holdings, names, {"S001": "AI"}


def ticks(rng, symbols, count):
    now = datetime(2026, 11, 20, 15, tzinfo=timezone.utc)
    return {s: Tick(s, rng.choice(PRICES), "EUR", now) for s in rng.sample(symbols, count)}


def shown(model):
    """Each display row: (account, symbol), or its group's key for a header."""
    return [(v.account, v.symbol) if (v := model.holding(r)) is not None else model.index(r, SYMBOL).data()
            for r in range(model.rowCount())]


def fresh(model, names, themes, column, order, *, filter_text="", grouping=""):
    other = HoldingsModel()
    other.set_holdings(model.valuations(), names, themes)
    other.set_filter(filter_text)
    other.set_grouping(grouping)
    other.sort(column, order)
    return other


@pytest.mark.parametrize("column", [PRICE, VALUE, WEIGHT, DAY, PNL])
@pytest.mark.parametrize("order", [DESCENDING, ASCENDING])
@pytest.mark.parametrize("filter_text, grouping", [("", ""), ("", "account"), ("martin", "portfolio")])
def test_a_sorted_table_stays_sorted_through_random_tick_batches(qapp, column, order, filter_text, grouping):
    rng = random.Random(f"{column}{order}{filter_text}{grouping}")
    holdings, names, themes = book(rng)
    model = HoldingsModel()
    model.set_holdings(holdings, names, themes)
    model.set_filter(filter_text)
    model.set_grouping(grouping)
    model.sort(column, order)
    symbols = model.symbols()
    for _ in range(60):
        model.apply_ticks(ticks(rng, symbols, rng.randint(1, 25)))
        expected = fresh(model, names, themes, column, order, filter_text=filter_text, grouping=grouping)
        assert shown(model) == shown(expected)
        assert [model.index(r, c).data() for r in range(model.rowCount()) for c in (PRICE, VALUE, PNL, WEIGHT)] == \
            [expected.index(r, c).data() for r in range(expected.rowCount()) for c in (PRICE, VALUE, PNL, WEIGHT)]
        assert model.total_base == expected.total_base == \
            sum(v.market_value_base for v in model.valuations() if v.market_value_base is not None)


def test_the_selection_and_persistent_indexes_follow_their_rows(qapp, qtbot):
    rng = random.Random(18)
    holdings, names, themes = book(rng)
    model = HoldingsModel()
    model.set_holdings(holdings, names, themes)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    view.sortByColumn(PRICE, DESCENDING)
    selection = view.selectionModel()
    for row in (0, 1, 2, 40, 41, 150, 299):  # contiguous and scattered rows, the first and the last
        selection.select(model.index(row, 0), SELECT_ROWS)
    selection.setCurrentIndex(model.index(150, VALUE), QItemSelectionModel.SelectionFlag.NoUpdate)
    chosen = {shown(model)[r] for r in (0, 1, 2, 40, 41, 150, 299)}
    pinned = [(QPersistentModelIndex(model.index(r, c)), shown(model)[r], c) for r, c in ((5, PRICE), (77, SYMBOL),
                                                                                          (298, WEIGHT))]
    current = shown(model)[150]
    symbols = model.symbols()
    for _ in range(80):
        model.apply_ticks(ticks(rng, symbols, rng.randint(1, 30)))
        rows = shown(model)
        assert {rows[i.row()] for i in selection.selectedRows()} == chosen
        assert len(selection.selectedRows()) == len(chosen)
        for index, holding, column in pinned:
            assert index.isValid() and rows[index.row()] == holding and index.column() == column
        assert rows[selection.currentIndex().row()] == current and selection.currentIndex().column() == VALUE
    assert shown(model) == shown(fresh(model, names, themes, PRICE, DESCENDING))


def test_a_group_header_keeps_its_place_and_subtotals_follow(qapp, qtbot):
    rng = random.Random(7)
    holdings, names, themes = book(rng, 120)
    model = HoldingsModel()
    model.set_holdings(holdings, names, themes)
    model.set_grouping("portfolio")
    model.sort(PRICE, ASCENDING)
    header = QPersistentModelIndex(model.index(0, SYMBOL))
    assert model.holding(0) is None and header.data() == "Dupont (%d)" % sum(v.portfolio == "Dupont" for v in holdings)
    for _ in range(20):
        model.apply_ticks(ticks(rng, model.symbols(), 15))
        assert header.row() == 0
        dupont = [v for v in model.valuations() if v.portfolio == "Dupont"]
        total = sum((v.market_value_base for v in dupont if v.market_value_base is not None), D(0))
        pnl = sum((v.unrealized_pnl_base for v in dupont if v.unrealized_pnl_base is not None), D(0))
        assert model.index(0, VALUE).data() == f"{total:,.2f}"
        assert model.index(0, PNL).data() == f"{pnl:,.2f}"


def test_a_layout_change_only_when_the_order_moves_announced_as_a_vertical_sort(qapp, qtbot):
    model = HoldingsModel()
    model.set_holdings([valued(f"S{i}", "CTO", "P", D(1), D(10 * (i + 1))) for i in range(50)], {}, {})
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    model.sort(PRICE, DESCENDING)  # S49 (500) first
    for row in range(0, 50, 2):
        view.selectionModel().select(model.index(row, 0), SELECT_ROWS)
    layouts, changes, saved = [], [], []
    signature = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
    model.layoutAboutToBeChanged[signature].connect(
        lambda parents, hint: (layouts.append(hint), saved.append(len(model.persistentIndexList()))))
    model.dataChanged.connect(lambda top, bottom, roles=(): changes.append((top.row(), top.column())))
    now = datetime(2026, 11, 20, 15, tzinfo=timezone.utc)

    model.apply_ticks({"S49": Tick("S49", D(900), "EUR", now)})  # still first: no layout change
    assert layouts == [] and (0, PRICE) in changes
    model.apply_ticks({"S49": Tick("S49", D(1), "EUR", now)})  # now last
    assert layouts == [QAbstractItemModel.LayoutChangeHint.VerticalSortHint]
    # the selection's 25 ranges keep their two corners; saved for a vertical sort, it adds one index per row at
    # a corner, where a layout change without the hint would save one per selected cell (300)
    assert saved[0] <= 2 * 25 + 2
    assert model.index(49, SYMBOL).data() == "S49" and model.index(49, PRICE).data() == "1.00 EUR"
    assert [model.index(r, SYMBOL).data() for r in range(3)] == ["S48", "S47", "S46"]


def test_weights_and_totals_with_shorts_and_rows_without_a_value(qapp):
    rng = random.Random(3)
    holdings, names, themes = book(rng, 200)
    model = HoldingsModel()
    model.set_holdings(holdings, names, themes)
    model.sort(WEIGHT, DESCENDING)
    for _ in range(30):
        model.apply_ticks(ticks(rng, model.symbols(), 20))
        values = [v.market_value_base for v in model.valuations() if v.market_value_base is not None]
        gross = sum(abs(x) for x in values)
        assert model.total_base == sum(values)
        for row in range(0, model.rowCount(), 17):
            v = model.holding(row)
            expected = "—" if v.market_value_base is None else f"{v.market_value_base / gross * 100:.1f} %"
            assert model.index(row, WEIGHT).data() == expected
            assert model.index(row, PRICE).data() == format_row(v, names[v.symbol], themes.get(v.symbol, ""))[0][PRICE]
