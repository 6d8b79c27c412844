"""The themes editor: weights typed in the editor move the exposure exactly as computed by hand;
securities dragged onto a theme (or bulk-assigned) get it; the thesis card flags an overdue review; a
journal entry records the theme's weight; a theme renamed keeps its securities."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from gigatracker.app import App
from gigatracker.core.exposure import View
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.core.themes import Thesis
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS

CHIPS, PCS = "AI/Chips", "AI/PCs"


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "themes.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transactions([
            Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(4000)),
            Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "NVDA", D(10), D(100)),
            Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "DELL", D(20), D(50)),
            Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "LNVG", D(40), D(25))])
        prices = tmp_path / "p.csv"
        prices.write_text("date,symbol,close,currency\n2024-01-03,NVDA,100,EUR\n2024-01-03,DELL,50,EUR\n"
                          "2024-01-03,LNVG,25,EUR\n")
        app.import_prices(prices)
        for symbol, name in (("NVDA", "NVIDIA"), ("DELL", "Dell"), ("LNVG", "Lenovo")):
            app.themes.set_security(symbol, name=name)
        app.themes.add_theme(CHIPS)
        app.themes.add_theme(PCS)
        app.themes.set_thesis(Thesis("Thesis", CHIPS, "Inference runs on GPUs", 4, "capex cuts", "HBM",
                                     date(2024, 6, 1)))
    app = App.open(path)
    main = MainWindow(app, page="themes")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitUntil(lambda: main.themes.tree.topLevelItemCount() == 1, timeout=10_000)
    yield main
    main.close()
    app.close()


def theme_rows(window):
    """The exposure view's figures (the view is filled when shown, as a user would look at it)."""
    window.show_page("exposure")
    data = window.exposure.data
    rows = {row.key: (row.value_base, row.weight_bp) for row in data.result.rows} if data else {}
    window.show_page("themes")
    return rows


def test_weights_from_the_editor_change_exposure_exactly(qtbot, window):
    view = window.themes
    view._select_security("NVDA")
    assert view.weights.symbol == "NVDA"
    view.weights.set_weight(CHIPS, "62,5" if view.locale().decimalPoint() == "," else "62.5")
    view.weights.set_weight(PCS, "12.25" if view.locale().decimalPoint() == "." else "12,25")
    assert view.weights.total.text() == "Assigned 74.75 % · Unassigned 25.25 %"
    view.save_button.click()
    qtbot.waitUntil(lambda: CHIPS in theme_rows(window), timeout=10_000)
    # Book: NVDA 1000, DELL 1000, LNVG 1000, cash 4000 - 3000 = 1000; total 4000.
    # Chips: 1000 x 62.5 % = 625.00 (15.63 %); PCs: 1000 x 12.25 % = 122.50 (3.06 %).
    rows = theme_rows(window)
    assert rows[CHIPS] == (D("625.00"), 1563) and rows[PCS] == (D("122.50"), 306)
    assert rows["Unassigned"] == (D("3252.50"), 8131)


def test_over_100_percent_cannot_be_saved(window):
    view = window.themes
    view._select_security("DELL")
    view.weights.set_weight(CHIPS, "70")
    view.weights.set_weight(PCS, "40")
    assert "more than 100" in view.weights.total.text() and not view.save_button.isEnabled()


def test_dragging_securities_onto_a_theme_assigns_them(qtbot, window):
    view = window.themes
    items = [view.securities.item(r) for r in range(view.securities.count())]
    dragged = [item for item in items if item.data(Qt.ItemDataRole.UserRole) in ("DELL", "LNVG")]
    mime = view.securities.mimeData(dragged)  # what a drag carries
    assert view.tree.dropMimeData(view.theme_item(PCS), 0, mime, Qt.DropAction.CopyAction)
    qtbot.waitUntil(lambda: window.app.themes.assignments().get("Thesis", {}).get("LNVG") == {PCS: 10_000},
                    timeout=5_000)
    assert window.app.themes.assignments()["Thesis"]["DELL"] == {PCS: 10_000}
    qtbot.waitUntil(lambda: theme_rows(window).get(PCS, (0,))[0] == D("2000.00"), timeout=10_000)


def test_bulk_assign_gives_the_chosen_weight(qtbot, window, monkeypatch):
    view = window.themes
    view.select_theme(CHIPS)
    for row in range(view.securities.count()):
        item = view.securities.item(row)
        item.setSelected(item.data(Qt.ItemDataRole.UserRole) in ("NVDA", "DELL"))
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *args: (30.0, True))
    view.assign_button.click()
    qtbot.waitUntil(lambda: window.app.themes.assignments().get("Thesis", {}).get("DELL") == {CHIPS: 3000},
                    timeout=5_000)
    assert window.app.themes.assignments()["Thesis"]["NVDA"] == {CHIPS: 3000}


def test_thesis_card_journal_and_rename(qtbot, window, monkeypatch):
    view = window.themes
    view.select_theme(CHIPS)
    assert view.statement.text() == "Inference runs on GPUs" and view.conviction.text() == "★★★★☆"
    assert "overdue" in view.review.text() and "d73a49" in view.review.styleSheet()
    view.entry.setPlainText("Hyperscalers raised capex again")
    view.entry_button.click()
    qtbot.waitUntil(lambda: view.entries.count() == 1, timeout=10_000)
    assert "Hyperscalers raised capex again" in view.entries.item(0).text()
    assert "weight 0 %" in view.entries.item(0).text()  # nothing assigned yet: the snapshot says so
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "themes_editor.png"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Compute/Chips", True))
    view.buttons["rename"].click()
    qtbot.waitUntil(lambda: any(t.path == "Compute/Chips" for t in window.app.themes.list_themes()), timeout=5_000)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 2, timeout=10_000)
    assert [t.path for t in window.app.themes.theses()] == ["Compute/Chips"]


def test_the_exposure_view_lists_every_taxonomy(window):
    window.show_page("exposure")
    combo = window.exposure.dimension
    assert [combo.itemText(i) for i in range(combo.count())][:2] == ["Thesis", "Sector"]
    assert window.app.themes.exposure(View("theme")).exposure.total_base == D("4000.00")


def test_theme_packs_export_and_import(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    pack = tmp_path / "pack.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(pack), ""))
    window.themes.buttons["export"].click()
    qtbot.waitUntil(pack.exists, timeout=5_000)
    other = tmp_path / "other.gtbook"
    App.create(other, "EUR").close()
    window.open_book(other)
    qtbot.waitUntil(lambda: window.app.book.path == other, timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(pack), ""))
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    window.themes.buttons["import"].click()
    qtbot.waitUntil(lambda: {CHIPS, PCS} <= {t.path for t in window.app.themes.list_themes()}, timeout=5_000)
    qtbot.waitUntil(lambda: any(m.startswith("pack.json: 3 themes created") for m in messages), timeout=5_000)
