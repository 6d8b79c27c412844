"""Assign a security's weights across the themes of a taxonomy, in percent with basis-point precision;
the sum is shown live, the remainder stays Unassigned, more than 100 % is refused."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from ..format import format_decimal, parse_decimal_input

FULL_BP = 10_000


class AssignThemesDialog(QDialog):
    def __init__(self, symbol: str, taxonomy: str, paths: list[str], weights: dict[str, int], parent=None):
        super().__init__(parent)
        self.symbol, self.taxonomy = symbol, taxonomy
        self.setWindowTitle(self.tr("Themes of %1").replace("%1", symbol))
        self.table = QTableWidget(len(paths), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Theme (%1)").replace("%1", taxonomy), self.tr("Weight %")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, path in enumerate(paths):
            name = QTableWidgetItem(path)
            name.setFlags(name.flags() & ~name.flags().ItemIsEditable)
            self.table.setItem(row, 0, name)
            bp = weights.get(path)
            self.table.setItem(row, 1, QTableWidgetItem(format_decimal(Decimal(bp) / 100, 2) if bp else ""))
        self.table.itemChanged.connect(self._update)
        self.total = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.total)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self._update()

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
        self.total.setStyleSheet("color: #d73a49" if problem else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
