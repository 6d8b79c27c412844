"""A new, empty book (issue 20, point 6): the welcome page opens a first run only when there is no book to
show; a transaction asked for without an account opens the transaction dialog once the account exists;
the dashboard and the performance page say what to do next instead of "all good" lines and bare axes."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.language import install_language
from gigatracker.ui.dialogs.account import AccountDialog
from gigatracker.ui.dialogs.transaction import TransactionDialog
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS


def open_window(qtbot, path, page=None) -> MainWindow:
    window = MainWindow(App.open(path), page=page)
    qtbot.addWidget(window)
    window.resize(1280, 780)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
    return window


def close(window: MainWindow) -> None:
    app = window.app
    window.close()
    app.close()


@pytest.fixture
def empty(tmp_path):
    path = tmp_path / "new.gtbook"
    App.create(path, "EUR").close()
    return path


@pytest.fixture
def full(tmp_path):
    path = tmp_path / "full.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "PEA", "EUR")
        app.add_transactions([Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(10_000)),
                              Transaction(date(2024, 1, 3), "PEA", TxType.BUY, "EUR", "ASML.AS", D(5), D(700))])
    return path


def ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def visible_dialog(window, kind):
    shown = [d for d in window.findChildren(kind) if d.isVisible()]
    return shown[-1] if shown else None


# -- the welcome page ------------------------------------------------------------------------------
def test_a_first_run_on_a_full_book_opens_on_its_dashboard(qtbot, full, qt_settings):
    qt_settings.setValue("ui/welcome_seen", "false")  # never seen: a first run (the demo book made at launch)
    window = open_window(qtbot, full)
    assert window.current_page() == "dashboard" and not window.welcome.isVisible()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Welcome Page").trigger()  # still there on demand
    assert window.current_page() == "welcome"
    close(window)


def test_a_first_run_without_a_book_to_show_opens_on_the_welcome_page(qtbot, empty, qt_settings):
    qt_settings.setValue("ui/welcome_seen", "false")
    window = open_window(qtbot, empty)
    assert window.current_page() == "welcome"
    close(window)


def test_a_book_already_seen_opens_on_the_dashboard_even_empty(qtbot, empty):
    window = open_window(qtbot, empty)  # the tests' settings: the welcome page was seen
    assert window.current_page() == "dashboard"
    close(window)


# -- no account: the account first, then the transaction -----------------------------------------------
def test_the_account_asked_for_by_ctrl_t_is_followed_by_the_transaction_dialog(qtbot, empty):
    window = open_window(qtbot, empty, "holdings")
    window.add_action.trigger()  # Ctrl+T
    account = visible_dialog(window, AccountDialog)
    assert account is not None and visible_dialog(window, TransactionDialog) is None
    account.portfolio.setCurrentText("Moi")
    account.name.setText("Courtier")
    ok(account).click()
    qtbot.waitUntil(lambda: visible_dialog(window, TransactionDialog) is not None, timeout=10_000)
    dialog = visible_dialog(window, TransactionDialog)
    assert dialog.account.currentData() == "Courtier"  # for the account just made
    dialog.type.setCurrentIndex(dialog.type.findData("DEPOSIT"))
    dialog.date.setDate(QDate(2024, 1, 2))
    dialog.amount.setText("1000")
    qtbot.waitUntil(lambda: ok(dialog).isEnabled(), timeout=5_000)
    ok(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert [(tx.account, tx.amount) for tx in window.app.transactions()] == [("Courtier", D(1000))]
    close(window)


def test_a_refused_or_cancelled_account_opens_no_transaction_dialog(qtbot, empty):
    window = open_window(qtbot, empty, "holdings")
    window.add_transaction()
    visible_dialog(window, AccountDialog).reject()
    qtbot.wait(200)
    assert visible_dialog(window, TransactionDialog) is None and window.app.accounts() == []
    close(window)


# -- what an empty book shows ----------------------------------------------------------------------
def test_the_empty_dashboard_says_what_to_do_next(qtbot, empty):
    window = open_window(qtbot, empty, "dashboard")
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.start_box.isVisible(), timeout=10_000)
    assert "This book is empty" in dashboard.start_text.text()
    for box in (dashboard.history_box, dashboard.health_box, dashboard.themes_box, dashboard.breaches_box,
                dashboard.reviews_box):
        assert not box.isVisible()  # no "all good" lines, no chart of no day
    buttons = dashboard.start_buttons
    assert all(buttons[step].isVisible() for step in ("account", "transaction", "import"))
    buttons["account"].click()  # the existing action: Book → New Account…
    account = visible_dialog(window, AccountDialog)
    assert account is not None
    account.portfolio.setCurrentText("Moi")
    account.name.setText("PEA")
    ok(account).click()
    qtbot.waitUntil(lambda: "No transactions yet" in dashboard.start_text.text(), timeout=10_000)
    assert visible_dialog(window, TransactionDialog) is None  # the account was asked for, not a transaction
    assert dashboard.start_box.isVisible() and not buttons["account"].isVisible()
    buttons["transaction"].click()
    dialog = visible_dialog(window, TransactionDialog)
    assert dialog is not None and dialog.account.currentData() == "PEA"
    dialog.reject()
    window.app.add_transaction(Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(500)))
    qtbot.waitUntil(lambda: not dashboard.start_box.isVisible(), timeout=10_000)
    assert dashboard.history_box.isVisible() and dashboard.health_box.isVisible()
    health = [label.text() for label in dashboard.health_box.findChildren(type(dashboard.start_text))
              if label.isVisible()]
    assert health == ["No security held yet: nothing to check."]  # cash only: no green "all good"
    close(window)


def test_the_empty_dashboard_imports_through_the_existing_action(qtbot, empty, monkeypatch):
    window = open_window(qtbot, empty, "dashboard")
    window.app.add_account("Moi", "PEA", "EUR")
    qtbot.waitUntil(lambda: bool(window.data.accounts), timeout=10_000)
    from gigatracker.ui.dialogs import import_wizard
    opened = []
    monkeypatch.setattr(import_wizard.ImportWizard, "exec", lambda self: opened.append(self) or 0)
    window.dashboard.start_buttons["import"].click()
    assert len(opened) == 1
    close(window)


def test_a_book_with_transactions_shows_no_guidance(qtbot, full):
    window = open_window(qtbot, full, "dashboard")
    qtbot.waitUntil(lambda: window.dashboard.total.value.text() != "—", timeout=10_000)
    assert not window.dashboard.start_box.isVisible() and window.dashboard.history_box.isVisible()
    close(window)


def test_the_empty_performance_page_says_so_instead_of_empty_axes(qtbot, empty):
    window = open_window(qtbot, empty, "performance")
    view = window.performance
    qtbot.waitUntil(lambda: view.empty.isVisible(), timeout=20_000)
    assert view.empty.text().startswith("Nothing to measure yet: add transactions first.")
    assert not view.body.isVisible() and not view.cards.isVisible() and not view.value_chart.isVisible()
    close(window)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshots_of_a_new_book(qtbot, empty, language):
    assert install_language(language)
    window = open_window(qtbot, empty, "dashboard")
    qtbot.waitUntil(lambda: window.dashboard.start_box.isVisible(), timeout=10_000)
    SCREENSHOTS.mkdir(exist_ok=True)
    qtbot.wait(50)
    assert window.grab().save(str(SCREENSHOTS / f"dashboard_empty_{language}.png"))
    window.show_page("performance")
    qtbot.waitUntil(lambda: window.performance.empty.isVisible(), timeout=20_000)
    qtbot.wait(50)
    assert window.grab().save(str(SCREENSHOTS / f"performance_empty_{language}.png"))
    close(window)


def test_the_account_asked_for_by_an_import_is_followed_by_the_wizard(qtbot, empty, monkeypatch):
    from gigatracker.ui.dialogs import import_wizard
    offered = []

    def wizard_shown(wizard):
        offered.append([wizard.file_page.account.itemText(i) for i in range(wizard.file_page.account.count())])
        return 0  # cancelled: what matters is that it came, for the account just made
    monkeypatch.setattr(import_wizard.ImportWizard, "exec", wizard_shown)
    window = open_window(qtbot, empty, "holdings")
    window.import_action.trigger()  # Ctrl+I in a book without an account
    account = visible_dialog(window, AccountDialog)
    account.portfolio.setCurrentText("Moi")
    account.name.setText("Courtier")
    ok(account).click()
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert any("Courtier" in text for text in offered[0])
    close(window)
