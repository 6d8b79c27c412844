"""The desktop window on a real book: holdings arrive from a worker, totals are right, a screenshot is saved."""
from pathlib import Path

from gigatracker.app import App
from gigatracker.ui.models.holdings import COLUMNS
from gigatracker.ui.main_window import MainWindow

SCREENSHOTS = Path(__file__).parents[1] / "screenshots"


def test_window_shows_the_default_demo_book(qtbot):
    app = App.open(None)
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 15, timeout=10_000)
    model = window.model
    symbols = {model.index(r, COLUMNS.index("Symbol")).data() for r in range(model.rowCount())}
    assert {"NVDA", "ASML.AS", "005930.KS", "SOXX", "VVSM.DE", "0992.HK"} <= symbols
    expected = sum(v.market_value_base for v in app.holdings())
    assert model.total_base == expected
    assert "Holdings" in window.total_label.text() and "EUR" in window.total_label.text()
    price_tip = model.index(0, COLUMNS.index("Price")).data(0x03)  # ToolTipRole
    assert "demo price of 2026-11-20" in price_tip
    SCREENSHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / "main_window.png"))
    window.close()
    app.close()


def test_window_refreshes_after_a_write(qtbot, tmp_path):
    app = App.create(tmp_path / "b.gtbook", "EUR")
    app.add_account("P", "CTO", "EUR")
    window = MainWindow(app)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "0 positions" in window.statusBar().currentMessage(), timeout=10_000)
    from datetime import date
    from decimal import Decimal

    from gigatracker.core.ledger import Transaction, TxType
    app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.BUY, "EUR", "AIR.PA", Decimal(3), Decimal(100)))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.model.index(0, COLUMNS.index("Market value")).data() == "—"  # no price yet: said, not 0
    window.close()
    app.close()
