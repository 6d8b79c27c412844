"""The desktop window on a real book: holdings arrive from a worker, totals are right, a screenshot is saved."""
from datetime import date
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.ui.format import format_date
from gigatracker.ui.models.holdings import COLUMNS, STALE
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
    price = model.index(0, COLUMNS.index("Price"))
    assert "demo price of " + format_date(date(2026, 11, 20)) in price.data(0x03)  # ToolTipRole, locale date
    # Closes older than their market's last session (checked once the window settles) say so
    qtbot.waitUntil(lambda: "stale: its market has traded since" in price.data(0x03), timeout=20_000)
    assert price.data(0x09) == STALE  # ForegroundRole
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


def test_a_write_refreshes_only_what_it_touched(qtbot, tmp_path, monkeypatch):
    """Through the window's write path: a theme colour is read again without replaying the ledger (and the
    transactions table keeps its rows); a portfolio switch reads nothing again; a transaction replays.
    Each change names the window as who started it, its undo names "undo"."""
    from datetime import date
    from decimal import Decimal

    from gigatracker.app import operations as op
    from gigatracker.core.ledger import Transaction, TxType
    from gigatracker.core.themes import Theme

    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
        app.add_account("Foyer", "PEA", "EUR")
        app.add_transactions([Transaction(date(2024, 1, 2), "CTO", TxType.BUY, "EUR", "AIR.PA", Decimal(3),
                                          Decimal(100))])
        app.themes.add_theme("AI/Chips")
    app = App.open(tmp_path / "b.gtbook")
    replays, changes = [], []
    real = App.snapshot
    monkeypatch.setattr(App, "snapshot", lambda self, *a, **k: (replays.append(1), real(self, *a, **k))[1])
    app.subscribe(changes.append)
    window = MainWindow(app, page="transactions")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 1, timeout=10_000)
    shown, count = window.refresh.loaded, len(replays)

    window.writes.run(op.edit_theme(Theme("Thesis", "AI/Chips"), Theme("Thesis", "AI/Chips", "#ff0000")))
    qtbot.waitUntil(lambda: window.refresh.loaded is not shown, timeout=10_000)
    assert len(replays) == count  # no ledger replay for a theme's colour
    assert window.refresh.loaded.tx_cells is shown.tx_cells  # the transactions table is not reset
    assert [t.colour for t in window.data.themes if t.path == "AI/Chips"] == ["#ff0000"]
    assert changes[-1].parts() == ("themes",) and changes[-1].origin == "window"

    shown = window.refresh.loaded
    window.portfolio_box.setCurrentIndex(window.portfolio_box.findData("Foyer"))
    qtbot.waitUntil(lambda: window.refresh.loaded is not shown, timeout=10_000)
    assert len(replays) == count and window.transactions.model.rowCount() == 0

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: changes[-1].origin == "undo", timeout=10_000)
    window.writes.run(op.add_transaction(Transaction(date(2024, 1, 3), "PEA", TxType.DEPOSIT, "EUR",
                                                     amount=Decimal(50))))
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 1, timeout=10_000)
    assert len(replays) > count and changes[-1].parts() == ("transactions",)
    window.close()
    app.close()


@pytest.fixture
def one_account(qtbot, tmp_path):
    """A window on a book with one account, loaded."""
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
    app = App.open(tmp_path / "b.gtbook")
    window = MainWindow(app)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
    yield app, window
    window.close()
    app.close()


def test_undo_waits_for_the_write_under_way_and_a_vanished_portfolio_falls_back_to_all(qtbot, one_account):
    """Undo is offered only once the last write is done (else it would undo the step before); undoing the
    account that made the portfolio shown leaves the window on All portfolios, not on an empty view."""
    from gigatracker.app import operations as op
    from gigatracker.core.ledger import Account

    app, window = one_account
    window.writes.run(op.add_theme("R&D"))
    window.writes.run(op.add_account(Account("Livret", "Client Z", "EUR")))
    assert not window.undo_action.isEnabled()  # both under way
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=10_000)
    assert window.undo_action.text() == "&Undo New account Livret"
    qtbot.waitUntil(lambda: window.portfolio_box.findData("Client Z") > 0, timeout=10_000)  # the reload
    window.portfolio_box.setCurrentIndex(window.portfolio_box.findData("Client Z"))
    qtbot.waitUntil(lambda: window.data.portfolio == "Client Z", timeout=10_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.data.portfolio is None and window.data.portfolios == ["Moi"], timeout=10_000)
    assert window.portfolio is None and window.portfolio_box.currentData() is None
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=10_000)
    assert window.undo_action.text() == "&Undo Add theme R&&D"  # shown as "Undo Add theme R&D"


def test_undo_pressed_again_before_the_last_is_done_and_a_refused_step_stops_the_rest(qtbot, one_account, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gigatracker.app import operations as op
    from gigatracker.core.ledger import Account

    app, window = one_account
    for name in ("A", "B", "C"):
        window.writes.run(op.add_theme(name))
    qtbot.waitUntil(lambda: window.writes.undo_stack.count() == 3 and window.undo_action.isEnabled(), timeout=10_000)
    for _ in range(3):
        window.undo_action.trigger()  # no wait: each runs after the one before, on the writer
    qtbot.waitUntil(lambda: app.themes.list_themes() == [], timeout=10_000)

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    window.writes.run(op.add_account(Account("PEA", "Moi", "EUR")))
    window.writes.run(op.add_theme("Edge"))
    qtbot.waitUntil(lambda: window.writes.undo_stack.index() == 2 and window.undo_action.isEnabled(), timeout=10_000)
    app.themes.add_theme("Edge/Chips")  # outside the window: the theme is in use now, its undo is refused
    window.undo_action.trigger()
    window.undo_action.trigger()  # asked before the refusal came back: skipped, the account stays
    qtbot.waitUntil(lambda: len(warned) == 1, timeout=10_000)
    assert "Could not undo" in warned[0] and "sub-themes" in warned[0]
    qtbot.wait(300)
    assert [a.name for a in app.accounts()] == ["CTO", "PEA"] and window.writes.undo_stack.count() == 0


def test_a_transaction_added_after_every_other_is_formatted_alone(qtbot, tmp_path):
    """Today's trade on a book: the kept ledger takes it without a replay, the transactions table formats
    only the new row and places it without sorting the rest again — the same table as a whole reload."""
    from datetime import date
    from decimal import Decimal

    from gigatracker.app import operations as op
    from gigatracker.core.ledger import Transaction, TxType
    from gigatracker.ui.models.transactions import arrange, format_transactions

    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
        app.add_transactions([Transaction(date(2024, 1, d), "CTO", TxType.BUY, "EUR", "AIR.PA", Decimal(d),
                                          Decimal(100)) for d in range(2, 9)])
    app = App.open(tmp_path / "b.gtbook")
    window = MainWindow(app, page="transactions")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 7, timeout=10_000)
    before = window.refresh.loaded
    window.writes.run(op.add_transaction(Transaction(date(2024, 2, 1), "CTO", TxType.SELL, "EUR", "AIR.PA",
                                                     Decimal(3), Decimal(120))))
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 8, timeout=10_000)
    loaded = window.refresh.loaded
    assert all(new is old for new, old in zip(loaded.tx_cells, before.tx_cells))  # not formatted again
    assert loaded.tx_cells == format_transactions(loaded.txs)
    assert loaded.tx_order == arrange(loaded.txs, loaded.tx_cells, loaded.tx_arranged_by)
    assert window.transactions.model.transaction(0).type is TxType.SELL  # newest first
    assert app.ledger_state().ledger.positions()[0].quantity == sum(range(2, 9)) - 3
    window.close()
    app.close()
