"""Undo and redo keys reach the book's history wherever focus is in the window (issue 20, point 2): a
transaction added through the dialog leaves focus on the transactions table with its row selected, and
Ctrl+Z undoes it there or from an empty filter field; a field with typing of its own undoes that first,
and the Edit menu says so."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui.dialogs.transaction import TransactionDialog
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.writes import own_history

CTRL, CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier, \
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "keys.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "PEA", "EUR")
        app.add_transactions([
            Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(10_000)),
            Transaction(date(2024, 1, 3), "PEA", TxType.BUY, "EUR", "ASML.AS", D(5), D(700)),
        ])
    app = App.open(path)
    main = MainWindow(app, page="transactions")
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=5_000)
    qtbot.waitUntil(lambda: main.transactions.model.rowCount() == 2, timeout=10_000)
    yield main
    main.close()
    app.close()


def nvda(window) -> list[Transaction]:
    return [tx for tx in window.app.transactions() if tx.symbol == "NVDA"]


def add_through_the_dialog(qtbot, window) -> None:
    """Ctrl+T from the filter field, the dialog filled and accepted, as a user does."""
    focus(qtbot, window.transactions.filter)
    qtbot.keyClick(window.transactions.filter, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(TransactionDialog)), timeout=5_000)
    dialog = next(d for d in window.findChildren(TransactionDialog) if d.isVisible())
    dialog.type.setCurrentIndex(dialog.type.findData("BUY"))
    dialog.date.setDate(QDate(2024, 2, 1))
    dialog.symbol.setText("NVDA")
    dialog.quantity.setText("10")
    dialog.price.setText("120")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(ok.isEnabled, timeout=2_000)
    ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    window.activateWindow()  # what the window manager does once the dialog is gone (offscreen: nobody)
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=5_000)
    assert len(nvda(window)) == 1


def press(qtbot, widget, key=Qt.Key.Key_Z, modifiers=CTRL) -> None:
    qtbot.keyClick(widget, key, modifiers)


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2_000)


def test_after_adding_focus_is_on_the_new_row_and_ctrl_z_undoes_the_addition(qtbot, window):
    add_through_the_dialog(qtbot, window)
    table = window.transactions.table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5_000)
    qtbot.waitUntil(lambda: window.transactions.selected() is not None, timeout=5_000)
    assert window.transactions.selected().symbol == "NVDA"  # the new row, selected
    assert "NVDA" in window.undo_action.text() and "typing" not in window.undo_action.text()
    press(qtbot, table)
    qtbot.waitUntil(lambda: not nvda(window), timeout=10_000)
    qtbot.waitUntil(lambda: window.redo_action.isEnabled(), timeout=5_000)
    press(qtbot, QApplication.focusWidget(), modifiers=CTRL_SHIFT)  # redo, from the table
    qtbot.waitUntil(lambda: len(nvda(window)) == 1, timeout=10_000)


def test_ctrl_z_in_the_empty_filter_field_undoes_the_addition(qtbot, window):
    add_through_the_dialog(qtbot, window)
    field = window.transactions.filter
    focus(qtbot, field)
    assert field.text() == "" and own_history(field) == (False, False)
    assert "typing" not in window.undo_action.text()  # the field has nothing of its own to undo
    press(qtbot, field)
    qtbot.waitUntil(lambda: not nvda(window), timeout=10_000)
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 2, timeout=10_000)


def test_ctrl_z_with_text_typed_in_the_filter_undoes_the_typing_first(qtbot, window):
    add_through_the_dialog(qtbot, window)
    field = window.transactions.filter
    focus(qtbot, field)
    qtbot.keyClicks(field, "asml")
    assert field.text() == "asml"
    # The Edit menu says where Ctrl+Z goes now
    text = window.undo_action.text()
    assert "NVDA" in text and "undoes typing in the field" in text and "Ctrl+Z" in text
    press(qtbot, field)
    assert field.text() == ""  # the typing is undone…
    qtbot.wait(300)
    assert len(nvda(window)) == 1  # …not the transaction
    assert "typing" not in window.undo_action.text()  # nothing of the field's own left to undo
    press(qtbot, field)  # the next Ctrl+Z is the book's
    qtbot.waitUntil(lambda: not nvda(window), timeout=10_000)


def test_the_undo_menu_entry_follows_the_focus(qtbot, window):
    add_through_the_dialog(qtbot, window)
    symbol = window.transactions.symbol
    focus(qtbot, symbol)
    qtbot.keyClicks(symbol, "NV")
    assert "undoes typing in the field" in window.undo_action.text()
    focus(qtbot, window.transactions.table)
    assert window.undo_action.text().startswith("&Undo") and "typing" not in window.undo_action.text()
    symbol.clear()
