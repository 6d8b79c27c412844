"""Securities a broker named by ISIN get their Yahoo symbol from the window: all at once (Quotes → Find
Yahoo Symbols) or one by one (Holdings → Change Symbol, picking a listing Yahoo found). Yahoo's search is
served from recorded and hand-written responses (no network); the renames land in the real book."""
from datetime import date
from decimal import Decimal as D

import pytest
import yfinance as yf
from PySide6.QtWidgets import QDialogButtonBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.market import yahoo
from gigatracker.ui.main_window import MainWindow
from tests.support.yahoo_http import RecordedYahoo

from tests.ui.conftest import SCREENSHOTS

TOTAL, UNKNOWN_TO_YAHOO = "FR0000120271", "NO0010123060"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    yf.set_tz_cache_location(str(tmp_path / "yf-tz"))
    yf.data.YfData.cache_get.cache_clear()
    adapter = RecordedYahoo()
    monkeypatch.setattr(yahoo.YahooSource, "__init__", lambda self, session=None: setattr(
        self, "session", adapter.session()))
    path = tmp_path / "degiro.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "DEGIRO", "EUR")
        app.add_transactions([
            Transaction(date(2024, 3, 1), "DEGIRO", TxType.DEPOSIT, "EUR", amount=D(2000)),
            Transaction(date(2024, 3, 1), "DEGIRO", TxType.BUY, "EUR", TOTAL, D(10), D(60)),
            Transaction(date(2024, 3, 1), "DEGIRO", TxType.BUY, "EUR", UNKNOWN_TO_YAHOO, D(5), D(10)),
        ])
        app.themes.set_security(TOTAL, name="TotalEnergies SE", isin=TOTAL)
    app = App.open(path)
    main = MainWindow(app, page="holdings")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 2, timeout=10_000)
    yield main
    main.close()
    app.close()


def test_find_yahoo_symbols_renames_the_chosen_ones(qtbot, window):
    dialog = window.symbols.find_symbols()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    choices = {dialog.table.item(row, 0).text(): dialog.table.cellWidget(row, 3) for row in range(2)}
    assert choices[TOTAL].currentData() == "TTE.PA" and choices[UNKNOWN_TO_YAHOO].currentData() == ""
    assert choices[TOTAL].count() == 4  # keep the ISIN, or one of Yahoo's three listings
    assert dialog.intro.text().startswith("2 securities are named by ISIN; a Yahoo listing was chosen for 1")
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "find_symbols.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: sorted(window.model.symbols()) == [UNKNOWN_TO_YAHOO, "TTE.PA"], timeout=10_000)
    assert "renamed" in window.statusBar().currentMessage()


def test_nothing_chosen_is_refused_in_the_dialog(qtbot, window):
    dialog = window.symbols.find_symbols()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    for row in range(2):
        dialog.table.cellWidget(row, 3).setCurrentIndex(0)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.problem.text() == "Choose a Yahoo symbol for at least one security."


def test_change_one_symbol_by_picking_a_listing(qtbot, window):
    dialog = window.symbols.change_symbol(TOTAL)
    assert dialog.query.text() == TOTAL  # searched by its ISIN
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible() and dialog.problem.text() == "Type a symbol, or pick a listing."
    dialog.new_symbol.setText("TTE*PA")
    ok.click()
    assert dialog.isVisible() and dialog.problem.text().startswith("TTE*PA is not a symbol")
    dialog.new_symbol.clear()
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.listings.count() == 3, timeout=10_000)
    assert dialog.listings.item(1).text() == "TTE.PA — TotalEnergies SE · Paris · EUR"
    dialog.listings.setCurrentRow(2)
    assert dialog.new_symbol.text() == "TOTB.DE"
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "change_symbol.png"))
    ok.click()
    qtbot.waitUntil(lambda: "TOTB.DE" in window.model.symbols(), timeout=10_000)


def test_a_search_yahoo_does_not_answer_says_so(qtbot, window):
    dialog = window.symbols.change_symbol(UNKNOWN_TO_YAHOO)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.find_button.isEnabled(), timeout=10_000)
    assert dialog.status.text() == "Yahoo found nothing: type the symbol yourself."
    dialog.reject()


def test_a_rename_into_a_symbol_the_book_has_is_undone_from_the_edit_menu(qtbot, window):
    """A merge: UNKNOWN_TO_YAHOO renamed to the TotalEnergies ISIN the book already holds becomes one
    position; Undo splits them again, with their own names and quantities; Redo merges them again."""
    from tests.support.books import dump

    path = window.app.book.path
    before = sorted(line for line in dump(path) if "sqlite_sequence" not in line)
    dialog = window.symbols.change_symbol(UNKNOWN_TO_YAHOO)
    dialog.new_symbol.setText(TOTAL)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.model.symbols() == [TOTAL], timeout=10_000)
    assert window.undo_action.text() == f"&Undo Rename {UNKNOWN_TO_YAHOO} → {TOTAL}"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: sorted(window.model.symbols()) == [TOTAL, UNKNOWN_TO_YAHOO], timeout=10_000)
    assert sorted(line for line in dump(path) if "sqlite_sequence" not in line) == before
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: window.model.symbols() == [TOTAL], timeout=10_000)
    assert window.app.holdings()[0].quantity == 15
