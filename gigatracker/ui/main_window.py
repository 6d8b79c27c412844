"""The main window: navigation between the views, the portfolio selector, toolbar, menus and status bar.

Every read runs in a worker and every write on the store writer; results and change events come back
by signal, so the GUI thread only formats and paints. Live prices are drained at 10 Hz into the holdings
model (changed rows only).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QColorDialog, QComboBox, QDialog, QFileDialog, QInputDialog, QLabel, QListWidget,
                               QMainWindow, QMessageBox,
                               QHBoxLayout, QProgressBar, QStackedWidget, QWidget)

from .. import __version__
from ..app import App
from ..app.changes import Changed
from ..core.exposure import contributions
from ..core.flows import Scope
from ..core.themes import DEFAULT_TAXONOMY
from ..app.dashboard import stale_prices
from ..app.performance import PeriodChoice
from ..app.performance_page import PerformanceCache, client_returns
from ..services.store import default_book_path
from ..services.stream.status import FeedState, FeedStatus
from . import undo
from ..services.language import install_language
from .appearance import apply_appearance
from .account_actions import AccountActions
from .book_security import BookSecurity, remember
from .dialogs.assign_themes import AssignThemesDialog
from .dialogs.import_wizard import ImportWizard
from .dialogs.new_book import NewBookDialog
from .dialogs.settings import SettingsDialog
from .dialogs.target import TargetDialog
from .dialogs.thesis import ThesisDialog
from .dialogs.transaction import TransactionDialog
from .events import ChangeRelay
from .failures import error_text
from .format import format_money
from .live import LivePrices
from .loading import ExposureData, WindowData, exposure_for, load_window_data
from .models.holdings import HoldingsRows
from .models.transactions import Arrangement, arrange, format_transactions
from .preferences import Preferences
from .symbol_actions import SymbolActions
from .views.clients import ClientsView
from .views.dashboard import DashboardView
from .views.exposure import ExposureView
from .views.holdings import HoldingsView
from .views.performance import PerformanceView
from .views.themes import ThemesView
from .views.transactions import TransactionsView
from .views.welcome import WelcomeView
from .workers import figures_pool, run_in_background, run_write

PAGES = ("dashboard", "holdings", "transactions", "themes", "exposure", "clients", "performance")
BUSY_AFTER_MS = 1000  # show progress for work that takes longer than this
HOURLY_MS = 3_600_000
# Platforms without a standard binding for these (e.g. Windows for Quit, most for Preferences).
FALLBACK_KEYS = {QKeySequence.StandardKey.Preferences: "Ctrl+,", QKeySequence.StandardKey.Quit: "Ctrl+Q"}


class Loaded(NamedTuple):
    data: WindowData
    holdings: HoldingsRows
    txs: list
    tx_cells: list[list[str]]
    tx_order: list[int]
    tx_arranged_by: Arrangement


def with_rows(data: WindowData, how: Arrangement) -> Loaded:
    """The tables' cells, formatted and the transactions arranged as the view shows them, in the worker
    too: 10,000 transactions take a few hundred ms to format and ~10 ms to filter and sort."""
    shown = {a.name for a in data.accounts if data.portfolio in (None, a.portfolio)}
    txs = [tx for tx in data.transactions if tx.account in shown]
    cells = format_transactions(txs)
    return Loaded(data, HoldingsRows.build(data.snapshot.holdings, data.names, data.theme_labels), txs, cells,
                  arrange(txs, cells, how), how)


STALENESS_DELAY_MS = 800
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    replaced = Signal(object)  # the window that takes over (after a language change)

    def __init__(self, app: App, *, page: str | None = None):
        super().__init__()
        self.app = app
        self.preferences = Preferences()
        self.portfolio: str | None = None
        self.data: WindowData | None = None  # what the views show, from the last reload
        self._live_prices: dict = {}  # the latest tick per symbol while a feed runs
        self._stale_pages: set[str] = set()  # views whose data arrived while they were hidden
        self._generation = 0  # results of reads started before the last reload or book switch are dropped
        self._loading_text = ""  # the status message of a reload under way
        self._exposure_asked = 0  # only the latest exposure view asked for is shown
        self._performance_asked = 0  # the same for the performance page
        self._performance_version = -1  # the cache's version the page was computed from
        self._closes_total = None  # the selected portfolio's holdings at the last closes (live deltas)
        self.performance_cache = PerformanceCache(app)
        self._busy = 0
        self.undo_stack = QUndoStack(self)
        self.relay = ChangeRelay(self)
        self.relay.changed.connect(self._on_changed)
        self.relay.watch(app)
        self._build_views()
        self._build_actions()
        self._build_status_bar()
        self.live = LivePrices(self)
        self.live.ticked.connect(self._on_ticks)
        self.live.status_changed.connect(self._show_feed_status)
        self._reload_timer = QTimer(self, singleShot=True, interval=0)  # coalesces bursts of change events
        self._reload_timer.timeout.connect(self.reload)
        self._quotes_timer = QTimer(self, interval=HOURLY_MS)
        self._quotes_timer.timeout.connect(self.refresh_quotes)
        settings = QSettings()
        if settings.contains("main_window/geometry"):
            self.restoreGeometry(settings.value("main_window/geometry"))
            self.restoreState(settings.value("main_window/state"))
        else:
            self.resize(1280, 760)
        self._book_opened()
        self.show_page(page or ("welcome" if not self.preferences.welcome_seen else "dashboard"))

    # -- building ---------------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        labels = (self.tr("Dashboard"), self.tr("Holdings"), self.tr("Transactions"), self.tr("Themes"),
                  self.tr("Exposure"), self.tr("Clients"), self.tr("Performance"))
        self.nav.addItems(labels)
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row]) if row >= 0 else None)
        self.welcome = WelcomeView(self)
        self.dashboard = DashboardView(self)
        self.holdings = HoldingsView(self)
        self.transactions = TransactionsView(self)
        self.themes = ThemesView(self)
        self.exposure = ExposureView(self)
        self.clients = ClientsView(self)
        self.performance = PerformanceView(self)
        self.model = self.holdings.model
        self.stack = QStackedWidget(self)
        self.pages = {"welcome": self.welcome, "dashboard": self.dashboard, "holdings": self.holdings,
                      "transactions": self.transactions, "themes": self.themes, "exposure": self.exposure,
                      "clients": self.clients, "performance": self.performance}
        for widget in self.pages.values():
            self.stack.addWidget(widget)
        self.nav.setFixedWidth(170)
        # Not in the tab chain: a list that gets focus selects its first row, which would leave the welcome
        # page at start. Ctrl+1..7 reach every page from the keyboard.
        self.nav.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; } "
                               "QListWidget#navigation::item { padding: 8px 10px; }")
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.welcome.open_demo.connect(self._open_demo)
        self.welcome.new_book.connect(self._new_book)
        self.welcome.open_book.connect(self._open_book)
        self.welcome.import_csv.connect(self._import_csv)
        self.holdings.show_transactions.connect(self._show_transactions_of)
        self.holdings.assign_themes.connect(self._assign_themes)
        self.holdings.change_symbol.connect(lambda symbol: self.symbols.change_symbol(symbol))
        self.holdings.add_transaction.connect(lambda symbol, account: self.add_transaction(
            preset={"symbol": symbol, "account": account}))
        self.transactions.add_requested.connect(self.add_transaction)
        self.transactions.edit_requested.connect(self.edit_transaction)
        self.transactions.delete_requested.connect(self.delete_transaction)
        self.themes.add_theme.connect(self._add_theme)
        self.themes.rename_theme.connect(self._rename_theme)
        self.themes.colour_theme.connect(self._colour_theme)
        self.themes.target_theme.connect(self._target_theme)
        self.themes.edit_thesis.connect(self._edit_thesis)
        self.themes.assign.connect(lambda symbols, taxonomy, path: self._write(
            lambda app: app.themes.assign_to_theme(symbols, path, None, taxonomy=taxonomy)))
        self.themes.bulk_assign.connect(self._bulk_assign)
        self.themes.save_weights.connect(lambda symbol, taxonomy, specs: self._write(
            lambda app: app.themes.assign(symbol, specs, taxonomy=taxonomy)))
        self.themes.add_note.connect(lambda taxonomy, path, text: self._write(
            lambda app: app.themes.add_note(path, text, taxonomy=taxonomy)))
        self.themes.import_pack.connect(self._import_pack)
        self.themes.export_pack.connect(self._export_pack)
        self.exposure.view_changed.connect(self._load_exposure)
        self.exposure.contributors_requested.connect(self._show_contributors)
        self.clients.open_client.connect(self._open_client)
        self.clients.export_report.connect(self.export_report)
        self.performance.choice_changed.connect(self._load_performance)
        self.dashboard.history_period_changed.connect(self._load_history)

    def _action(self, text: str, slot, shortcut=None, *, checkable: bool = False) -> QAction:
        action = QAction(text, self, checkable=checkable)
        if isinstance(shortcut, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(shortcut)  # every binding the platform knows for it
            action.setShortcuts(bindings or [QKeySequence(FALLBACK_KEYS[shortcut])])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New Book…"), self._new_book, keys.New)
        self.open_action = self._action(self.tr("&Open Book…"), self._open_book, keys.Open)
        self.import_action = self._action(self.tr("&Import Transactions…"), self._import_csv, "Ctrl+I")
        self.backup_action = self._action(self.tr("&Back Up Book…"), self._backup)
        self.settings_action = self._action(self.tr("&Settings…"), self._settings, keys.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        quit_action = self._action(self.tr("&Quit"), self.close, keys.Quit)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.backup_action])
        export_menu = file_menu.addMenu(self.tr("&Export"))
        self.export_actions = {
            "holdings": self._action(self.tr("&Holdings…"), lambda: self._export_table("holdings")),
            "transactions": self._action(self.tr("&Transactions…"), lambda: self._export_table("transactions")),
            "exposure": self._action(self.tr("E&xposure (the view shown)…"), lambda: self._export_table("exposure")),
            "book": self._action(self.tr("The whole &book (JSON)…"), self._export_book),
            "themes": self._action(self.tr("Theme &pack…"), self._export_pack)}
        export_menu.addActions(list(self.export_actions.values()))
        self.report_action = self._action(self.tr("Client &Report (PDF)…"), lambda: self.export_report(self.portfolio))
        file_menu.addAction(self.report_action)
        self.import_book_action = self._action(self.tr("Import a &Book File…"), self._import_book)
        file_menu.addAction(self.import_book_action)
        file_menu.addSeparator()
        file_menu.addActions([self.settings_action, quit_action])

        undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo_action.setShortcuts(keys.Undo)
        redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo_action.setShortcuts(keys.Redo)
        self.undo_action, self.redo_action = undo_action, redo_action
        self.add_action = self._action(self.tr("&Add Transaction…"), lambda: self.add_transaction(), "Ctrl+T")
        self.accounts = AccountActions(self)
        self.security = BookSecurity(self)
        book_menu = self.menuBar().addMenu(self.tr("&Book"))
        book_menu.addActions(self.accounts.actions())
        book_menu.addSeparator()
        book_menu.addActions(self.security.actions())
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addActions([undo_action, redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.add_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, label in enumerate([self.nav.item(i).text() for i in range(self.nav.count())], start=1):
            view_menu.addAction(self._action(label, lambda _=False, p=PAGES[number - 1]: self.show_page(p),
                                             f"Ctrl+{number}"))
        view_menu.addSeparator()
        self.reload_action = self._action(self.tr("Re&load"), self.reload, keys.Refresh)
        view_menu.addAction(self.reload_action)

        self.refresh_quotes_action = self._action(self.tr("&Refresh Quotes"), self.refresh_quotes, "Ctrl+R")
        self.live_action = self._action(self.tr("&Live Prices"), lambda on: self.set_live(on), "Ctrl+L",
                                        checkable=True)
        self.simulate_action = self._action(self.tr("&Simulated Prices (demo)"),
                                            lambda on: self.set_live(on, simulated=True), checkable=True)
        quotes_menu = self.menuBar().addMenu(self.tr("&Quotes"))
        quotes_menu.addActions([self.refresh_quotes_action, self.live_action, self.simulate_action])
        self.symbols = SymbolActions(self)
        quotes_menu.addSeparator()
        quotes_menu.addAction(self.symbols.find_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Welcome Page"), lambda: self.show_page("welcome")))
        help_menu.addAction(self._action(self.tr("&About GigaTracker"), self._about))

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.refresh_quotes_action, self.live_action, self.import_action, self.add_action])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Portfolio:") + " ", self))
        self.portfolio_box = QComboBox(self)
        self.portfolio_box.setObjectName("portfolio_selector")
        self.portfolio_box.setMinimumContentsLength(16)
        self.portfolio_box.currentIndexChanged.connect(self._portfolio_chosen)
        toolbar.addWidget(self.portfolio_box)

    def _build_status_bar(self) -> None:
        self.book_label = QLabel(self)
        self.total_label = QLabel(self)
        self.feed_label = QLabel(self.tr("Offline"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(lambda: self.progress.setVisible(self._busy > 0))
        for widget in (self.progress, self.book_label, self.total_label, self.feed_label):
            self.statusBar().addPermanentWidget(widget)

    # -- navigation -------------------------------------------------------------------------------
    def show_page(self, page: str) -> None:
        self.stack.setCurrentWidget(self.pages[page])
        self._refresh_page(page)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(PAGES.index(page) if page in PAGES else -1)
        self.nav.blockSignals(False)
        if page != "welcome":
            self.preferences.welcome_seen = True

    def current_page(self) -> str:
        return next(name for name, widget in self.pages.items() if widget is self.stack.currentWidget())

    def _portfolio_chosen(self) -> None:
        chosen = self.portfolio_box.currentData()
        if chosen != self.portfolio:
            self.portfolio = chosen
            self.reload()
            if self.current_page() == "performance":  # answered from the cached engine, not after the reload
                self._stale_pages.discard("performance")
                self._load_performance()

    def _open_client(self, portfolio: str) -> None:
        self.portfolio_box.setCurrentIndex(max(0, self.portfolio_box.findData(portfolio)))
        self.show_page("dashboard")

    def _show_transactions_of(self, symbol: str, account: str) -> None:
        self.transactions.show_for(symbol, account)
        self.show_page("transactions")

    # -- loading ----------------------------------------------------------------------------------
    def _book_opened(self) -> None:
        path = self.app.book.path
        if self.performance_cache.app is not self.app:  # another book: nothing computed before holds
            self.performance_cache = PerformanceCache(self.app)
            self._performance_version = -1
        self.setWindowTitle(f"GigaTracker — {path.name}")
        self.book_label.setText(str(path))
        self.book_label.setToolTip(self.tr("The open book"))
        self.preferences.add_recent_book(path)
        self._fill_recent_menu()
        self.security.book_changed()
        self.undo_stack.clear()
        self.reload()
        if self.app.book.notices:
            self._show_book_notices(path.name, self.app.book.notices)
        if self.preferences.refresh_policy in ("on_open", "hourly"):
            self.refresh_quotes()
        if self.preferences.refresh_policy == "hourly":
            self._quotes_timer.start()
        else:
            self._quotes_timer.stop()

    def _show_book_notices(self, name: str, notices: list[str]) -> None:
        """What opening the book tidied beside it (a stray log set aside, an old backup removed): said once,
        without blocking the window."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Book tidied"),
                          self.tr("While opening %1, GigaTracker tidied the files beside it:").replace("%1", name),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n".join(f"• {notice}" for notice in notices))
        box.setObjectName("bookNotices")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.preferences.recent_books:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_book(p))
        self.recent_menu.setEnabled(bool(self.preferences.recent_books))

    def _run(self, function, on_done, on_failed=None, *, pool=None) -> None:
        """A read in a worker; its result is dropped if the book or portfolio changed meanwhile. A failure
        says the book could not be loaded, unless `on_failed` handles it."""
        generation = self._generation
        self._set_busy(+1)

        def done(result):
            self._set_busy(-1)
            if generation == self._generation:
                on_done(result)

        def failed(error):
            self._set_busy(-1)
            if generation == self._generation:
                (on_failed or self._failed)(error)

        run_in_background(function, done, failed, context=self, pool=pool)

    def _set_busy(self, step: int) -> None:
        self._busy += step
        if self._busy > 0 and not self._busy_timer.isActive() and not self.progress.isVisible():
            self._busy_timer.start()
        if self._busy <= 0:  # idle: a later job waits its own second before showing progress
            self._busy_timer.stop()
            self.progress.hide()

    def reload(self) -> None:
        if self.app is None:  # replaced by a new window (language change), about to be deleted
            return
        self._generation += 1
        self._exposure_asked += 1  # this load carries the exposure view chosen now
        app, portfolio, view, cross = self.app, self.portfolio, self.exposure.view(), self.exposure.cross()
        self._loading_text = self.tr("Loading %1 …").replace("%1", app.book.path.name)
        if not self.statusBar().currentMessage():  # a write's own message (what was renamed…) stays
            self.statusBar().showMessage(self._loading_text)
        how = self.transactions.model.arrangement()
        self._run(lambda: with_rows(load_window_data(app, portfolio, view, cross), how), self._show_data)

    def _load_exposure(self) -> None:
        if self.app is None:
            return
        self._exposure_asked += 1
        asked = self._exposure_asked
        app, portfolio, view, cross = self.app, self.portfolio, self.exposure.view(), self.exposure.cross()

        def done(data: ExposureData) -> None:
            if asked == self._exposure_asked:  # loads run in parallel: an older choice may finish last
                self._show_exposure(data)
        self._run(lambda: exposure_for(app, portfolio, view, cross), done)

    def _performance_scope(self) -> Scope:
        return Scope("portfolio", self.portfolio) if self.portfolio else Scope("book")

    def _load_performance(self) -> None:
        """The performance page for the selected portfolio and the period shown, computed in a worker from
        the cached engine (a period or scope switch is a slice of it)."""
        if self.app is None:
            return
        self._performance_asked += 1
        asked = self._performance_asked
        cache, portfolio, view = self.performance_cache, self.portfolio, self.performance
        choice, taxonomy, look_through = view.choice(), view.taxonomy(), view.look_through.isChecked()
        label = portfolio or self.tr("All portfolios")
        view.show_loading()
        self._performance_version = cache.version

        def done(page) -> None:
            if asked == self._performance_asked:
                view.show_page(page, label)

        def failed(error) -> None:
            if asked == self._performance_asked:
                view.show_error(str(error))
        self._run(lambda: cache.page(portfolio, choice, taxonomy=taxonomy, look_through=look_through), done, failed,
                  pool=figures_pool())

    def _load_history(self) -> None:
        """The dashboard's value chart over the period it shows (from the same cached engine)."""
        if self.app is None:
            return
        cache, portfolio = self.performance_cache, self.portfolio
        choice = PeriodChoice(self.dashboard.history_choice())
        self._run(lambda: cache.page(portfolio, choice, with_table=False, with_themes=False),
                  self.dashboard.show_history, lambda error: log.warning("value chart not drawn: %s", error),
                  pool=figures_pool())

    def _refresh_page(self, page: str) -> None:
        if page not in self._stale_pages or self.data is None:
            return
        self._stale_pages.discard(page)
        data = self.data
        if page == "themes":
            self.themes.show_themes(data.themes, data.assignments, data.theses, data.journal, data.names)
        elif page == "clients":
            self.clients.show_clients(data.clients, data.client_themes)
            cache, names = self.performance_cache, [d.portfolio for d in data.clients]
            self._run(lambda: {name: client_returns(cache, name) for name in names}, self.clients.show_returns,
                      lambda error: log.warning("client returns not computed: %s", error), pool=figures_pool())
        elif page == "performance":
            self.performance.set_taxonomies(list(dict.fromkeys(t.taxonomy for t in data.themes)))
            self._load_performance()
        elif page == "exposure":
            self.exposure.set_taxonomies(list(dict.fromkeys(t.taxonomy for t in data.themes)))
            self._show_exposure(data.exposure)
            if data.exposure.view != self.exposure.view() or (
                    data.exposure.cross and data.exposure.cross[:2] != self.exposure.cross()):
                # the user picked another view since this load began, or the taxonomies arrived with it
                # (the default cross-tab needs them)
                self._load_exposure()

    def _show_exposure(self, data) -> None:
        self.exposure.show_exposure(data)
        if self._live_prices:  # the figures follow the live prices shown in Holdings
            self._move_exposure(self.model.valuations())

    def _show_contributors(self, key: str) -> None:
        data = self.exposure.data
        row = next((r for r in data.result.rows if r.key == key), None) if data else None
        if row is None:
            return
        base = data.result.base_currency
        self._run(lambda: contributions(data.items, data.view, data.data, key, row.value_base, base),
                  lambda parts: self.exposure.show_contributors(key, parts))

    def _move_exposure(self, moved) -> None:
        data = self.exposure.data
        if data is None:
            return
        pairs = [(data.item_index[(v.account, v.symbol)], v.market_value_base) for v in moved
                 if (v.account, v.symbol) in data.item_index and v.market_value_base is not None]
        if pairs:
            self.exposure.apply_values([i for i, _ in pairs], [value for _, value in pairs])

    def _show_data(self, loaded: Loaded) -> None:
        data, txs = loaded.data, loaded.txs
        self.data = data
        self.model.set_rows(loaded.holdings)
        self.model.apply_ticks(self._live_prices, flash=False)  # a reload keeps the live prices shown
        self.live.set_symbols(self.model.symbols())
        portfolio_names = [self.portfolio_box.itemData(i) for i in range(self.portfolio_box.count())]
        if portfolio_names != [None, *data.portfolios]:
            self.portfolio_box.blockSignals(True)
            self.portfolio_box.clear()
            self.portfolio_box.addItem(self.tr("All portfolios"), None)
            for name in data.portfolios:
                self.portfolio_box.addItem(name, name)
            self.portfolio_box.setCurrentIndex(max(0, self.portfolio_box.findData(self.portfolio)))
            self.portfolio_box.blockSignals(False)
        self.transactions.set_accounts(sorted({tx.account for tx in txs} | {
            a.name for a in data.accounts if self.portfolio in (None, a.portfolio)}))
        self.transactions.set_transactions(txs, loaded.tx_cells, loaded.tx_order, loaded.tx_arranged_by)
        self.dashboard.show_dashboard(data.dashboard)
        valued = [v.market_value_base for v in data.snapshot.holdings if v.market_value_base is not None]
        self._closes_total = sum(valued) if valued else None
        self._load_history()
        shown = self.performance.page
        self._stale_pages = {"themes", "exposure", "clients"}
        if shown is None or shown.scope != self._performance_scope() or self._performance_version != \
                self.performance_cache.version:  # a scope switch already loaded it, with the same book
            self._stale_pages.add("performance")  # filled when shown: start-up paints less
        self._refresh_page(self.current_page())
        self._show_total()
        if self.statusBar().currentMessage() in ("", self._loading_text):
            self.statusBar().showMessage(self.tr("%1 positions · %2 transactions · base %3").replace(
                "%1", str(len(data.snapshot.holdings))).replace("%2", str(len(data.transactions))).replace(
                "%3", data.snapshot.base_currency), 5000)
        app, held, dashboard = self.app, {v.symbol for v in data.snapshot.holdings}, data.dashboard
        # Staleness needs the exchange calendars: building one the first time is seconds of pure Python that
        # would hold the GIL while the views fill, so it starts once the window has settled.
        generation = self._generation

        def check_staleness() -> None:
            if generation == self._generation:  # a secondary check: its failure is logged, not a dialog
                self._run(lambda: replace(dashboard, stale_prices=stale_prices(app, held)),
                          self.dashboard.show_dashboard,
                          lambda error: log.warning("price freshness not checked: %s", error))
        QTimer.singleShot(STALENESS_DELAY_MS, self, check_staleness)  # dropped if the window is gone

    def _show_total(self) -> None:
        total = format_money(self.model.total_base, self.data.snapshot.base_currency if self.data else "")
        self.total_label.setText(self.tr("Holdings %1").replace("%1", total))

    def _failed(self, error: Exception) -> None:
        self.statusBar().showMessage(self.tr("Could not load the book"))
        QMessageBox.critical(self, "GigaTracker", error_text(error))

    def _on_changed(self, change: Changed) -> None:
        self.performance_cache.invalidate(change)
        if change.transactions or change.prices or change.accounts or change.themes:
            self._reload_timer.start()
        elif change.benchmarks:
            self._stale_pages.add("performance")
            self._refresh_page(self.current_page())
            self._load_history()

    # -- live prices ------------------------------------------------------------------------------
    def set_live(self, on: bool, *, simulated: bool = False, url: str | None = None) -> None:
        """Start or stop the feed; the Live and Simulated actions show which runs (never both)."""
        mine, other = (self.simulate_action, self.live_action) if simulated else (self.live_action,
                                                                                  self.simulate_action)
        for action, checked in ((mine, on), (other, False if on else other.isChecked())):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)
        if not on:
            self.live.stop()
            self._live_prices.clear()  # the next reload shows the cached closes again
            self.performance.clear_live()
            return
        symbols = self.model.symbols()
        if simulated:
            self.live.start(symbols, simulated_closes=self.model.closes())
        else:
            self.live.start(symbols, url=url, settings_url=self.preferences.stream_url or None)

    def _on_ticks(self, ticks) -> None:
        self._live_prices.update(ticks)
        if self.model.apply_ticks(ticks):
            self._show_total()
            self._move_exposure(self.model.last_changed)
            if self._closes_total is not None and self.model.total_base is not None:
                label = self.tr("today (simulated)") if self.simulate_action.isChecked() else self.tr("today (live)")
                self.performance.set_live(float(self.model.total_base - self._closes_total), label)
        self.model.expire_flashes()

    def _feed_text(self, status: FeedStatus) -> str:
        if status.state is FeedState.RECONNECTING and status.next_try_in is not None:
            return self.tr("Reconnecting in %1 s (attempt %2)").replace(
                "%1", f"{status.next_try_in:.0f}").replace("%2", str(status.attempt))
        return {FeedState.CONNECTING: self.tr("Connecting"), FeedState.LIVE: self.tr("Live"),
                FeedState.RECONNECTING: self.tr("Reconnecting"), FeedState.OFFLINE: self.tr("Offline"),
                FeedState.SIMULATED: self.tr("Simulated")}[status.state]

    def _show_feed_status(self, status: FeedStatus) -> None:
        text = self._feed_text(status)
        if status.last_tick_at is not None:
            age = (datetime.now(timezone.utc) - status.last_tick_at).total_seconds()
            if age < 3600:
                text += " · " + self.tr("last price %1 s ago").replace("%1", f"{max(0, age):.0f}")
        self.feed_label.setText(text)

    def refresh_quotes(self) -> None:
        app = self.app
        self.statusBar().showMessage(self.tr("Refreshing quotes…"))
        self._set_busy(+1)

        def done(report):
            self._set_busy(-1)
            if report.state != "ok":
                text = report.message
            else:
                text = self.tr("Quotes: %1 updated, %2 up to date, %3 failed").replace(
                    "%1", str(len(report.fetched))).replace("%2", str(len(report.up_to_date))).replace(
                    "%3", str(len(report.failed) + len(report.skipped)))
            self.statusBar().showMessage(text, 10_000)

        def failed(error):
            self._set_busy(-1)
            self.statusBar().showMessage(self.tr("Quotes not refreshed: %1").replace("%1", str(error)), 10_000)

        run_in_background(lambda: app.market.refresh_quotes(), done, failed, context=self)

    # -- transactions -----------------------------------------------------------------------------
    def _transaction_dialog(self, **kwargs) -> TransactionDialog:
        accounts = self.data.accounts if self.data else self.app.accounts()
        return TransactionDialog(self.app, accounts, self.model.symbols(), parent=self, **kwargs)

    def add_transaction(self, preset: dict | None = None) -> TransactionDialog | None:
        if self.accounts.needs_one():
            return None
        app = self.app

        def submit(tx, on_done, on_failed):
            def done(stored):
                self.undo_stack.push(undo.added(app, stored[0], self._undo_failed))
                on_done(stored)
            run_write(lambda: app.add_transactions([tx]), done, on_failed, context=self)

        dialog = self._transaction_dialog(submit=submit, preset=preset)
        dialog.open()
        return dialog

    def edit_transaction(self, old) -> TransactionDialog:
        app = self.app

        def submit(tx, on_done, on_failed):
            def done(_old):
                self.undo_stack.push(undo.edited(app, old.id, old, tx, self._undo_failed))
                on_done(tx)
            run_write(lambda: app.update_transaction(old.id, tx), done, on_failed, context=self)

        dialog = self._transaction_dialog(submit=submit, existing=old)
        dialog.open()
        return dialog

    def delete_transaction(self, tx, *, confirm: bool = True) -> None:
        if confirm and QMessageBox.question(
                self, self.tr("Delete transaction"),
                self.tr("Delete the %1 of %2 in %3? You can undo it.").replace("%1", tx.type.value).replace(
                    "%2", str(tx.date)).replace("%3", tx.account)) != QMessageBox.StandardButton.Yes:
            return
        app = self.app
        run_write(lambda: app.delete_transaction(tx.id),
                  lambda row: self.undo_stack.push(undo.deleted(app, tx, row, self._undo_failed)),
                  lambda error: QMessageBox.warning(self, self.tr("Delete transaction"), str(error)), context=self)

    def _undo_failed(self, error: Exception) -> None:
        self.undo_stack.clear()
        QMessageBox.warning(self, "GigaTracker", self.tr("Could not undo or redo: %1\nThe undo history was "
                                                         "cleared.").replace("%1", str(error)))

    def _assign_themes(self, symbol: str) -> None:
        app = self.app

        def show(result):
            themes, assignments = result
            paths = [t.path for t in themes if t.taxonomy == DEFAULT_TAXONOMY]
            weights = assignments.get(DEFAULT_TAXONOMY, {}).get(symbol, {})
            dialog = AssignThemesDialog(symbol, DEFAULT_TAXONOMY, paths, weights, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                specs = dialog.specs()

                def done(after: dict[str, int]) -> None:
                    self.undo_stack.push(undo.themes_assigned(app, symbol, DEFAULT_TAXONOMY, dict(weights), after,
                                                              self._undo_failed))
                run_write(lambda: app.themes.assign(symbol, specs), done,
                          lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)

        self._run(lambda: (app.themes.list_themes(), app.themes.assignments()), show)

    # -- themes -----------------------------------------------------------------------------------
    def _write(self, command, on_done=None) -> None:
        """A write on the store writer; a refusal is shown, and nothing was written."""
        app = self.app
        run_write(lambda: command(app), on_done or (lambda _result: None),
                  lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)

    def _theme(self, taxonomy: str, path: str):
        return next(t for t in (self.data.themes if self.data else []) if t.taxonomy == taxonomy and t.path == path)

    def _add_theme(self, taxonomy: str, parent: str) -> None:
        path, ok = QInputDialog.getText(self, self.tr("Add theme"), self.tr("Path (use / for sub-themes):"),
                                        text=f"{parent}/" if parent else "")
        if ok and path.strip().strip("/"):
            self._write(lambda app: app.themes.add_theme(path, taxonomy=taxonomy))

    def _rename_theme(self, taxonomy: str, path: str) -> None:
        new, ok = QInputDialog.getText(self, self.tr("Rename or move theme"),
                                       self.tr("New path (sub-themes, weights and theses follow):"), text=path)
        if ok and new.strip() and new.strip() != path:
            self._write(lambda app: app.themes.rename_theme(path, new, taxonomy=taxonomy))

    def _colour_theme(self, taxonomy: str, path: str) -> None:
        theme = self._theme(taxonomy, path)
        colour = QColorDialog.getColor(QColor(theme.colour or "#1982c4"), self, self.tr("Colour of %1").replace("%1", path))
        if colour.isValid():
            self._write(lambda app: app.themes.add_theme(
                path, taxonomy=taxonomy, colour=colour.name(), description=theme.description,
                target_min_bp=theme.target_min_bp, target_max_bp=theme.target_max_bp))

    def _target_theme(self, taxonomy: str, path: str) -> None:
        theme = self._theme(taxonomy, path)
        dialog = TargetDialog(path, theme.target_min_bp, theme.target_max_bp, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            low, high = dialog.range_bp()
            self._write(lambda app: app.themes.add_theme(path, taxonomy=taxonomy, colour=theme.colour,
                                                         description=theme.description, target_min_bp=low,
                                                         target_max_bp=high))

    def _edit_thesis(self, taxonomy: str, path: str) -> None:
        current = next((t for t in (self.data.theses if self.data else []) if t.taxonomy == taxonomy and t.path == path),
                       None)
        dialog = ThesisDialog(taxonomy, path, current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            thesis = dialog.thesis()
            self._write(lambda app: app.themes.set_thesis(thesis))

    def _bulk_assign(self, symbols: list, taxonomy: str, path: str) -> None:
        percent, ok = QInputDialog.getDouble(
            self, self.tr("Assign to %1").replace("%1", path),
            self.tr("Weight of this theme for each of the %1 selected securities (%):").replace("%1", str(len(symbols))),
            100.0, 0.01, 100.0, 2)
        if ok:
            bp = int(round(percent * 100))
            self._write(lambda app: app.themes.assign_to_theme(symbols, path, bp, taxonomy=taxonomy))

    def _import_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import theme pack"), "", self.tr("Theme packs (*.json)"))
        if path:
            self._write(lambda app: app.themes.import_pack(path), lambda summary: self.statusBar().showMessage(
                self.tr("%1: %2 themes created, %3 assignments").replace("%1", Path(path).name).replace(
                    "%2", str(summary.themes_created)).replace("%3", str(summary.assignments)), 10_000))

    def _export_pack(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export theme pack"), "themes.json",
                                              self.tr("Theme packs (*.json)"))
        if path:
            app = self.app
            run_in_background(lambda: app.themes.export_pack(path),
                              lambda _pack: self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", path), 10_000),
                              lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)

    # -- books ------------------------------------------------------------------------------------
    def open_book(self, path: Path | None) -> None:
        """Open a book (None: the default demo book) in a worker; an encrypted one's passphrase comes from
        the keyring or is asked; failures get a clear dialog."""
        self.security.open(path)

    def _cannot_open(self, path, error: Exception) -> None:
        self.statusBar().clearMessage()
        QMessageBox.critical(self, self.tr("Cannot open the book"),
                             self.tr("%1 could not be opened:\n\n%2").replace("%1", str(path)).replace("%2", str(error)))

    def _switch_to(self, new_app: App, *, old_closed: bool = False) -> None:
        old = self.app
        self.app = new_app
        self.relay.watch(new_app)
        self.portfolio = None
        self.portfolio_box.clear()
        if not old_closed:
            old.close()
        self._book_opened()
        if self.current_page() == "welcome":
            self.show_page("dashboard")

    def _open_demo(self) -> None:
        if self.app.book.path == default_book_path().resolve():  # an open book goes by its real name
            self.show_page("dashboard")
        else:
            self.open_book(None)

    def _open_book(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Book"), str(self.app.book.path.parent),
                                              self.tr("GigaTracker books (*.gtbook);;All files (*)"))
        if path:
            self.open_book(Path(path))

    def _new_book(self) -> None:
        dialog = NewBookDialog(self.app.book.path.parent, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, currency, passphrase, keep = dialog.choice()

        def create() -> App:
            app = App.create(path, currency, passphrase)
            if keep:
                remember(app, passphrase)
            return app
        run_in_background(create, self._switch_to, lambda error: self._cannot_open(path, error), context=self)

    def _import_csv(self) -> None:
        if self.app is None or self.accounts.needs_one():
            return
        accounts = [(a.name, a.currency) for a in self.data.accounts] if self.data else []
        wizard = ImportWizard(self.app, accounts, self)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return
        choice = wizard.choice()
        app = self.app
        self.statusBar().showMessage(self.tr("Importing %1 …").replace("%1", choice.file))
        self._set_busy(+1)

        def done(imported):
            self._set_busy(-1)
            result, isins = imported
            text = self.tr("%1 rows read: %2 added, %3 skipped as already imported.").replace(
                "%1", str(result.rows)).replace("%2", str(result.added)).replace("%3", str(result.skipped))
            if result.ignored:
                text += " " + self.tr("%1 lines not imported (listed in the check).").replace(
                    "%1", str(len(result.ignored)))
            reconciliation = result.reconciliation
            if reconciliation is not None and reconciliation.agrees:
                text += " " + self.tr("The book agrees with the file's own figures.")
            elif reconciliation is not None:
                text += " " + self.tr("%1 difference(s) with the file's own figures (details below).").replace(
                    "%1", str(len(reconciliation.differences)))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import transactions"), text, parent=self)
            if reconciliation is not None and not reconciliation.agrees:
                box.setDetailedText("\n".join(str(difference) for difference in reconciliation.differences))
            box.addButton(QMessageBox.StandardButton.Ok)
            if isins:  # a broker's file named them by ISIN: Yahoo quotes them under their listing's symbol
                box.setInformativeText(self.tr("%1 securities are named by ISIN and get no quotes until they "
                                               "have their Yahoo symbol.").replace("%1", str(len(isins))))
                find = box.addButton(self.tr("Find Yahoo Symbols…"), QMessageBox.ButtonRole.ActionRole)
                find.clicked.connect(self.symbols.find_symbols)
            self.import_summary = box
            box.open()

        def failed(error):
            self._set_busy(-1)
            lines = getattr(error, "problems", None) or [str(error)]
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import refused"),
                              self.tr("Nothing was imported. %1 problem(s):").replace("%1", str(len(lines))),
                              parent=self)
            box.setDetailedText("\n".join(map(str, lines)))
            box.setInformativeText("\n".join(map(str, lines[:10])))
            box.exec()

        def run_import():
            return choice.run(app), app.isin_named()

        run_write(run_import, done, failed, context=self)

    def _export_table(self, what: str) -> None:
        names = {"holdings": self.tr("holdings"), "transactions": self.tr("transactions"), "exposure": self.tr("exposure")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export %1").replace("%1", names[what]),
                                              f"{what}.xlsx", self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        app, portfolio, view = self.app, self.portfolio, self.exposure.view()

        def export():
            exports = app.exports
            table = (exports.holdings_table(portfolio) if what == "holdings" else
                     exports.transactions_table(portfolio) if what == "transactions" else
                     exports.exposure_table(view, portfolio))
            return exports.write(table, path)

        self._background(export, self.tr("Exported to %1"))

    def _export_book(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the whole book"),
                                              self.app.book.path.with_suffix(".json").name, self.tr("Book files (*.json)"))
        if path:
            app = self.app
            self._background(lambda: (app.exports.export_book(path), path)[1], self.tr("Exported to %1"))

    def export_report(self, portfolio: str | None) -> None:
        """One client's PDF report; with no portfolio chosen, one per portfolio into a folder."""
        app = self.app
        from ..app.report_data import gather
        from ..services.reports.adviser import safe_file_name, write_pdf
        if portfolio is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Reports for every portfolio"))
            if not folder:
                return

            def write_all():
                return [write_pdf(gather(app, name), Path(folder) / safe_file_name(name), book=app.book.path) for name in app.portfolios()]

            self._background(write_all, self.tr("Reports written to %1").replace("%1", folder))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Report for %1").replace("%1", portfolio),
                                              safe_file_name(portfolio), self.tr("PDF (*.pdf)"))
        if path:
            self._background(lambda: write_pdf(gather(app, portfolio), Path(path), book=app.book.path), self.tr("Report written to %1"))

    def _background(self, function, done_text: str) -> None:
        run_in_background(function, lambda out: self.statusBar().showMessage(done_text.replace("%1", str(out)), 10_000),
                          lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)

    def _import_book(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Import a book file"), "", self.tr("Book files (*.json)"))
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("New book"), str(Path(source).with_suffix(".gtbook")),
                                                self.tr("GigaTracker books (*.gtbook)"))
        if target:
            run_in_background(lambda: App.import_book(source, target), self._switch_to,
                              lambda error: self._cannot_open(target, error), context=self)

    def _backup(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back Up Book"),
                                              str(self.app.book.path.with_suffix(".backup.gtbook")),
                                              self.tr("GigaTracker books (*.gtbook)"))
        if path:
            app = self.app
            run_write(lambda: app.backup(path),
                      lambda out: self.statusBar().showMessage(self.tr("Backed up to %1").replace("%1", str(out)), 10_000),
                      lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)

    # -- settings ---------------------------------------------------------------------------------
    def _settings(self) -> None:
        base = self.data.snapshot.base_currency if self.data else self.app.base_currency
        dialog = SettingsDialog(self.preferences, base, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        language = self.preferences.language
        dialog.save()
        self.security.book_changed()  # the idle lock's new delay
        apply_appearance(self.preferences.appearance)
        currency = dialog.base_currency.currentText()
        if currency != base:
            app = self.app
            run_write(lambda: app.set_base_currency(currency), lambda _r: None,
                      lambda error: QMessageBox.warning(self, "GigaTracker", error_text(error)), context=self)
        if self.live_action.isChecked():
            self.set_live(True)  # reconnect to the new server
        if self.preferences.language != language:
            install_language(self.preferences.language)
            self._reopen()

    def _reopen(self) -> None:
        """A new window in the new language, on the same book; this one steps aside without closing it."""
        self.live.stop()
        self._save_geometry()
        self.relay.watch(None)
        window = MainWindow(self.app, page=self.current_page())
        self.app = None
        self.replaced.emit(window)
        window.show()
        self.hide()
        self.deleteLater()

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About GigaTracker"), self.tr(
            "GigaTracker %1\n\nA local-first portfolio tracker for investing by thesis.").replace("%1", __version__))

    def _save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())

    def closeEvent(self, event) -> None:
        self.relay.watch(None)
        self.live.stop()
        self._save_geometry()
        super().closeEvent(event)
