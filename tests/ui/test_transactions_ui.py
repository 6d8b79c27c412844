"""Transactions through the window, the way a user enters them: the dialog, inline errors, undo/redo.
Writes run on the store writer thread; the tests wait for the views to follow the change events."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.models.holdings import COLUMNS
from tests.support.books import dump

QUANTITY = COLUMNS.index("Quantity")



@pytest.fixture
def book(tmp_path):
    path = tmp_path / "ui.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "PEA", "EUR")
        app.add_transactions([
            Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(10_000)),
            Transaction(date(2024, 1, 3), "PEA", TxType.BUY, "EUR", "ASML.AS", D(5), D(700)),
        ])
    return path


@pytest.fixture
def window(qtbot, book):
    app = App.open(book)
    main = MainWindow(app, page="transactions")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.transactions.model.rowCount() == 2, timeout=10_000)
    yield main
    main.close()
    app.close()


def holding_quantity(window, symbol: str) -> str | None:
    model = window.model
    for row in range(model.rowCount()):
        holding = model.holding(row)
        if holding and holding.symbol == symbol:
            return model.index(row, QUANTITY).data()
    return None


def fill(dialog, kind: str, symbol: str = "", quantity: str = "", price: str = "", day=QDate(2024, 2, 1)):
    dialog.type.setCurrentIndex(dialog.type.findData(kind))
    dialog.date.setDate(day)
    dialog.symbol.setText(symbol)
    dialog.quantity.setText(quantity)
    dialog.price.setText(price)


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_transaction_added_through_the_dialog_appears_in_holdings_and_undo_removes_it(qtbot, window, book):
    dialog = window.add_transaction()
    fill(dialog, "BUY", "NVDA", "10", "120,5" if dialog.locale().decimalPoint() == "," else "120.5")
    dialog.currency.setCurrentText("EUR")
    qtbot.waitUntil(lambda: ok_button(dialog).isEnabled(), timeout=2_000)
    ok_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: holding_quantity(window, "NVDA") == "10", timeout=5_000)
    added = [tx for tx in window.app.transactions() if tx.symbol == "NVDA"]
    assert len(added) == 1 and added[0].price == D("120.5") and added[0].date == date(2024, 2, 1)
    assert window.undo_action.isEnabled() and "NVDA" in window.undo_action.text()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: holding_quantity(window, "NVDA") is None, timeout=5_000)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: holding_quantity(window, "NVDA") == "10", timeout=5_000)


def test_invalid_input_shows_the_error_and_writes_nothing(qtbot, window, book):
    before = dump(book)
    dialog = window.add_transaction()
    fill(dialog, "BUY", "NVDA", "abc", "10")
    assert dialog.errors["quantity"].isVisible() and "not a number" in dialog.errors["quantity"].text()
    assert not ok_button(dialog).isEnabled()
    fill(dialog, "BUY", "", "3", "10")
    assert "needs a symbol" in dialog.errors["symbol"].text()
    assert not ok_button(dialog).isEnabled()
    dialog.reject()
    assert dump(book) == before


def test_an_oversell_is_refused_in_the_dialog_before_anything_is_written(qtbot, window, book):
    before = dump(book)
    dialog = window.add_transaction()
    fill(dialog, "SELL", "ASML.AS", "8", "750")
    qtbot.waitUntil(lambda: dialog.errors["quantity"].isVisible(), timeout=3_000)  # the book check, in a worker
    assert "8" in dialog.errors["quantity"].text() and not ok_button(dialog).isEnabled()
    fill(dialog, "SELL", "ASML.AS", "5", "750")
    qtbot.waitUntil(lambda: ok_button(dialog).isEnabled(), timeout=3_000)
    dialog.reject()
    assert dump(book) == before


def test_the_writer_refusing_keeps_the_dialog_open_with_the_reason(qtbot, window, book):
    before = dump(book)
    dialog = window.add_transaction()
    fill(dialog, "SELL", "ASML.AS", "8", "750")
    dialog._submit()  # as if OK were clicked before the book check came back
    qtbot.waitUntil(lambda: dialog.errors["quantity"].isVisible(), timeout=3_000)
    assert dialog.isVisible()
    assert dump(book) == before


def test_edit_and_delete_from_the_transactions_view_with_undo(qtbot, window, book):
    view = window.transactions
    buy_row = next(r for r in range(view.model.rowCount()) if view.model.transaction(r).type is TxType.BUY)
    buy = view.model.transaction(buy_row)
    dialog = window.edit_transaction(buy)
    assert dialog.quantity.text() == "5"
    dialog.quantity.setText("7")
    qtbot.waitUntil(lambda: ok_button(dialog).isEnabled(), timeout=3_000)
    ok_button(dialog).click()
    qtbot.waitUntil(lambda: holding_quantity(window, "ASML.AS") == "7", timeout=5_000)
    window.delete_transaction(window.app.transaction(buy.id), confirm=False)
    qtbot.waitUntil(lambda: holding_quantity(window, "ASML.AS") is None, timeout=5_000)
    window.undo_action.trigger()  # the delete
    qtbot.waitUntil(lambda: holding_quantity(window, "ASML.AS") == "7", timeout=5_000)
    window.undo_action.trigger()  # the edit
    qtbot.waitUntil(lambda: holding_quantity(window, "ASML.AS") == "5", timeout=5_000)
    assert window.app.transaction(buy.id).quantity == D(5)


def test_the_dialog_applies_the_importers_input_rule(qtbot, window, book):
    before = dump(book)
    dialog = window.add_transaction()
    fill(dialog, "BUY", "ASML.AS", "1", "700", day=QDate.currentDate().addDays(1))
    assert dialog.errors["date"].isVisible() and "is in the future" in dialog.errors["date"].text()
    assert not ok_button(dialog).isEnabled()
    fill(dialog, "BUY", "AIR.PA\u200b", "1", "700")
    assert "'AIR.PA\\u200b' is not a symbol" in dialog.errors["symbol"].text() and not ok_button(dialog).isEnabled()
    fill(dialog, "BUY", "AIR.PA", "1", "700", day=QDate(1899, 12, 31))
    assert dialog.errors["date"].isVisible() and "before 1900" in dialog.errors["date"].text()
    dialog.reject()
    assert dump(book) == before
