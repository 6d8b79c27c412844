"""Accounts from the window: Book → New Account (portfolio, name, currency, cost of sales, short selling),
and a book with no account asks for one before a transaction or an import."""
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from gigatracker.app import App
from gigatracker.core.ledger import Account
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
    dialog = window.new_account()
    assert dialog.portfolio.currentText() == "Moi"  # the existing portfolio is offered first
    ok(dialog).click()
    assert dialog.isVisible() and dialog.problem.text() == "Give the account a name and a portfolio."
    dialog.name.setText("PEA")
    ok(dialog).click()
    assert dialog.isVisible() and dialog.problem.text() == "An account named PEA already exists."
    dialog.reject()
    assert [a.name for a in window.app.accounts()] == ["PEA"]
