"""Clients: every portfolio side by side — value, top theme, breached rules, overdue thesis reviews."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..format import format_decimal, format_money


class ClientsView(QWidget):
    open_client = Signal(str)  # portfolio

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Portfolio"), self.tr("Total value"), self.tr("Top theme"),
                                              self.tr("Breached rules"), self.tr("Overdue reviews")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(lambda index: self.open_client.emit(self.table.item(index.row(), 0).text()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_clients(self, dashboards) -> None:
        self.table.setRowCount(len(dashboards))
        for row, d in enumerate(dashboards):
            top = d.top_themes[0] if d.top_themes else None
            cells = (d.portfolio, format_money(d.total_base, d.base_currency),
                     f"{top[0].split('/')[-1]} {format_decimal(Decimal(top[1]) / 100, 1)} %" if top else "—",
                     str(len(d.breaches)), str(sum(d.overdue(t) for t in d.reviews)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
