"""Returns per security, account or portfolio as a table: value, TTWROR, IRR, gain and contribution, sorted
in the model (by the numbers, not their text)."""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ...app.performance_page import TableRow
from ..format import format_decimal_float

GAIN, LOSS = QColor("#2ea043"), QColor("#d73a49")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def percent(value: float | None, places: int = 2, sign: bool = False) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    text = format_decimal_float(value * 100, places)
    return ("+" + text if sign and value > 0 else text) + " %"


class ReturnsModel(QAbstractTableModel):
    COLUMNS = ("name", "value", "ttwror", "irr", "gain", "contribution")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[TableRow] = []
        self.base = ""
        self._order = (2, Qt.SortOrder.DescendingOrder)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Value"), self.tr("TTWROR"), self.tr("IRR"), self.tr("Gain"),
                self.tr("Contribution")]

    def set_rows(self, rows: list[TableRow], base: str) -> None:
        self.beginResetModel()
        self.rows, self.base = list(rows), base
        self._sort_rows()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def _value(self, row: TableRow, column: int):
        return getattr(row, self.COLUMNS[column])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        value = self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return value
            if column in (1, 4):
                return format_decimal_float(value, 2) + " " + self.base
            if column == 5:
                return "—" if value is None else format_decimal_float(value * 100, 2) + " " + self.tr("pts")
            return percent(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column >= 2 and value is not None and math.isfinite(value):
            return GAIN if value > 0 else LOSS if value < 0 else None
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._order = (column, order)
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._order

        def key(row: TableRow):
            value = self._value(row, column)
            if column == 0:
                return (0, value.casefold())
            missing = value is None or not math.isfinite(value)
            return (1 if missing else 0, 0.0 if missing else value)
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if order == Qt.SortOrder.DescendingOrder:  # rows without a figure stay last either way
            self.rows.sort(key=lambda row: column != 0 and (self._value(row, column) is None or
                                                            not math.isfinite(self._value(row, column))))
