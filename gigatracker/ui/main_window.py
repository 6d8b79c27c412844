"""The main window: the open book's holdings, valued in its base currency, loaded off the GUI thread."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QMainWindow, QMessageBox, QTableView

from ..app import App
from ..changes import Changed
from .format import format_decimal
from .holdings_model import HoldingsModel
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
        self.total_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.total_label)
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

    def refresh(self) -> None:
        self.statusBar().showMessage(f"Loading {self.app.book.path} …")
        app = self.app
        run_in_background(lambda: (app.holdings(), app.security_names()), self._show, self._failed)

    def _show(self, result) -> None:
        holdings, names = result
        self.model.set_holdings(holdings, names)
        base = self.app.base_currency
        self.total_label.setText(f"Holdings {format_decimal(self.model.total_base, 2)} {base}")
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
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
