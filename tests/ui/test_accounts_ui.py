"""Accounts from the window: Book → New / Edit / Delete Account (portfolio, name, currency, cost of sales,
short selling), refusals shown with nothing written, and a book with no account asks for one before a
transaction or an import."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gigatracker.app import App
from gigatracker.core.ledger import Account, Transaction, TxType
from gigatracker.ui.dialogs.account import AccountDialog
from gigatracker.ui.dialogs.transaction import TransactionDialog
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS


@pytest.fixture
def window(qtbot, tmp_path):
    app = App.create(tmp_path / "empty.gtbook", "EUR")
    main = MainWindow(app, page="holdings")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.data is not None, timeout=10_000)
    yield main
    main.close()
    app.close()


def ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_an_empty_book_asks_for_an_account_before_a_transaction(qtbot, window):
    assert window.add_transaction() is None
    [dialog] = window.findChildren(AccountDialog)
    assert "Create an account first" in window.statusBar().currentMessage()
    assert dialog.currency.currentText() == "EUR"  # the book's base currency
    dialog.portfolio.setCurrentText("Client Dupont")
    dialog.name.setText("Marge IBKR")
    dialog.currency.setCurrentText("USD")
    dialog.cost_basis.setCurrentIndex(dialog.cost_basis.findData("average"))
    dialog.short_selling.setChecked(True)
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "new_account.png"))
    ok(dialog).click()
    qtbot.waitUntil(lambda: window.data is not None and len(window.data.accounts) == 1, timeout=10_000)
    assert window.app.accounts() == [Account("Marge IBKR", "Client Dupont", "USD", "average", short_selling=True)]
    assert window.data.portfolios == ["Client Dupont"]
    transaction = window.add_transaction()
    assert isinstance(transaction, TransactionDialog)
    transaction.reject()


def test_a_name_already_taken_or_missing_is_said_in_the_dialog(qtbot, window):
    window.app.add_account("Moi", "PEA", "EUR")
    qtbot.waitUntil(lambda: window.data is not None and len(window.data.accounts) == 1, timeout=10_000)
    dialog = window.accounts.new_account()
    assert dialog.portfolio.currentText() == "Moi"  # the existing portfolio is offered first
    ok(dialog).click()
    assert dialog.isVisible() and dialog.problem.text() == "Give the account a name and a portfolio."
    dialog.name.setText("PEA")
    ok(dialog).click()
    assert dialog.isVisible() and dialog.problem.text() == "An account named PEA already exists."
    dialog.reject()
    assert [a.name for a in window.app.accounts()] == ["PEA"]


def test_edit_and_delete_an_account_from_the_book_menu(qtbot, window, monkeypatch):
    app = window.app
    app.add_account("Moi", "Marge", "USD", short_selling=True)
    app.add_account("Moi", "Vide", "EUR")
    app.add_transaction(Transaction(date(2024, 1, 2), "Marge", TxType.SELL, "USD", "TSLA", D(3), D(250)))
    qtbot.waitUntil(lambda: window.data is not None and len(window.data.accounts) == 2, timeout=10_000)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))

    dialog = window.accounts.edit_account("Marge")
    assert (dialog.name.text(), dialog.currency.currentText(), dialog.currency.isEnabled()) == ("Marge", "USD", False)
    assert dialog.short_selling.isChecked()
    dialog.short_selling.setChecked(False)  # with a short open: the ledger refuses, nothing is written
    ok(dialog).click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "does not allow short selling" in warnings[0] and app.accounts()[0].short_selling

    dialog = window.accounts.edit_account("Marge")
    dialog.name.setText("Marge IBKR")
    dialog.portfolio.setCurrentText("Client Dupont")
    ok(dialog).click()
    qtbot.waitUntil(lambda: "Marge IBKR" in {a.name for a in app.accounts()}, timeout=10_000)
    assert next(a for a in app.accounts() if a.name == "Marge IBKR").portfolio == "Client Dupont"

    window.accounts.delete_account("Marge IBKR", confirm=False)  # it has a transaction: refused
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=10_000)
    assert "has 1 transaction(s)" in warnings[1]
    window.accounts.delete_account("Vide", confirm=False)
    qtbot.waitUntil(lambda: [a.name for a in app.accounts()] == ["Marge IBKR"], timeout=10_000)


def test_an_account_edit_can_be_undone_and_redone(qtbot, window):
    app = window.app
    app.add_account("Moi", "Marge", "USD", short_selling=True)
    qtbot.waitUntil(lambda: window.data is not None and len(window.data.accounts) == 1, timeout=10_000)
    dialog = window.accounts.edit_account("Marge")
    dialog.name.setText("Marge IBKR")
    dialog.portfolio.setCurrentText("Client Dupont")
    ok(dialog).click()
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=10_000)
    assert [(a.name, a.portfolio) for a in app.accounts()] == [("Marge IBKR", "Client Dupont")]
    assert "Marge IBKR" in window.undo_action.text()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: [(a.name, a.portfolio) for a in app.accounts()] == [("Marge", "Moi")], timeout=10_000)
    assert app.accounts()[0].short_selling  # every field put back
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: [(a.name, a.portfolio) for a in app.accounts()] == [("Marge IBKR", "Client Dupont")],
                    timeout=10_000)
