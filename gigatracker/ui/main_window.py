"""The main window, a shell: navigation between the views, the portfolio selector, menus, toolbar and
status bar. What the menus do lives in `ui/actions/` (one module per area), what the views show in
`ui/refresh.py`, and every write goes through `ui/writes.py`.

Every read runs in a worker and every write on the store writer; results and change events come back
by signal, so the GUI thread only formats and paints.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox,
                               QProgressBar, QStackedWidget, QVBoxLayout, QWidget)

from .. import __version__
from ..app import App
from ..app import operations as op
from ..app.prices import PriceSource
from ..services.language import install_language
from .actions.accounts import AccountActions
from .actions.books import BookActions
from .actions.exports import ExportActions
from .actions.quotes import QuoteActions
from .actions.security import BookSecurity
from .actions.symbols import SymbolActions
from .actions.themes import ThemeActions
from .actions.transactions import TransactionActions
from .appearance import apply_appearance
from .dialogs.settings import SettingsDialog
from .events import ChangeRelay
from .format import format_money
from .icons import app_icon, themed_icon
from .preferences import Preferences
from .refresh import WindowRefresh
from .views.clients import ClientsView
from .views.dashboard import DashboardView
from .views.exposure import ExposureView
from .views.holdings import HoldingsView
from .views.performance import PerformanceView
from .views.themes import ThemesView
from .views.transactions import TransactionsView
from .views.welcome import WelcomeView
from .writes import Writes

PAGES = ("dashboard", "holdings", "transactions", "themes", "exposure", "clients", "performance")
BUSY_AFTER_MS = 1000  # show progress for work that takes longer than this
# Platforms without a standard binding for these (e.g. Windows for Quit, most for Preferences).
FALLBACK_KEYS = {QKeySequence.StandardKey.Preferences: "Ctrl+,", QKeySequence.StandardKey.Quit: "Ctrl+Q"}


class MainWindow(QMainWindow):
    replaced = Signal(object)  # the window that takes over (after a language change)
    keys = QKeySequence.StandardKey

    def __init__(self, app: App, *, page: str | None = None):
        super().__init__()
        self.app = app
        self.preferences = Preferences()
        self.portfolio: str | None = None
        self._busy = 0
        self._build_views()
        self.writes = Writes(self)
        self.refresh = WindowRefresh(self)
        self.relay = ChangeRelay(self)
        self.relay.changed.connect(self.refresh.on_changed)
        self.relay.watch(app)
        self._build_status_bar()
        self._build_actions()
        self._apply_icons()
        settings = QSettings()
        if settings.contains("main_window/geometry"):
            self.restoreGeometry(settings.value("main_window/geometry"))
            self.restoreState(settings.value("main_window/state"))
        else:
            self.resize(1280, 760)
        self.book_opened()
        self.show_page(page or ("welcome" if self._first_run_without_book() else "dashboard"))

    def _first_run_without_book(self) -> bool:
        """The welcome page opens a first run only when there is no book to show: the book opened has no
        account yet (a first run opens the demo book, made at launch: its dashboard is shown). Help →
        Welcome Page shows it at any time."""
        return not self.preferences.welcome_seen and not self.app.accounts()

    # -- building ---------------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.addItems([self.tr("Dashboard"), self.tr("Holdings"), self.tr("Transactions"), self.tr("Themes"),
                           self.tr("Exposure"), self.tr("Clients"), self.tr("Performance")])
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row]) if row >= 0 else None)
        self.welcome, self.dashboard, self.holdings = WelcomeView(self), DashboardView(self), HoldingsView(self)
        self.transactions, self.themes, self.exposure = TransactionsView(self), ThemesView(self), ExposureView(self)
        self.clients, self.performance = ClientsView(self), PerformanceView(self)
        self.model = self.holdings.model
        self.stack = QStackedWidget(self)
        self.pages = {"welcome": self.welcome, "dashboard": self.dashboard, "holdings": self.holdings,
                      "transactions": self.transactions, "themes": self.themes, "exposure": self.exposure,
                      "clients": self.clients, "performance": self.performance}
        for widget in self.pages.values():
            self.stack.addWidget(widget)
        self.nav.setIconSize(QSize(20, 20))
        # Not in the tab chain: a list that gets focus selects its first row, which would leave the welcome
        # page at start. Ctrl+1..7 reach every page from the keyboard.
        self.nav.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; } "
                               "QListWidget#navigation::item { padding: 8px 10px; }")
        # Over every page while simulated prices are on: no figure can pass for a real one.
        self.simulated_banner = QLabel(self.tr(
            "SIMULATED PRICES — every figure uses made-up prices around the last closes, not quotes. "
            "Quotes ▸ Simulated Prices turns them off."), self)
        self.simulated_banner.setObjectName("simulatedBanner")
        self.simulated_banner.setWordWrap(True)
        self.simulated_banner.setStyleSheet("QLabel#simulatedBanner { background: #b35900; color: white; "
                                            "font-weight: bold; padding: 6px 10px; }")
        self.simulated_banner.hide()
        pages = QWidget(self)
        column = QVBoxLayout(pages)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.simulated_banner)
        column.addWidget(self.stack, 1)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        side = QWidget(self)
        side.setFixedWidth(180)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.setSpacing(0)
        side_column.addWidget(self._header())
        side_column.addWidget(self.nav, 1)
        layout.addWidget(side)
        layout.addWidget(pages, 1)
        self.setCentralWidget(central)

    def _header(self) -> QWidget:
        """The app's name and mark over the views, with the open book's name under it."""
        header = QWidget(self)
        header.setObjectName("appHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(12, 10, 8, 10)
        logo = QLabel(header)
        logo.setPixmap(app_icon().pixmap(QSize(32, 32)))
        names = QVBoxLayout()
        names.setSpacing(0)
        title = QLabel("GigaTracker", header)
        title.setObjectName("appTitle")
        title.setStyleSheet("QLabel#appTitle { font-size: 13pt; font-weight: 600; }")
        self.header_book = QLabel(header)
        self.header_book.setObjectName("headerBook")
        self.header_book.setStyleSheet("QLabel#headerBook { font-size: 9pt; }")
        self.header_book.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        names.addWidget(title)
        names.addWidget(self.header_book)
        row.addWidget(logo)
        row.addLayout(names, 1)
        return header

    def _apply_icons(self) -> None:
        """The views' and the toolbar's icons, drawn in the palette's text colour (again when it changes)."""
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        for row, name in enumerate(PAGES):
            self.nav.item(row).setIcon(themed_icon(name, colour))
        for action, name in ((self.quotes.refresh_action, "refresh"), (self.live_action, "live"),
                             (self.import_action, "import"), (self.add_action, "add")):
            action.setIcon(themed_icon(name, colour))

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and hasattr(self, "add_action"):  # built (a palette change can come while building)
            self._apply_icons()
        super().changeEvent(event)

    def make_action(self, text: str, slot, shortcut=None, *, checkable: bool = False) -> QAction:
        action = QAction(text, self, checkable=checkable)
        if isinstance(shortcut, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(shortcut)  # every binding the platform knows for it
            action.setShortcuts(bindings or [QKeySequence(FALLBACK_KEYS[shortcut])])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = self.keys
        self.books, self.exports = BookActions(self), ExportActions(self)
        self.txs, self.quotes = TransactionActions(self), QuoteActions(self)
        self.accounts, self.security, self.symbols = AccountActions(self), BookSecurity(self), SymbolActions(self)
        self.theme_actions = ThemeActions(self)
        self._connect_views()
        self.settings_action = self.make_action(self.tr("&Settings…"), self._settings, keys.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.import_action, self.add_action = self.txs.import_action, self.txs.add_action
        self.export_actions, self.import_book_action = self.exports.table_actions, self.books.import_book_action
        self.new_action, self.live_action, self.simulate_action = (self.books.new_action, self.quotes.live_action,
                                                                   self.quotes.simulate_action)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.books.new_action, self.books.open_action])
        self.books.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.books.backup_action])
        file_menu.addMenu(self.tr("&Export")).addActions(list(self.export_actions.values()))
        file_menu.addActions([self.exports.report_action, self.import_book_action])
        file_menu.addSeparator()
        file_menu.addActions([self.settings_action, self.make_action(self.tr("&Quit"), self.close, keys.Quit)])

        self.undo_action, self.redo_action = self.writes.undo_action, self.writes.redo_action
        book_menu = self.menuBar().addMenu(self.tr("&Book"))
        book_menu.addActions(self.accounts.actions())
        book_menu.addSeparator()
        book_menu.addActions(self.security.actions())
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.aboutToShow.connect(self.writes.offer)  # says whether Ctrl+Z goes to the focused field
        edit_menu.addSeparator()
        edit_menu.addAction(self.add_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, page in enumerate(PAGES, start=1):
            view_menu.addAction(self.make_action(self.nav.item(number - 1).text(),
                                                 lambda _=False, p=page: self.show_page(p), f"Ctrl+{number}"))
        view_menu.addSeparator()
        view_menu.addAction(self.make_action(self.tr("Re&load"), self.reload, keys.Refresh))
        quotes_menu = self.menuBar().addMenu(self.tr("&Quotes"))
        quotes_menu.addActions(self.quotes.actions())
        quotes_menu.addSeparator()
        quotes_menu.addAction(self.symbols.find_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.make_action(self.tr("&Welcome Page"), lambda: self.show_page("welcome")))
        help_menu.addAction(self.make_action(self.tr("&About GigaTracker"), self._about))

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.addActions([self.quotes.refresh_action, self.live_action, self.import_action, self.add_action])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Portfolio:") + " ", self))
        self.portfolio_box = QComboBox(self)
        self.portfolio_box.setObjectName("portfolio_selector")
        self.portfolio_box.setMinimumContentsLength(16)
        self.portfolio_box.currentIndexChanged.connect(self._portfolio_chosen)
        toolbar.addWidget(self.portfolio_box)

    def _connect_views(self) -> None:
        """The views' requests, to the actions that serve them."""
        self.welcome.open_demo.connect(self.books.open_demo)
        self.welcome.new_book.connect(self.books.new_book)
        self.welcome.open_book.connect(self.books.choose_book)
        self.welcome.import_csv.connect(self.txs.import_file)
        self.dashboard.new_account.connect(lambda: self.accounts.new_account())
        self.dashboard.add_transaction.connect(lambda: self.txs.add())
        self.dashboard.import_file.connect(self.txs.import_file)
        self.dashboard.book_progress = self._book_progress
        self.holdings.show_transactions.connect(self._show_transactions_of)
        self.holdings.change_symbol.connect(lambda symbol: self.symbols.change_symbol(symbol))
        self.holdings.add_price.connect(lambda symbol: self.quotes.add_price(symbol))
        self.holdings.add_transaction.connect(lambda symbol, account: self.txs.add(
            preset={"symbol": symbol, "account": account}))
        self.transactions.add_requested.connect(self.txs.add)
        self.transactions.edit_requested.connect(self.txs.edit)
        self.transactions.delete_requested.connect(self.txs.delete)
        self.themes.export_pack.connect(self.exports.theme_pack)
        self.exposure.view_changed.connect(self.refresh.load_exposure)
        self.exposure.contributors_requested.connect(self.refresh.show_contributors)
        self.clients.open_client.connect(self._open_client)
        self.clients.export_report.connect(self.exports.report)
        self.performance.choice_changed.connect(self.refresh.load_performance)
        self.dashboard.history_period_changed.connect(self.refresh.load_history)

    def _build_status_bar(self) -> None:
        self.book_label, self.total_label = QLabel(self), QLabel(self)
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
        self.refresh.refresh_page(page)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(PAGES.index(page) if page in PAGES else -1)
        self.nav.blockSignals(False)
        if page != "welcome":
            self.preferences.welcome_seen = True

    def current_page(self) -> str:
        return next(name for name, widget in self.pages.items() if widget is self.stack.currentWidget())

    def show_portfolios(self, names: list[str]) -> None:
        box = self.portfolio_box
        box.blockSignals(True)
        if [box.itemData(i) for i in range(box.count())] != [None, *names]:
            box.clear()
            box.addItem(self.tr("All portfolios"), None)
            for name in names:
                box.addItem(name, name)
        box.setCurrentIndex(max(0, box.findData(self.portfolio)))
        box.blockSignals(False)

    def _portfolio_chosen(self) -> None:
        chosen = self.portfolio_box.currentData()
        if chosen != self.portfolio:
            self.portfolio = chosen
            self.refresh.portfolio_switched()

    def _open_client(self, portfolio: str) -> None:
        self.portfolio_box.setCurrentIndex(max(0, self.portfolio_box.findData(portfolio)))
        self.show_page("dashboard")

    def _show_transactions_of(self, symbol: str, account: str) -> None:
        self.transactions.show_for(symbol, account)
        self.show_page("transactions")

    # -- the open book ----------------------------------------------------------------------------
    @property
    def data(self):
        """What the views show, from the last reload (app/window_data.py)."""
        return self.refresh.data

    def book_opened(self) -> None:
        book = self.app.book
        self.setWindowTitle(f"GigaTracker — {book.name}")
        self.header_book.setText(self.header_book.fontMetrics().elidedText(book.short_name, Qt.TextElideMode.ElideMiddle,
                                                                          120))
        self.header_book.setToolTip(book.location)
        self.book_label.setText(book.location)
        self.book_label.setToolTip(self.tr("The open book"))
        self.preferences.add_recent_book(book.path if book.path is not None else book.location)
        self.books.fill_recent_menu()
        self.security.book_changed()
        self.writes.clear()
        self.refresh.book_opened()
        if self.app.book.notices:
            self.books.show_notices(book.name, self.app.book.notices)
        self.quotes.book_opened()

    def _book_progress(self) -> tuple[bool, bool] | None:
        """Whether the book has an account, and a transaction (None: not loaded yet)."""
        data = self.data
        return None if data is None else (bool(data.accounts), bool(data.transactions))

    def reload(self) -> None:
        self.refresh.reload()

    def set_busy(self, step: int) -> None:
        self._busy += step
        if self._busy > 0 and not self._busy_timer.isActive() and not self.progress.isVisible():
            self._busy_timer.start()
        if self._busy <= 0:  # idle: a later job waits its own second before showing progress
            self._busy_timer.stop()
            self.progress.hide()

    def show_total(self) -> None:
        base = self.data.snapshot.base_currency if self.data else ""
        total = format_money(self.model.total_base, base)
        source = self.quotes.state.source
        if source is PriceSource.SIMULATED:
            self.total_label.setText(self.tr("Holdings %1 (simulated)").replace("%1", total))
        elif source is PriceSource.LIVE and self.quotes.state.ticks:
            self.total_label.setText(self.tr("Holdings %1 (live)").replace("%1", total))
        else:
            self.total_label.setText(self.tr("Holdings %1").replace("%1", total))

    def show_price_source(self, source: PriceSource) -> None:
        """The prices every figure uses: a banner over every page while they are simulated."""
        self.simulated_banner.setVisible(source is PriceSource.SIMULATED)
        self.total_label.setStyleSheet("color: #b35900; font-style: italic;" if source is PriceSource.SIMULATED
                                       else "")
        self.dashboard.set_price_source(self.refresh.figures_source())  # their figures come with a repricing
        self.clients.set_price_source(self.refresh.figures_source())
        self.exposure.set_price_source(source)
        self.show_total()

    # What tests and other windows ask of the window by name.
    def open_book(self, path) -> None:
        self.books.open(path)

    def add_transaction(self, preset: dict | None = None):
        return self.txs.add(preset)

    def edit_transaction(self, old):
        return self.txs.edit(old)

    def delete_transaction(self, tx, *, confirm: bool = True) -> None:
        self.txs.delete(tx, confirm=confirm)

    def set_live(self, on: bool, *, simulated: bool = False, url: str | None = None) -> None:
        self.quotes.set_live(on, simulated=simulated, url=url)

    @property
    def import_summary(self):
        return self.txs.import_summary

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
            self.writes.run(op.set_base_currency(currency))
        if self.live_action.isChecked():
            self.set_live(True)  # reconnect to the new server
        if self.preferences.language != language:
            install_language(self.preferences.language)
            self._reopen()

    def _reopen(self) -> None:
        """A new window in the new language, on the same book; this one steps aside without closing it."""
        self.quotes.stop()
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
        self.quotes.stop()
        self._save_geometry()
        super().closeEvent(event)
