"""The window's other paths, driven as a user would: the context menu's actions, themes assigned from the
holdings, an import (refused whole, then accepted), settings (language, appearance, base currency,
stream URL) and the portfolio selector."""
from datetime import date
from decimal import Decimal as D

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QMessageBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.importers.mapping import load_mapping
from gigatracker.ui.dialogs import assign_themes, import_wizard, settings as settings_dialog
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.models.holdings import COLUMNS
from tests.support.books import dump

MAPPING = """
[csv]
delimiter = ";"
decimal = ","
date_format = "%d/%m/%Y"
[columns]
date = "Date"
type = "Type"
symbol = "Symbole"
quantity = "Quantité"
price = "Prix"
currency = "Devise"
[types]
"Achat" = "BUY"
"""



@pytest.fixture
def book(tmp_path):
    path = tmp_path / "actions.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "PEA", "EUR")
        app.add_account("Client", "CTO", "EUR")
        app.add_transactions([
            Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(10_000)),
            Transaction(date(2024, 1, 3), "PEA", TxType.BUY, "EUR", "ASML.AS", D(5), D(700)),
            Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "AIR.PA", D(3), D(150)),
        ])
        app.themes.add_theme("Inference era/Chip equipment")
        app.themes.add_theme("Inference era/AI PCs")
    return path


@pytest.fixture
def window(qtbot, book):
    app = App.open(book)
    main = MainWindow(app, page="holdings")  # not given to qtbot: a language change deletes it
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 2, timeout=10_000)
    yield main
    if shiboken6.isValid(main):  # a language change replaces the window (and deletes this one)
        main.close()
    app.close()


def test_a_theme_assignment_can_be_undone_and_redone(qtbot, window, monkeypatch):
    def accept(dialog):
        rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
        dialog.table.item(rows["Inference era/Chip equipment"], 1).setText("")
        dialog.table.item(rows["Inference era/AI PCs"], 1).setText("100")
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(assign_themes.AssignThemesDialog, "exec", accept)
    themes = window.app.themes
    themes.assign("ASML.AS", ["Inference era/Chip equipment=2500"])
    column = COLUMNS.index("Themes")
    qtbot.waitUntil(lambda: any("Chip equipment 25 %" in (window.model.index(r, column).data() or "")
                                for r in range(window.model.rowCount())), timeout=10_000)  # the window reloaded
    window.holdings.assign_themes.emit("ASML.AS")
    after = {"Inference era/AI PCs": 10_000}
    qtbot.waitUntil(lambda: themes.assignments()["Thesis"].get("ASML.AS") == after, timeout=5_000)
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=5_000)
    assert "ASML.AS" in window.undo_action.text()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: themes.assignments()["Thesis"].get("ASML.AS") == {"Inference era/Chip equipment": 2500},
                    timeout=5_000)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: themes.assignments()["Thesis"].get("ASML.AS") == after, timeout=5_000)


def test_show_transactions_filters_to_the_position(qtbot, window):
    window.holdings.show_transactions.emit("ASML.AS", "PEA")
    assert window.current_page() == "transactions"
    model = window.transactions.model
    assert model.rowCount() == 1 and model.transaction(0).symbol == "ASML.AS"


def test_add_a_transaction_from_a_position_presets_it(qtbot, window):
    window.holdings.add_transaction.emit("ASML.AS", "PEA")
    dialog = window.findChild(QDialog)
    assert dialog.symbol.text() == "ASML.AS" and dialog.account.currentData() == "PEA"
    dialog.reject()


def test_assign_themes_from_the_holdings(qtbot, window, monkeypatch):
    def accept(dialog):
        rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
        assert set(rows) == {"Inference era", "Inference era/AI PCs", "Inference era/Chip equipment"}
        dialog.table.item(rows["Inference era/AI PCs"], 1).setText("60")
        dialog.table.item(rows["Inference era/Chip equipment"], 1).setText("40")
        assert dialog.total.text() == "Assigned 100.00 % · Unassigned 0.00 %"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(assign_themes.AssignThemesDialog, "exec", accept)
    window.holdings.assign_themes.emit("ASML.AS")
    qtbot.waitUntil(lambda: window.app.themes.assignments().get("Thesis", {}).get("ASML.AS") is not None,
                    timeout=5_000)
    assert window.app.themes.assignments()["Thesis"]["ASML.AS"] == {"Inference era/AI PCs": 6000,
                                                                    "Inference era/Chip equipment": 4000}
    themes = COLUMNS.index("Themes")
    qtbot.waitUntil(lambda: any("AI PCs 60 %" in (window.model.index(r, themes).data() or "")
                                for r in range(window.model.rowCount())), timeout=5_000)


def test_the_theme_editor_refuses_more_than_100_percent(qapp):
    dialog = assign_themes.AssignThemesDialog("X", "Thesis", ["A", "B"], {})
    dialog.table.item(0, 1).setText("70")
    dialog.table.item(1, 1).setText("40,5" if "," == dialog.locale().decimalPoint() else "40.5")
    assert "more than 100" in dialog.total.text()
    dialog.table.item(1, 1).setText("30")
    assert dialog.specs() == ["A=7000", "B=3000"]


def test_an_import_with_a_bad_row_writes_nothing_then_a_good_one_imports(qtbot, window, book, tmp_path,
                                                                         monkeypatch):
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("Date;Type;Symbole;Quantité;Prix;Devise\n02/02/2024;Achat;NVDA;2;100;EUR\n"
                   "03/02/2024;Achat;AMD;deux;100;EUR\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("Date;Type;Symbole;Quantité;Prix;Devise\n02/02/2024;Achat;NVDA;2;100,5;EUR\n", encoding="utf-8")
    choice = {}
    monkeypatch.setattr(import_wizard.ImportWizard, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(import_wizard.ImportWizard, "choice",
                        lambda self: import_wizard.ImportChoice(str(choice["file"]), None, load_mapping(mapping), "PEA"))
    refusals = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: refusals.append(box.detailedText()))

    before = dump(book)
    choice["file"] = bad
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(refusals), timeout=10_000)
    assert "bad.csv:3" in refusals[0] and "quantity" in refusals[0]
    assert dump(book) == before

    choice["file"] = good
    window.import_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "import_summary", None) is not None, timeout=10_000)
    assert window.import_summary.text() == "1 rows read: 1 added, 0 skipped as already imported."
    assert window.import_summary.informativeText() == ""  # NVDA is a Yahoo symbol already
    window.import_summary.close()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)


def test_the_portfolio_selector_shows_one_client(qtbot, window):
    box = window.portfolio_box
    assert [box.itemText(i) for i in range(box.count())] == ["All portfolios", "Client", "Foyer"]
    box.setCurrentIndex(box.findData("Client"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.model.holding(0).symbol == "AIR.PA"
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.dashboard.total.detail.text().startswith("Client"), timeout=10_000)
    assert window.dashboard.total.value.text() == "-450.00 EUR"  # no price for AIR.PA yet: its cash only


def test_settings_change_language_appearance_currency_and_stream(qtbot, window, qt_settings, monkeypatch):
    def accept(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
        dialog.base_currency.setCurrentText("USD")
        dialog.stream_url.setText("ws://127.0.0.1:9")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", accept)
    replaced = []
    window.replaced.connect(replaced.append)
    app = window.app
    window.settings_action.trigger()
    assert qt_settings.value("ui/language") == "fr" and qt_settings.value("stream/url") == "ws://127.0.0.1:9"
    assert qt_settings.value("ui/appearance") == "dark"
    qtbot.waitUntil(lambda: bool(replaced), timeout=5_000)  # a new window, in French, on the same book
    new = replaced[0]
    qtbot.addWidget(new)
    qtbot.waitUntil(lambda: new.palette().window().color().lightness() < 100, timeout=2_000)
    assert new.app is app and new.nav.item(0).text() == "Tableau de bord"
    qtbot.waitUntil(lambda: app.base_currency == "USD", timeout=5_000)
    new.close()


def test_work_longer_than_a_second_shows_progress(qtbot, window, monkeypatch):
    import time

    from gigatracker.ui import refresh

    real = refresh.load_window_data
    monkeypatch.setattr(refresh, "load_window_data", lambda *args, **kwargs: (time.sleep(1.5), real(*args, **kwargs))[1])
    window.reload()
    qtbot.wait(500)
    assert not window.progress.isVisible()  # nothing shown for short work
    qtbot.waitUntil(lambda: window.progress.isVisible(), timeout=2_000)
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=5_000)


def test_exports_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from openpyxl import load_workbook

    target = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target["path"]), ""))
    for what, name in (("holdings", "h.xlsx"), ("transactions", "t.csv"), ("exposure", "e.csv")):
        target["path"] = tmp_path / name
        window.export_actions[what].trigger()
        qtbot.waitUntil(target["path"].exists, timeout=5_000)
    assert load_workbook(tmp_path / "h.xlsx").active.max_row == 3  # header + ASML.AS + AIR.PA
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").count("\n") == 4
    target["path"] = tmp_path / "book.json"
    window.export_actions["book"].trigger()
    qtbot.waitUntil(target["path"].exists, timeout=5_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(tmp_path / "book.json"), ""))
    target["path"] = tmp_path / "copy.gtbook"
    window.import_book_action.trigger()
    qtbot.waitUntil(lambda: window.app.book.path == tmp_path / "copy.gtbook", timeout=10_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
