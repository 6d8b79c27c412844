"""Issue 20 (8): a security without any price says why and what to do — and what it says can be done: a
close typed by hand (Quotes ▸ Add a Price…, or a holding's menu), which values it at once."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gigatracker.app import App
from gigatracker.core.ledger import LedgerError, Transaction, TxType
from gigatracker.ui.dialogs.price import PriceDialog
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.models.holdings import PRICE


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "unpriced.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Famille", "PEA", "EUR")
        app.add_transactions([Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(5000)),
                              Transaction(date(2024, 1, 15), "PEA", TxType.BUY, "EUR", "AIR.PA", D(10), D("120.5"))])
    app = App.open(path)
    main = MainWindow(app, page="holdings")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 1, timeout=10_000)
    yield main
    main.close()
    app.close()


def answer(qtbot, close: str, day=None):
    """Fill the Add a Price dialog once it shows, and press OK."""
    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PriceDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.close_field.setText(close)
        if day is not None:
            dialog.day.setDate(day)
        dialog._accept()
    QTimer.singleShot(0, fill)


def test_a_close_typed_by_hand_values_a_security_that_had_none(qtbot, window):
    price = window.model.index(0, PRICE)
    assert price.data() == "no price yet"
    answer(qtbot, "198.4", date(2026, 11, 27))
    window.quotes.add_price("AIR.PA")  # the holding's menu: its symbol chosen, its currency with it
    qtbot.waitUntil(lambda: window.model.index(0, PRICE).data() == "198.40 EUR", timeout=10_000)
    assert window.app.market.quote_status()[0]["source"] == "manual"


def test_the_dialog_refuses_what_is_not_a_price(qtbot, window):
    dialog = PriceDialog({"AIR.PA": "EUR"}, "AIR.PA", window)
    qtbot.addWidget(dialog)
    assert dialog.currency.currentText() == "EUR"
    for typed in ("", "abc", "-3", "0"):
        dialog.close_field.setText(typed)
        dialog._accept()
        assert dialog.problem.text() == "Give the close as a positive number." and dialog.result() == 0
    dialog.symbol.setCurrentText("")
    dialog.close_field.setText("10")
    dialog._accept()
    assert dialog.problem.text() == "Give the security's symbol."


def test_the_app_refuses_a_bad_price_and_changes_nothing(window):
    app = window.app
    with pytest.raises(LedgerError) as refused:
        app.market.add_price("AIR PA$", date(2026, 11, 27), D(-1), "XYZ")
    assert "is not a symbol" in str(refused.value) and "must be positive" in str(refused.value)
    assert all(row["last_close"] is None for row in app.market.quote_status() if row["symbol"] == "AIR.PA")
