"""A security's weights across the themes of a taxonomy, in percent with basis-point precision: the sum
is shown live, the remainder is Unassigned, more than 100 % is refused (the Save/OK button stays off)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..appearance import ERROR_COLOUR
from ..format import format_decimal, parse_decimal_input

FULL_BP = 10_000


class WeightsEditor(QWidget):
    validity_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.symbol, self.taxonomy = "", ""
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Weight %")])
        self.table.itemChanged.connect(self._update)
        self.total = QLabel(self.tr("Select a security to edit its weights."), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.total)

    def load(self, symbol: str, taxonomy: str, paths: list[str], weights: dict[str, int]) -> None:
        self.symbol, self.taxonomy = symbol, taxonomy
        self.table.blockSignals(True)
        self.table.setHorizontalHeaderLabels([self.tr("Theme (%1)").replace("%1", taxonomy), self.tr("Weight %")])
        self.table.setRowCount(len(paths))
        for row, path in enumerate(paths):
            name = QTableWidgetItem(path)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            bp = weights.get(path)
            weight = QTableWidgetItem(format_decimal(Decimal(bp) / 100, 2) if bp else "")
            weight.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, weight)
        self.table.blockSignals(False)
        self._update()

    def set_weight(self, path: str, percent_text: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == path:
                self.table.item(row, 1).setText(percent_text)
                return
        raise KeyError(path)

    def weights(self) -> tuple[dict[str, int], str]:
        """{path: bp} and a problem ('' when none)."""
        result = {}
        for row in range(self.table.rowCount()):
            text = self.table.item(row, 1).text()
            path = self.table.item(row, 0).text()
            try:
                value = parse_decimal_input(text)
            except ValueError:
                return result, self.tr("'%1' is not a number").replace("%1", text)
            if value is None or value == 0:
                continue
            bp = value * 100
            if bp != bp.to_integral_value() or bp < 0:
                return result, self.tr("%1: use a positive percentage with at most 2 decimals").replace("%1", path)
            result[path] = int(bp)
        if sum(result.values()) > FULL_BP:
            return result, self.tr("The weights add up to more than 100 %.")
        return result, ""

    def specs(self) -> list[str]:
        return [f"{path}={bp}" for path, bp in self.weights()[0].items()]

    def _update(self) -> None:
        weights, problem = self.weights()
        total = sum(weights.values())
        text = self.tr("Assigned %1 % · Unassigned %2 %").replace("%1", format_decimal(Decimal(total) / 100, 2)).replace(
            "%2", format_decimal(Decimal(max(0, FULL_BP - total)) / 100, 2))
        self.total.setText(problem or text)
        self.total.setStyleSheet(f"color: {ERROR_COLOUR}" if problem else "")
        self.validity_changed.emit(not problem and bool(self.symbol))
