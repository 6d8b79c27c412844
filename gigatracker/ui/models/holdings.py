"""Valued holdings as a table: numpy arrays for sorting, display strings formatted when a row changes
(never per paint), sorting, filtering and grouping done here rather than in a sort-filter proxy model
(which re-sorts a live column in seconds at 5,000 rows).

Live ticks update only the rows of the symbols that moved: one `dataChanged` per contiguous range of
display rows for the price-to-P&L columns, one for the weight column (a new total moves every weight),
and a re-sort only when the table is sorted by a live column. A moved price flashes green or red.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont

from ...core.valuation import Valuation, revalue
from ...services.stream.tick import Tick
from ..format import format_decimal, format_money, format_quantity, row_ranges

COLUMNS = (
    QT_TRANSLATE_NOOP("HoldingsModel", "Symbol"), QT_TRANSLATE_NOOP("HoldingsModel", "Name"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Portfolio"), QT_TRANSLATE_NOOP("HoldingsModel", "Account"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Quantity"), QT_TRANSLATE_NOOP("HoldingsModel", "Average cost"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Price"), QT_TRANSLATE_NOOP("HoldingsModel", "Day change"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Market value"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Unrealized P&L"), QT_TRANSLATE_NOOP("HoldingsModel", "Weight"),
    QT_TRANSLATE_NOOP("HoldingsModel", "Themes"),
)
(SYMBOL, NAME, PORTFOLIO, ACCOUNT, QUANTITY, AVERAGE_COST, PRICE, DAY, VALUE, PNL, WEIGHT,
 THEMES) = range(len(COLUMNS))
NUMERIC = (QUANTITY, AVERAGE_COST, PRICE, DAY, VALUE, PNL, WEIGHT)
LIVE = (PRICE, DAY, VALUE, PNL, WEIGHT)  # columns a tick changes
GROUPINGS = ("", "portfolio", "account")
FLASH_SECONDS = 0.6
UP, DOWN = QColor(46, 160, 67, 90), QColor(218, 54, 51, 90)

GAIN, LOSS = QColor(30, 140, 60), QColor(200, 50, 50)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC_SET = frozenset(NUMERIC)
DISPLAY, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, FOREGROUND = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))


class HoldingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._holdings: list[Valuation] = []
        self._themes: list[str] = []
        self._names: list[str] = []
        self._text: list[list[str]] = []  # pre-formatted cells (weight: see _weight)
        self._keys = np.empty((0, len(COLUMNS)))  # numeric sort keys, NaN where there is no value
        self._search = np.empty(0, dtype=object)  # lower-case text a filter matches against
        self._rows_of: dict[str, list[int]] = {}  # symbol -> source rows
        self._order = np.empty(0, dtype=np.int64)  # display row -> source row, or -(group + 1) for a header
        self._order_list: list[int] = []  # the same as a list: data() reads it per cell, faster than numpy
        self._display_of = np.empty(0, dtype=np.int64)  # source row -> display row (-1 when filtered out)
        self._groups: list[tuple[str, list[int]]] = []
        self._weights: dict[int, str] = {}  # weight texts, formatted when first shown, cleared on a new total
        self._flash: dict[int, tuple[float, QColor]] = {}
        self._sort_column, self._sort_order = -1, Qt.SortOrder.AscendingOrder
        self._filter, self._grouping = "", ""
        self.total_base: Decimal | None = None
        self._gross_base: Decimal | None = None
        self.last_changed: list[Valuation] = []  # the positions the last apply_ticks moved
        self._bold = QFont()  # group headers
        self._bold.setBold(True)

    # -- content ----------------------------------------------------------------------------------
    def set_holdings(self, holdings: list[Valuation], names: dict[str, str],
                     themes: dict[str, str] | None = None) -> None:
        self.set_rows(HoldingsRows.build(holdings, names, themes or {}))

    def set_rows(self, rows: "HoldingsRows") -> None:
        """Rows formatted beforehand (in a worker, for big books): this only swaps them in."""
        self.beginResetModel()
        self._holdings, self._names, self._themes = rows.holdings, rows.names, rows.themes
        self._text, self._keys, self._search, self._rows_of = rows.text, rows.keys, rows.search, rows.rows_of
        self._flash = {}
        self._recompute_total()
        self._shown_tenths = self._weight_tenths()
        self._arrange()
        self.endResetModel()

    def valuations(self) -> list[Valuation]:
        return list(self._holdings)

    def symbols(self) -> list[str]:
        return sorted(self._rows_of)

    def closes(self) -> dict[str, tuple[Decimal, str]]:
        """The last price of each symbol shown (what a simulated feed starts from)."""
        return {v.symbol: (v.price, v.currency) for v in self._holdings if v.price is not None}

    def holding(self, display_row: int) -> Valuation | None:
        """The position on a display row (None on a group header)."""
        source = self._order_list[display_row] if 0 <= display_row < len(self._order_list) else -1
        return self._holdings[source] if source >= 0 else None

    def display_row(self, symbol: str, account: str) -> int:
        for row in self._rows_of.get(symbol, []):
            if self._holdings[row].account == account:
                return int(self._display_of[row])
        return -1

    # -- sorting, filtering, grouping ---------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._relayout()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().lower()
        self.beginResetModel()  # rows come and go: a reset is cheaper than many insert/remove signals
        self._arrange()
        self.endResetModel()

    def set_grouping(self, grouping: str) -> None:
        if grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping '{grouping}'")
        self._grouping = grouping
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    def _relayout(self) -> None:
        """Same rows, new order: moves persistent indexes (the selection) with their rows."""
        self.layoutAboutToBeChanged.emit()
        before = {i: self._order_list[i.row()] for i in self.persistentIndexList()}
        self._arrange()
        for index, source in before.items():
            row = int(self._display_of[source]) if source >= 0 else -1
            self.changePersistentIndex(index, self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        n = len(self._holdings)
        visible = np.arange(n)
        if self._filter:
            visible = np.array([r for r in range(n) if self._filter in self._search[r]], dtype=np.int64)
        visible = visible[self._sort_permutation(visible)]
        if self._grouping:
            attribute = self._grouping
            keys = np.array([getattr(self._holdings[r], attribute) for r in visible], dtype=object)
            visible = visible[np.argsort(keys, kind="stable")] if len(visible) else visible
            self._groups, order = [], []
            for r in visible:
                key = getattr(self._holdings[r], attribute)
                if not self._groups or self._groups[-1][0] != key:
                    self._groups.append((key, []))
                    order.append(-len(self._groups))
                self._groups[-1][1].append(int(r))
                order.append(int(r))
            self._order = np.array(order, dtype=np.int64)
        else:
            self._groups, self._order = [], visible.astype(np.int64)
        self._order_list = self._order.tolist()
        self._display_of = np.full(n, -1, dtype=np.int64)
        sources = self._order >= 0
        self._display_of[self._order[sources]] = np.nonzero(sources)[0]

    def _sort_permutation(self, rows: np.ndarray) -> np.ndarray:
        column = self._sort_column
        if column < 0 or not len(rows):
            return np.arange(len(rows))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if column in NUMERIC:
            keys = self._keys[rows, VALUE if column == WEIGHT else column]
            keys = np.where(np.isnan(keys), -np.inf if descending else np.inf, keys)  # no value: last
            permutation = np.argsort(keys, kind="stable")
        else:
            keys = np.array([self._text[r][column].lower() for r in rows], dtype=object)
            permutation = np.argsort(keys, kind="stable")
        return permutation[::-1] if descending else permutation

    # -- live prices ------------------------------------------------------------------------------
    def apply_ticks(self, ticks: dict[str, Tick], *, flash: bool = True) -> int:
        """New prices for some symbols; returns how many rows changed."""
        changed = []
        now = time.monotonic()
        for symbol, tick in ticks.items():
            for row in self._rows_of.get(symbol, ()):
                v = self._holdings[row]
                if (tick.currency and tick.currency != v.currency) or tick.price == v.price:
                    continue  # quoted in another currency, or no move
                moved = revalue(v, tick.price, tick.time.date(), tick.source)
                if moved is None:
                    continue  # no FX rate to value it
                self._holdings[row] = moved
                if flash:
                    self._flash[row] = (now, UP if v.price is None or tick.price > v.price else DOWN)
                self._format(row)
                changed.append(row)
        self.last_changed = [self._holdings[row] for row in changed]
        if not changed:
            return 0
        self._recompute_total()
        if self._sort_column in LIVE:
            self._relayout()
        displayed = sorted(int(self._display_of[r]) for r in changed if self._display_of[r] >= 0)
        for first, last in row_ranges(displayed):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PNL))
        moved = np.nonzero(self._weight_tenths() != self._shown_tenths)[0]  # weights whose 1-decimal text moved
        self._shown_tenths = self._weight_tenths()
        rows = sorted({int(self._display_of[r]) for r in moved if self._display_of[r] >= 0} - set(displayed))
        for first, last in row_ranges(rows):
            self.dataChanged.emit(self.index(first, WEIGHT), self.index(last, WEIGHT))
        for first, last in row_ranges(displayed):
            self.dataChanged.emit(self.index(first, WEIGHT), self.index(last, WEIGHT))
        for g in range(len(self._groups)):  # subtotals
            row = int(np.nonzero(self._order == -(g + 1))[0][0])
            self.dataChanged.emit(self.index(row, VALUE), self.index(row, WEIGHT))
        return len(changed)

    def expire_flashes(self) -> None:
        now = time.monotonic()
        done = [row for row, (since, _) in self._flash.items() if now - since > FLASH_SECONDS]
        for row in done:
            del self._flash[row]
        displayed = sorted(int(self._display_of[r]) for r in done if self._display_of[r] >= 0)
        for first, last in row_ranges(displayed):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PRICE),
                                  [Qt.ItemDataRole.BackgroundRole])

    # -- formatting -------------------------------------------------------------------------------
    def _recompute_total(self) -> None:
        values = [v.market_value_base for v in self._holdings if v.market_value_base is not None]
        self.total_base = sum(values) if values else None
        # weights are shares of the gross value: a short position weighs by its size (negative), and
        # longs and shorts together make 100 %
        self._gross_base = sum(abs(v) for v in values) if values else None
        self._weights = {}

    def _weight_tenths(self) -> np.ndarray:
        """Each weight in tenths of a percent, as floats: only to find which weight texts a new total
        changes (a tick moves the total a little, so most 1-decimal weights stay as they are). The texts
        themselves come from exact Decimals."""
        total = float(self._gross_base or 0)
        if not total:
            return np.zeros(len(self._holdings))
        return np.floor(np.nan_to_num(self._keys[:, VALUE]) / total * 1000 + 0.5)

    def _format(self, row: int) -> None:
        self._text[row], self._keys[row] = format_row(self._holdings[row], self._names[row], self._themes[row])

    def _weight(self, row: int) -> str:
        text = self._weights.get(row)
        if text is None:
            value = self._holdings[row].market_value_base
            gross = self._gross_base
            text = "—" if value is None or not gross else format_decimal(value / gross * 100, 1) + " %"
            self._weights[row] = text
        return text

    def _group_cell(self, group: int, column: int) -> str:
        key, rows = self._groups[group]
        if column == SYMBOL:
            return f"{key} ({len(rows)})"
        if column in (VALUE, PNL, WEIGHT):
            field = "unrealized_pnl_base" if column == PNL else "market_value_base"
            values = [getattr(self._holdings[r], field) for r in rows]
            total = sum((x for x in values if x is not None), Decimal(0))
            if column == WEIGHT:
                return format_decimal(total / self._gross_base * 100, 1) + " %" if self._gross_base else "—"
            return format_decimal(total, 2)
        return ""

    def _tooltip(self, row: int) -> str:
        v = self._holdings[row]
        translate = QCoreApplication.translate
        if v.price_date is None:
            return v.problem or translate("HoldingsModel", "no price")
        text = translate("HoldingsModel", "%1 price of %2").replace("%1", v.price_source or "").replace(
            "%2", str(v.price_date))
        if v.fx_via:
            text += translate("HoldingsModel", "; FX %1 %2 on %3").replace("%1", v.fx_via).replace(
                "%2", format_decimal(v.fx_rate, 6)).replace("%3", str(v.fx_date))
        return text

    # -- Qt interface -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=DISPLAY):
        """Called about seven times per visible cell per paint: plain ints and lists, no enum lookups."""
        if role == DISPLAY:
            row, column = self._order_list[index.row()], index.column()
            if row < 0:
                return self._group_cell(-row - 1, column)
            return self._weight(row) if column == WEIGHT else self._text[row][column]
        if role == ALIGNMENT:
            return _RIGHT if index.column() in _NUMERIC_SET else None
        if role == FOREGROUND:
            column = index.column()
            if column == DAY or column == PNL:
                row = self._order_list[index.row()]
                key = self._keys[row, column] if row >= 0 else 0
                return GAIN if key > 0 else LOSS if key < 0 else None
            return None
        if role == BACKGROUND:
            if index.column() == PRICE:
                flash = self._flash.get(self._order_list[index.row()])
                return flash[1] if flash else None
            return None
        if role == TOOLTIP:
            row = self._order_list[index.row()]
            return self._tooltip(row) if row >= 0 and index.column() == PRICE else None
        if role == FONT:
            return self._bold if self._order_list[index.row()] < 0 else None
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            label = QCoreApplication.translate("HoldingsModel", COLUMNS[section])
            base = self._holdings[0].base_currency if self._holdings else ""
            return f"{label} ({base})" if section in (VALUE, PNL) and base else label
        if role == Qt.ItemDataRole.ToolTipRole and section in (VALUE, PNL):
            return QCoreApplication.translate("HoldingsModel", "In the book's base currency, at the latest FX close")
        return None


def format_row(v: Valuation, name: str, themes: str) -> tuple[list[str], list[float]]:
    """A position's cells (the weight column is formatted when shown) and its numeric sort keys."""
    change = v.day_change_pct
    text = [v.symbol, name, v.portfolio, v.account, format_quantity(v.quantity),
            format_money(v.average_cost, v.currency), format_money(v.price, v.currency),
            "—" if change is None else ("+" if change > 0 else "") + format_decimal(change, 2) + " %",
            format_decimal(v.market_value_base, 2), format_decimal(v.unrealized_pnl_base, 2), "", themes]
    keys = [np.nan] * len(COLUMNS)
    for column, value in ((QUANTITY, v.quantity), (AVERAGE_COST, v.average_cost), (PRICE, v.price),
                          (DAY, change), (VALUE, v.market_value_base), (PNL, v.unrealized_pnl_base)):
        keys[column] = np.nan if value is None else float(value)
    return text, keys


@dataclass
class HoldingsRows:
    """Formatted rows, built off the GUI thread (QLocale formatting is thread-safe)."""
    holdings: list[Valuation]
    names: list[str]
    themes: list[str]
    text: list[list[str]]
    keys: np.ndarray
    search: np.ndarray
    rows_of: dict[str, list[int]]

    @classmethod
    def build(cls, holdings: list[Valuation], names: dict[str, str], themes: dict[str, str],
              previous: "HoldingsRows | None" = None) -> "HoldingsRows":
        """`previous`: rows already formatted, reused for the positions whose figures, name and themes are
        unchanged (a trade changes one position: the others are not formatted again)."""
        holdings = list(holdings)
        row_names = [names.get(v.symbol, "") for v in holdings]
        row_themes = [themes.get(v.symbol, "") for v in holdings]
        text, keys, rows_of = [], np.full((len(holdings), len(COLUMNS)), np.nan), {}
        known = {} if previous is None else {(v.account, v.symbol): row for row, v in enumerate(previous.holdings)}
        for row, v in enumerate(holdings):
            was = known.get((v.account, v.symbol))
            if was is not None and previous is not None and previous.holdings[was] == v and \
                    previous.names[was] == row_names[row] and previous.themes[was] == row_themes[row]:
                cells, keys[row] = previous.text[was], previous.keys[was]
            else:
                cells, keys[row] = format_row(v, row_names[row], row_themes[row])
            text.append(cells)
            rows_of.setdefault(v.symbol, []).append(row)
        search = np.array([" ".join((v.symbol, row_names[r], v.portfolio, v.account, row_themes[r])).lower()
                           for r, v in enumerate(holdings)], dtype=object)
        return cls(holdings, row_names, row_themes, text, keys, search, rows_of)
