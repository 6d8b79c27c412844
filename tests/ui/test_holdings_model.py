"""The holdings model sorts, filters and groups itself (no proxy), and live ticks touch only what moved."""
from datetime import date, datetime, timezone
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from gigatracker.core.valuation import Valuation
from gigatracker.services.stream.tick import Tick
from gigatracker.ui.models.holdings import COLUMNS, PNL, PRICE, SYMBOL, VALUE, WEIGHT, HoldingsModel


def valued(symbol, account, portfolio, quantity, price, cost=D(100)):
    value = quantity * price
    return Valuation(portfolio, account, symbol, "EUR", quantity, cost, cost / quantity, "EUR", price=price,
                     price_date=date(2026, 11, 20), price_source="demo", fx_rate=D(1), market_value=value,
                     market_value_base=value, unrealized_pnl_base=value - cost, previous_close=price)


@pytest.fixture
def model(qapp):
    m = HoldingsModel()
    m.set_holdings([valued("AAA", "CTO", "Martin", D(10), D(30)), valued("BBB", "PEA", "Martin", D(5), D(100)),
                    valued("CCC", "CTO", "Dupont", D(1), D(50)), valued("DDD", "PEA", "Dupont", D(2), D(10))],
                   {"AAA": "Alpha", "BBB": "Beta", "CCC": "Gamma", "DDD": "Delta"}, {"CCC": "AI PCs 100 %"})
    return m


def column(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def tick(symbol, price):
    return {symbol: Tick(symbol, D(price), "EUR", datetime(2026, 11, 20, 15, tzinfo=timezone.utc))}


def test_sorts_numbers_as_numbers_and_text_as_text(model):
    model.sort(VALUE, Qt.SortOrder.DescendingOrder)  # 500, 300, 50, 20
    assert column(model, SYMBOL) == ["BBB", "AAA", "CCC", "DDD"]
    model.sort(COLUMNS.index("Name"), Qt.SortOrder.AscendingOrder)
    assert column(model, SYMBOL) == ["AAA", "BBB", "DDD", "CCC"]


def test_filters_on_symbol_name_account_and_theme(model):
    model.set_filter("gam")
    assert column(model, SYMBOL) == ["CCC"]
    model.set_filter("ai pcs")
    assert column(model, SYMBOL) == ["CCC"]
    model.set_filter("pea")
    assert set(column(model, SYMBOL)) == {"BBB", "DDD"}
    model.set_filter("")
    assert model.rowCount() == 4


def test_groups_with_subtotals(model):
    model.set_grouping("portfolio")
    cells = column(model, SYMBOL)
    assert cells == ["Dupont (2)", "CCC", "DDD", "Martin (2)", "AAA", "BBB"]
    assert model.holding(0) is None and model.holding(1).symbol == "CCC"
    assert model.index(0, VALUE).data() == "70.00"
    assert model.index(0, WEIGHT).data() == "8.0 %"  # 70 of 870


def test_a_tick_on_a_sorted_live_column_resorts_and_keeps_the_selection(model, qtbot):
    from PySide6.QtWidgets import QTableView
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.sort(PRICE, Qt.SortOrder.DescendingOrder)  # BBB 100, CCC 50, AAA 30, DDD 10
    aaa = column(model, SYMBOL).index("AAA")
    view.selectionModel().select(model.index(aaa, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    assert model.apply_ticks(tick("AAA", "200")) == 1
    assert column(model, SYMBOL) == ["AAA", "BBB", "CCC", "DDD"]
    selected = view.selectionModel().selectedRows()
    assert [model.index(i.row(), SYMBOL).data() for i in selected] == ["AAA"]


def test_a_tick_on_an_unsorted_table_changes_only_its_row(model, qtbot):
    changes = []
    model.dataChanged.connect(lambda top, bottom, roles=(): changes.append(
        (top.row(), bottom.row(), top.column(), bottom.column())))
    model.apply_ticks(tick("CCC", "60"))
    row = column(model, SYMBOL).index("CCC")
    assert (row, row, PRICE, PNL) in changes
    # 870 -> 880 in total: AAA 34.5 -> 34.1 %, BBB 57.5 -> 56.8 %, CCC 5.7 -> 6.8 %; DDD stays at 2.3 %
    weights = {(first, last) for first, last, left, right in changes if left == right == WEIGHT}
    assert {r for first, last in weights for r in range(first, last + 1)} == {0, 1, 2}
    assert [model.index(r, WEIGHT).data() for r in range(4)] == ["34.1 %", "56.8 %", "6.8 %", "2.3 %"]
    assert all(left in (PRICE, WEIGHT) for _, _, left, _ in changes)
    assert model.index(row, PRICE).data() == "60.00 EUR"
    assert model.index(row, COLUMNS.index("Day change")).data() == "+20.00 %"
    assert model.index(row, PRICE).data(Qt.ItemDataRole.BackgroundRole) is not None  # the flash


def test_only_weights_whose_text_moves_are_refreshed(qapp):
    m = HoldingsModel()
    m.set_holdings([valued(f"S{i}", "CTO", "P", D(1), D(100)) for i in range(1000)], {}, {})
    changes = []
    m.dataChanged.connect(lambda top, bottom, roles=(): changes.append((top.row(), bottom.row(), top.column())))
    m.apply_ticks(tick("S5", "100.10"))  # the total moves by 0.001 %: no 0.1 % weight text changes but S5's
    weight_rows = {r for first, last, col in changes if col == WEIGHT for r in range(first, last + 1)}
    assert weight_rows == {5}
    assert m.index(0, WEIGHT).data() == "0.1 %"


def test_a_tick_in_another_currency_is_ignored(model):
    other = {"AAA": Tick("AAA", D(99), "USD", datetime(2026, 11, 20, tzinfo=timezone.utc))}
    assert model.apply_ticks(other) == 0


def test_a_short_position_weighs_by_its_size(qapp):
    m = HoldingsModel()
    m.set_holdings([valued("NVDA", "CTO", "Moi", D(10), D(320), cost=D(3000)),
                    valued("TSLA", "Marge", "Moi", D(-10), D(200), cost=D(-2500))], {}, {})
    # 3,200 long and 2,000 short: 5,200 gross; the holdings are worth 1,200 net
    assert column(m, WEIGHT) == ["61.5 %", "-38.5 %"] and m.total_base == D(1200)
    assert column(m, PNL) == ["200.00", "500.00"]  # the short gained as the price fell below 250
