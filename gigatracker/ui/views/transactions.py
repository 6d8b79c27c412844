"""Transactions: filterable by text, account and symbol; add, edit (double-click) and delete."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ...core.ledger import Transaction
from ..models.transactions import TransactionsModel
from .tables import data_table


class TransactionsView(QWidget):
    add_requested = Signal()
    edit_requested = Signal(object)  # Transaction
    delete_requested = Signal(object)  # Transaction

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = TransactionsModel(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by any field"))
        self.filter.setClearButtonEnabled(True)
        self.account = QComboBox(self)
        self.symbol = QLineEdit(self)
        self.symbol.setPlaceholderText(self.tr("Symbol"))
        self.symbol.setClearButtonEnabled(True)
        self.symbol.setMaximumWidth(120)
        for signal in (self.filter.textChanged, self.account.currentIndexChanged, self.symbol.textChanged):
            signal.connect(self._apply_filter)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._with_selected(self.edit_requested.emit))
        self.delete_button.clicked.connect(lambda: self._with_selected(self.delete_requested.emit))
        self.table = data_table(self, self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(self.model.transaction(index.row())))
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.table,
                  activated=lambda: self._with_selected(self.delete_requested.emit))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Filter:"), self))
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.account)
        bar.addWidget(self.symbol)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._fitted = False
        self._update_buttons()

    def set_accounts(self, names: list[str]) -> None:
        current = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(self.tr("All accounts"), "")
        for name in names:
            self.account.addItem(name, name)
        self.account.setCurrentIndex(max(0, self.account.findData(current)))
        self.account.blockSignals(False)

    def set_transactions(self, txs: list[Transaction], rows: list[list[str]] | None = None,
                         order: list[int] | None = None, arranged_by=None) -> None:
        self.model.set_transactions(txs, rows, order, arranged_by)
        if not self._fitted and txs:
            self.table.resizeColumnsToContents()
            self._fitted = True

    def show_for(self, symbol: str, account: str) -> None:
        self.filter.clear()
        self.symbol.setText(symbol)
        self.account.setCurrentIndex(max(0, self.account.findData(account)))

    def selected(self) -> Transaction | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.transaction(rows[0].row()) if rows else None

    def _with_selected(self, slot) -> None:
        tx = self.selected()
        if tx is not None:
            slot(tx)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text(), self.account.currentData() or "", self.symbol.text().strip().upper())

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
