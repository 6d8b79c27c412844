"""Table model of valued holdings. Display strings are formatted once when rows arrive, not per paint."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..core.valuation import Valuation
from .format import format_decimal

COLUMNS = ("Portfolio", "Account", "Symbol", "Name", "Quantity", "Average cost", "Price", "Currency",
           "Market value (base)", "Unrealized P&L (base)", "Weight")
_NUMERIC = {4, 5, 6, 8, 9, 10}


class HoldingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []
        self._tooltips: list[str] = []
        self.total_base = None

    def set_holdings(self, holdings: list[Valuation], names: dict[str, str]) -> None:
        self.beginResetModel()
        values = [v.market_value_base for v in holdings if v.market_value_base is not None]
        self.total_base = sum(values) if values else None
        self._rows, self._tooltips = [], []
        for v in holdings:
            weight = (v.market_value_base / self.total_base * 100
                      if v.market_value_base is not None and self.total_base else None)
            self._rows.append((
                v.portfolio, v.account, v.symbol, names.get(v.symbol, ""), format_decimal(v.quantity, 4).rstrip("0")
                .rstrip(",.") or "0", format_decimal(v.average_cost, 2), format_decimal(v.price, 2), v.currency,
                format_decimal(v.market_value_base, 2), format_decimal(v.unrealized_pnl_base, 2),
                "—" if weight is None else format_decimal(weight, 1) + " %",
            ))
            source = (f"{v.price_source} close of {v.price_date}" if v.price_date else v.problem or "no price")
            fx = f"; FX {v.fx_via} {v.fx_rate:.6f} on {v.fx_date}" if v.fx_via else ""
            self._tooltips.append(source + fx)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return self._tooltips[index.row()]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None
