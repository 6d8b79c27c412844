"""Table model of valued holdings. Display strings are formatted when rows change, not per paint.

Live ticks update only the rows of the symbols that moved: one `dataChanged` per contiguous row range
for the price-to-P&L columns, and one for the weight column (a new total moves every weight). A moved
price flashes green or red for a moment.
"""
from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ..core.valuation import Valuation
from ..services.stream.frames import Tick
from .format import format_decimal

COLUMNS = ("Portfolio", "Account", "Symbol", "Name", "Quantity", "Average cost", "Price", "Currency",
           "Market value (base)", "Unrealized P&L (base)", "Weight")
_NUMERIC = {4, 5, 6, 8, 9, 10}
PRICE, PNL, WEIGHT = 6, 9, 10
FLASH_SECONDS = 0.6
_UP, _DOWN = QColor(46, 160, 67, 90), QColor(218, 54, 51, 90)


class HoldingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._holdings: list[Valuation] = []
        self._names: dict[str, str] = {}
        self._rows: list[list[str]] = []
        self._tooltips: list[str] = []
        self._flash: dict[int, tuple[float, QColor]] = {}
        self.total_base: Decimal | None = None

    # -- content ----------------------------------------------------------------------------------
    def set_holdings(self, holdings: list[Valuation], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._holdings, self._names, self._flash = list(holdings), names, {}
        self._recompute_total()
        self._rows = [self._format(i) for i in range(len(self._holdings))]
        self._tooltips = [self._tooltip(v) for v in self._holdings]
        self.endResetModel()

    def symbols(self) -> list[str]:
        return sorted({v.symbol for v in self._holdings})

    def closes(self) -> dict[str, tuple[Decimal, str]]:
        """The last price of each symbol shown (what a simulated feed starts from)."""
        return {v.symbol: (v.price, v.currency) for v in self._holdings if v.price is not None}

    def apply_ticks(self, ticks: dict[str, Tick]) -> int:
        """New prices for some symbols; returns how many rows changed."""
        changed = []
        now = time.monotonic()
        for row, v in enumerate(self._holdings):
            tick = ticks.get(v.symbol)
            if tick is None or v.fx_rate is None or (tick.currency and tick.currency != v.currency):
                continue  # no FX rate to value it, or quoted in another currency than the position
            if tick.price == v.price:
                continue
            market_value = v.quantity * tick.price
            moved = _UP if v.price is None or tick.price > v.price else _DOWN
            self._holdings[row] = replace(
                v, price=tick.price, price_date=tick.time.date(), price_source=tick.source,
                market_value=market_value, market_value_base=market_value * v.fx_rate,
                unrealized_pnl_base=(market_value - v.cost_basis) * v.fx_rate)
            self._flash[row] = (now, moved)
            changed.append(row)
        if not changed:
            return 0
        self._recompute_total()
        for row in changed:
            self._rows[row] = self._format(row)
            self._tooltips[row] = self._tooltip(self._holdings[row])
        for row in range(len(self._rows)):  # a new total moves every weight
            self._rows[row][WEIGHT] = self._weight_text(self._holdings[row])
        for first, last in _ranges(changed):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PNL))
        if self._rows:
            self.dataChanged.emit(self.index(0, WEIGHT), self.index(len(self._rows) - 1, WEIGHT))
        return len(changed)

    def expire_flashes(self) -> None:
        now = time.monotonic()
        done = [row for row, (since, _) in self._flash.items() if now - since > FLASH_SECONDS]
        for row in done:
            del self._flash[row]
        for first, last in _ranges(sorted(done)):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PRICE),
                                  [Qt.ItemDataRole.BackgroundRole])

    def _recompute_total(self) -> None:
        values = [v.market_value_base for v in self._holdings if v.market_value_base is not None]
        self.total_base = sum(values) if values else None

    def _format(self, row: int) -> list[str]:
        v = self._holdings[row]
        return [v.portfolio, v.account, v.symbol, self._names.get(v.symbol, ""),
                format_decimal(v.quantity, 4).rstrip("0").rstrip(",.") or "0", format_decimal(v.average_cost, 2),
                format_decimal(v.price, 2), v.currency, format_decimal(v.market_value_base, 2),
                format_decimal(v.unrealized_pnl_base, 2), self._weight_text(v)]

    def _weight_text(self, v: Valuation) -> str:
        if v.market_value_base is None or not self.total_base:
            return "—"
        return format_decimal(v.market_value_base / self.total_base * 100, 1) + " %"

    @staticmethod
    def _tooltip(v: Valuation) -> str:
        source = f"{v.price_source} price of {v.price_date}" if v.price_date else v.problem or "no price"
        fx = f"; FX {v.fx_via} {v.fx_rate:.6f} on {v.fx_date}" if v.fx_via else ""
        return source + fx

    # -- Qt interface -------------------------------------------------------------------------------
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
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PRICE:
            return self._tooltips[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == PRICE and index.row() in self._flash:
            return self._flash[index.row()][1]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


def _ranges(rows: list[int]):
    """[1, 2, 3, 7, 8] -> (1, 3), (7, 8)"""
    start = previous = None
    for row in rows:
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous
            start = previous = row
    if start is not None:
        yield start, previous
