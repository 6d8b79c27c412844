"""Exposure: the book by theme, sector, country, currency, asset class, account or portfolio, with or
without looking through funds, and the look-through coverage."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from ...core.exposure import View
from ..format import format_date, format_decimal

DIMENSIONS = ("theme", "sector", "industry", "country", "currency", "asset-class", "account", "portfolio")


class ExposureView(QWidget):
    view_changed = Signal(object)  # View

    def __init__(self, parent=None):
        super().__init__(parent)
        labels = (self.tr("Theme"), self.tr("Sector"), self.tr("Industry"), self.tr("Country"), self.tr("Currency"),
                  self.tr("Asset class"), self.tr("Account"), self.tr("Portfolio"))
        self.dimension = QComboBox(self)
        for key, label in zip(DIMENSIONS, labels):
            self.dimension.addItem(label, key)
        self.look_through = QCheckBox(self.tr("Look through funds"), self)
        self.look_through.setChecked(True)
        self.coverage = QLabel(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Value (base)"), self.tr("Weight")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        bar = QHBoxLayout()
        bar.addWidget(self.dimension)
        bar.addWidget(self.look_through)
        bar.addStretch(1)
        bar.addWidget(self.coverage)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.dimension.currentIndexChanged.connect(lambda: self.view_changed.emit(self.view()))
        self.look_through.toggled.connect(lambda: self.view_changed.emit(self.view()))

    def view(self) -> View:
        return View(self.dimension.currentData(), look_through=self.look_through.isChecked())

    def show_exposure(self, report) -> None:
        result = report.exposure
        self.table.setRowCount(len(result.rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(result.rows):
            cells = (line.key, format_decimal(line.value_base, 2) + f" {result.base_currency}",
                     format_decimal(Decimal(line.weight_bp) / 100, 2) + " %")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(right)
                self.table.setItem(row, column, item)
        if result.coverage_bp is None:
            self.coverage.setText("")
        else:
            text = self.tr("look-through %1").replace("%1", format_decimal(Decimal(result.coverage_bp) / 100, 0) + " %")
            if result.as_of:
                text += " · " + self.tr("holdings as of %1").replace("%1", format_date(result.as_of))
            self.coverage.setText(text)
