"""Holdings: the valued positions with live prices, a filter, grouping by portfolio or account, and a
context menu (assign themes, show transactions, add a transaction)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QVBoxLayout, QWidget

from ..models.holdings import GROUPINGS, HoldingsModel
from .tables import data_table

MAX_COLUMN_WIDTH = 140  # long names and headers are elided rather than pushing figures off screen


class HoldingsView(QWidget):
    show_transactions = Signal(str, str)  # symbol, account
    assign_themes = Signal(str)  # symbol
    add_transaction = Signal(str, str)  # symbol, account
    change_symbol = Signal(str)  # symbol

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = HoldingsModel(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by symbol, name, account or theme"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.grouping = QComboBox(self)
        for key, label in zip(GROUPINGS, (self.tr("No grouping"), self.tr("Group by portfolio"),
                                          self.tr("Group by account"))):
            self.grouping.addItem(label, key)
        self.grouping.currentIndexChanged.connect(lambda: self.model.set_grouping(self.grouping.currentData()))
        self.table = data_table(self, self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.model.modelReset.connect(self._fit_columns)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Filter:"), self))
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.grouping)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._fitted = False

    def _fit_columns(self) -> None:
        if not self._fitted and self.model.rowCount():  # once: later resets keep the user's widths
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(self.model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
            self._fitted = True

    def _menu(self, point) -> None:
        index = self.table.indexAt(point)
        holding = self.model.holding(index.row()) if index.isValid() else None
        if holding is None:
            return
        menu = QMenu(self)
        actions = [
            (self.tr("Assign themes to %1…").replace("%1", holding.symbol), lambda: self.assign_themes.emit(holding.symbol)),
            (self.tr("Show transactions"), lambda: self.show_transactions.emit(holding.symbol, holding.account)),
            (self.tr("Add a transaction…"), lambda: self.add_transaction.emit(holding.symbol, holding.account)),
            (self.tr("Change symbol…"), lambda: self.change_symbol.emit(holding.symbol)),
        ]
        for text, slot in actions:
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(point))
