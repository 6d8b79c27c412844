"""The main window: the open book's holdings, valued in its base currency, loaded off the GUI thread,
with live prices (Yahoo's streamer, or a simulated feed) drained at 10 Hz into the table."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QMainWindow, QMessageBox, QTableView

from ..app import App
from ..changes import Changed
from .format import format_decimal
from .holdings_model import HoldingsModel
from .live import LivePrices
from .workers import run_in_background


class MainWindow(QMainWindow):
    def __init__(self, app: App):
        super().__init__()
        self.app = app
        self.setWindowTitle(f"GigaTracker — {app.book.path.name}")
        self.model = HoldingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.table)
        self.feed_label = QLabel("Offline", self)
        self.total_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.feed_label)
        self.statusBar().addPermanentWidget(self.total_label)
        self.live = LivePrices(self)
        self.live.ticked.connect(self._on_ticks)
        self.live.status_changed.connect(self._show_feed_status)
        self._build_menus()
        settings = QSettings()
        if settings.contains("main_window/geometry"):
            self.restoreGeometry(settings.value("main_window/geometry"))
        else:
            self.resize(1200, 600)
        app.subscribe(self._on_changed)
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open Book…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._open_book)
        refresh = QAction("&Refresh", self, shortcut=QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([open_action, refresh])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        quotes_menu = self.menuBar().addMenu("&Quotes")
        self.live_action = QAction("&Live prices", self, checkable=True, shortcut="Ctrl+L")
        self.live_action.toggled.connect(lambda on: self.set_live(on))
        self.simulate_action = QAction("&Simulated prices (demo)", self, checkable=True)
        self.simulate_action.toggled.connect(lambda on: self.set_live(on, simulated=True))
        quotes_menu.addActions([self.live_action, self.simulate_action])
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.addActions([refresh, self.live_action])

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
            return
        symbols = self.model.symbols()
        if simulated:
            self.live.start(symbols, simulated_closes=self.model.closes())
        else:
            self.live.start(symbols, url=url, settings_url=QSettings().value("stream/url") or None)

    def _on_ticks(self, ticks) -> None:
        if self.model.apply_ticks(ticks):
            self._show_total()
        self.model.expire_flashes()

    def _show_feed_status(self, status) -> None:
        text = status.text
        if status.last_tick_at is not None:
            age = (datetime.now(timezone.utc) - status.last_tick_at).total_seconds()
            text += f" · last price {max(0, age):.0f} s ago" if age < 3600 else ""
        self.feed_label.setText(text)

    def _show_total(self) -> None:
        self.total_label.setText(f"Holdings {format_decimal(self.model.total_base, 2)} {self.app.base_currency}")

    def refresh(self) -> None:
        self.statusBar().showMessage(f"Loading {self.app.book.path} …")
        app = self.app
        run_in_background(lambda: (app.holdings(), app.security_names()), self._show, self._failed)

    def _show(self, result) -> None:
        holdings, names = result
        self.model.set_holdings(holdings, names)
        self.live.set_symbols(self.model.symbols())
        base = self.app.base_currency
        self._show_total()
        self.statusBar().showMessage(f"{self.app.book.path} · {len(holdings)} positions · base {base}")

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage("Could not load the book")
        QMessageBox.critical(self, "GigaTracker", message)

    def _on_changed(self, change: Changed) -> None:
        if change.transactions or change.prices or change.accounts:
            self.refresh()

    def _open_book(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Book", str(self.app.book.path.parent),
                                              "GigaTracker books (*.gtbook);;All files (*)")
        if not path:
            return
        try:
            new_app = App.open(path)
        except Exception as error:  # noqa: BLE001 - every open failure has a user-facing message
            QMessageBox.critical(self, "GigaTracker", str(error))
            return
        old = self.app
        self.app = new_app
        new_app.subscribe(self._on_changed)
        old.close()
        self.setWindowTitle(f"GigaTracker — {new_app.book.path.name}")
        self.refresh()

    def closeEvent(self, event) -> None:
        self.live.stop()
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
