"""The transactions model takes the order a worker computed for it (`arrange` is pure), unless the user
changed the filter or the sort meanwhile; filtering and sorting give the same order either way."""
from datetime import date
from decimal import Decimal as D

from PySide6.QtCore import Qt

from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui.models.transactions import QUANTITY, SYMBOL, Arrangement, TransactionsModel, arrange, \
    format_transactions

TXS = [Transaction(date(2024, 1, day), account, TxType.BUY, "EUR", symbol, D(quantity), D(10), id=day)
       for day, account, symbol, quantity in ((2, "PEA", "AIR.PA", 5), (3, "CTO", "NVDA", 1), (4, "PEA", "MC.PA", 3))]


def symbols(model):
    return [model.index(r, SYMBOL).data() for r in range(model.rowCount())]


def test_the_order_from_the_worker_is_used_when_it_still_applies(qapp):
    model = TransactionsModel()
    cells = format_transactions(TXS)
    how = model.arrangement()
    assert arrange(TXS, cells, how) == [2, 1, 0]  # newest first
    model.set_transactions(TXS, cells, [0, 1, 2], how)  # (an order the model would not compute itself)
    assert symbols(model) == ["AIR.PA", "NVDA", "MC.PA"]
    model.set_transactions(TXS, cells, [0, 1, 2], how._replace(account="CTO"))  # the view moved on: recomputed
    assert symbols(model) == ["MC.PA", "NVDA", "AIR.PA"]


def test_filter_and_sort_change_the_arrangement(qapp):
    model = TransactionsModel()
    model.set_transactions(TXS)
    model.set_filter(account="PEA")
    assert symbols(model) == ["MC.PA", "AIR.PA"]
    model.sort(QUANTITY, Qt.SortOrder.AscendingOrder)
    assert symbols(model) == ["MC.PA", "AIR.PA"]  # 3 before 5
    assert model.arrangement() == Arrangement(account="PEA", column=QUANTITY, descending=False)
    model.set_filter(text="air")
    assert symbols(model) == ["AIR.PA"]
