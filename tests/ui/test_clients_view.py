"""The advisers' clients view: portfolios side by side, and a client compared with a model portfolio and
with its own targets and rules, with figures checked by hand."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.core.rules import Rule
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.views.clients import TARGETS

CHIPS, PCS = "AI/Chips", "AI/PCs"


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "clients.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Dupont", "D-CTO", "EUR")
        app.add_account("Martin", "M-CTO", "EUR")
        day = date(2024, 1, 3)
        app.add_transactions([
            Transaction(day, "D-CTO", TxType.BUY, "EUR", "NVDA", D(30), D(100)),  # 3000
            Transaction(day, "D-CTO", TxType.BUY, "EUR", "DELL", D(20), D(50)),  # 1000
            Transaction(day, "M-CTO", TxType.BUY, "EUR", "NVDA", D(10), D(100)),  # 1000
            Transaction(day, "M-CTO", TxType.BUY, "EUR", "DELL", D(60), D(50)),  # 3000
        ])
        prices = tmp_path / "p.csv"
        prices.write_text("date,symbol,close,currency\n2024-01-03,NVDA,100,EUR\n2024-01-03,DELL,50,EUR\n")
        app.import_prices(prices)
        app.themes.add_theme(CHIPS, target_min_bp=4000, target_max_bp=6000)
        app.themes.add_theme(PCS, target_max_bp=3000)
        app.themes.assign("NVDA", [f"{CHIPS}=10000"])
        app.themes.assign("DELL", [f"{PCS}=10000"])
        app.themes.add_rule(Rule("position", "NVDA", 5000))
    # The portfolios hold cash of -4000 each (no deposits): a client's total is 0. Deposits make it real:
    with App.open(path) as app:
        app.add_transactions([Transaction(date(2024, 1, 2), a, TxType.DEPOSIT, "EUR", amount=D(4000))
                              for a in ("D-CTO", "M-CTO")])
    app = App.open(path)
    main = MainWindow(app, page="clients")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.clients.table.rowCount() == 2, timeout=10_000)
    yield main
    main.close()
    app.close()


def test_portfolios_side_by_side(window):
    table = window.clients.table
    cells = [[table.item(r, c).text() for c in range(5)] for r in range(2)]
    assert cells[0][:2] == ["Dupont", "4,000.00 EUR"] and cells[1][:2] == ["Martin", "4,000.00 EUR"]
    assert cells[0][2] == "Chips 75.0 %, PCs 25.0 %" and cells[1][2] == "PCs 75.0 %, Chips 25.0 %"
    # Dupont breaks NVDA max 50 % (75 %) and the chips target max 60 %; Martin breaks PCs max 30 % (75 %)
    # and the chips target min 40 % (25 %)
    assert cells[0][3] == "2" and cells[1][3] == "2"


def test_a_client_against_a_model_portfolio(window):
    window.clients.compare("Dupont", "Martin")
    rows = {row[0]: row[1:] for row in window.clients.comparison_rows()}
    assert rows[CHIPS] == ["75.0 %", "25.0 %", "+50.0 pts"] and rows[PCS] == ["25.0 %", "75.0 %", "-50.0 pts"]
    assert rows["AI"] == ["100.0 %", "100.0 %", "0.0 pts"]
    assert window.clients.summary.text().startswith("50.0 %")


def test_a_client_against_its_targets_and_rules(window):
    # Martin: 4,000 EUR, NVDA 1,000 (25 %), DELL 3,000 (75 %)
    window.clients.compare("Martin", TARGETS)
    rows = {row[0]: row[1:] for row in window.clients.comparison_rows()}
    # chips min 40 %: 1,600 wanted, 1,000 held -> add 600; PCs max 30 %: 1,200 allowed, 3,000 held -> trim 1,800
    assert rows[CHIPS] == ["25.0 %", "40.0 % – 60.0 %", "below by 15.0 pts · add 600.00 EUR"]
    assert rows[PCS] == ["75.0 %", "0 % – 30.0 %", "above by 45.0 pts · trim 1,800.00 EUR"]
    assert rows["Position · NVDA"] == ["25.0 %", "0 % – 50.0 %", "within"]
    assert window.clients.summary.text() == "2 of 3 targets and rules missed"
    # Dupont: NVDA 3,000 of 4,000 breaks the user's 50 % rule: trim 1,000
    window.clients.compare("Dupont", TARGETS)
    rows = {row[0]: row[1:] for row in window.clients.comparison_rows()}
    assert rows["Position · NVDA"] == ["75.0 %", "0 % – 50.0 %", "above by 25.0 pts · trim 1,000.00 EUR"]
    assert sorted(window.clients.table.item(0, 3).toolTip().splitlines()) == [
        "AI/Chips: above by 15.0 pts · trim 600.00 EUR", "Position · NVDA: above by 25.0 pts · trim 1,000.00 EUR"]


def test_opening_a_client_selects_its_portfolio(qtbot, window):
    window.clients.open_client.emit("Martin")
    assert window.current_page() == "dashboard"
    qtbot.waitUntil(lambda: window.dashboard.total.detail.text().startswith("Martin"), timeout=10_000)
    assert window.model.rowCount() == 2


def test_the_buttons_act_on_the_client_in_view(qtbot, window):
    """Issue 20 (3): "Export report" and "Open client" did nothing until a row was selected, though
    "Compare" showed a client. They act on the selected row, else on the client compared, and say whom."""
    view = window.clients
    exported, opened = [], []
    view.export_report.disconnect()
    view.open_client.disconnect()
    view.export_report.connect(exported.append)
    view.open_client.connect(opened.append)
    view.table.clearSelection()
    view.client.setCurrentIndex(view.client.findData("Martin"))
    assert view.report_button.isEnabled() and view.report_button.text() == "Export the report of Martin (PDF)…"
    view.report_button.click()
    view.open_button.click()
    assert exported == ["Martin"] and opened == ["Martin"]
    view.table.selectRow(0)  # a row selected wins
    assert view.open_button.text() == "Open Dupont"
    view.open_button.click()
    assert opened == ["Martin", "Dupont"]


def test_a_saved_report_says_where_with_a_button_to_open_its_folder(qtbot, window, tmp_path, monkeypatch):
    """Issue 20 (3): save dialogs start in the user's Documents folder (then where the user last saved), not
    the working directory; after the PDF is written the status bar says where, with "Open folder"."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    documents = tmp_path / "home" / "Documents"
    documents.mkdir(parents=True)
    chosen_folder = tmp_path / "rapports"
    chosen_folder.mkdir()
    asked, opened = [], []

    def save_dialog(parent, caption, start, filters):
        asked.append(start)
        return str(chosen_folder / f"report-{len(asked)}.pdf"), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    view = window.clients
    view.table.selectRow(1)
    view.report_button.click()
    assert asked == [str(documents / "Martin.pdf")]
    qtbot.waitUntil(lambda: (chosen_folder / "report-1.pdf").exists()
                    and window.statusBar().currentMessage().startswith("Report written to"), timeout=30_000)
    assert window.statusBar().currentMessage() == f"Report written to {chosen_folder / 'report-1.pdf'}"
    button = window.findChild(type(view.report_button), "openSavedFolder")
    assert button.isVisible() and button.text() == "Open folder"
    button.click()
    assert opened == [str(chosen_folder)]
    view.report_button.click()  # the next dialog starts where the user saved last
    assert asked[1] == str(chosen_folder / "Martin.pdf")
    qtbot.waitUntil(lambda: (chosen_folder / "report-2.pdf").exists(), timeout=30_000)
    window.statusBar().showMessage("something else")
    assert not button.isVisible()  # the button goes with its message
