"""Valued holdings as a table: numpy arrays for sorting, display strings formatted when a row changes
(never per paint), sorting, filtering and grouping done here rather than in a sort-filter proxy model
(which re-sorts a live column in seconds at 5,000 rows).

Live ticks update only the rows of the symbols that moved: one `dataChanged` per contiguous range of
display rows for the price-to-P&L columns, one for the weight column (a new total moves every weight),
and a re-sort only when the table is sorted by a live column. A moved price flashes green or red.

A drain of ticks does no Python work per row of the book, only per row that moved (issue 18: 5,000 rows
sorted by price at 500 ticks/s): the totals are sums over kept lists of Decimals (C loops), the filter's
rows and each row's group are kept until the filter, the grouping or the rows change, the re-sort is a
numpy argsort of the kept float keys, and a layout change is announced only when the order moved — as a
vertical sort, so the selection follows its rows with one persistent index per selected row rather than
one per selected cell.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable
from decimal import Decimal
from operator import itemgetter

import numpy as np
from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QCoreApplication, QModelIndex, Qt,
                            QT_TRANSLATE_NOOP)
from PySide6.QtGui import QColor, QFont

from ...app.prices import at_tick
from ...core.valuation import Valuation
from ...services.stream.simulated import SOURCE as SIMULATED
from ...services.stream.tick import SOURCE as LIVE_SOURCE
from ...services.stream.tick import Tick
from ...core.money import minor_places
from ...services.messages import translated
from ..format import (Marks, format_date, format_decimal, format_money, format_price, format_quantity, marks,
                      row_ranges)

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
# The value columns' titles, with the base currency: short, as the long ones (Market value (EUR)) cut at 1280 px
BASE_TITLES = {VALUE: QT_TRANSLATE_NOOP("HoldingsModel", "Value (%1)"),
               PNL: QT_TRANSLATE_NOOP("HoldingsModel", "P&L (%1)")}
BASE_TIPS = {
    VALUE: QT_TRANSLATE_NOOP("HoldingsModel", "Market value in %1, the book's base currency, at the latest FX close"),
    PNL: QT_TRANSLATE_NOOP("HoldingsModel", "Unrealized P&L (market value less cost basis) in %1, the book's base "
                                            "currency, at the latest FX close"),
}
NUMERIC = (QUANTITY, AVERAGE_COST, PRICE, DAY, VALUE, PNL, WEIGHT)
LIVE = (PRICE, DAY, VALUE, PNL, WEIGHT)  # columns a tick changes
_LIVE_SET = frozenset(LIVE)
GROUPINGS = ("", "portfolio", "account")
FLASH_SECONDS = 0.6
UP, DOWN = QColor(46, 160, 67, 90), QColor(218, 54, 51, 90)

GAIN, LOSS = QColor(30, 140, 60), QColor(200, 50, 50)
STALE = QColor(176, 112, 0)  # a close older than its market's last session
NO_PRICE = QT_TRANSLATE_NOOP("HoldingsModel", "no price yet")  # a security without a single close
NO_PRICE_TIP = QT_TRANSLATE_NOOP(
    "HoldingsModel", "No price yet: refresh quotes (Quotes ▸ Refresh Quotes, Ctrl+R), or add one (right-click ▸ "
                     "Add a price…). If none comes from Yahoo, give the security its Yahoo symbol (right-click ▸ "
                     "Change symbol…, or Quotes ▸ Find Yahoo Symbols…).")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC_SET = frozenset(NUMERIC)
DISPLAY, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, FOREGROUND = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))
_LAYOUT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")  # the signals with a hint
_VERTICAL_SORT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint


class HoldingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: HoldingsRows | None = None  # as loaded, at the closes
        self._holdings: list[Valuation] = []
        self._themes: list[str] = []
        self._names: list[str] = []
        self._text: list[tuple[str, ...]] = []  # pre-formatted cells (weight: see _weight)
        self._keys = np.empty((0, len(COLUMNS)))  # numeric sort keys, NaN where there is no value
        self._search = np.empty(0, dtype=object)  # lower-case text a filter matches against
        self._rows_of: dict[str, list[int]] = {}  # symbol -> source rows
        self._order = np.empty(0, dtype=np.int64)  # display row -> source row, or -(group + 1) for a header
        self._order_list: list[int] = []  # the same as a list: data() reads it per cell, faster than numpy
        self._display_of = np.empty(0, dtype=np.int64)  # source row -> display row (-1 when filtered out)
        self._groups: list[tuple[str, list[int]]] = []
        self._visible = np.empty(0, dtype=np.int64)  # source rows the filter keeps, ascending
        self._group_of = np.empty(0, dtype=np.int64)  # source row -> its group's rank among all group keys
        self._group_keys: list[str] = []  # the grouping's keys, sorted
        self._subtotals: dict[tuple[int, int], str] = {}  # (group, column) -> text, until values or groups move
        self._values: list = []  # per source row: market value in base, 0 where none (the totals' terms)
        self._gross: list = []  # the same, by size (abs)
        self._shorts = 0  # how many of them are negative (none: the gross is the total)
        self._pnls: list = []  # unrealized P&L in base, 0 where none
        self._weights: dict[int, str] = {}  # weight texts, formatted when first shown, cleared on a new total
        self._flash_since = np.empty(0)  # per source row: when its price last moved, NaN when not flashing
        self._flash_up = np.empty(0, dtype=bool)  # and which way
        self._sort_column, self._sort_order = -1, Qt.SortOrder.AscendingOrder
        self._filter, self._grouping = "", ""
        self.total_base: Decimal | None = None
        self._gross_base: Decimal | None = None
        self.last_changed: list[Valuation] = []  # the positions the last apply_ticks moved
        self._bold = QFont()  # group headers
        self._bold.setBold(True)
        self._italic = QFont()  # the figures of a position at a simulated price
        self._italic.setItalic(True)
        self._simulated: list[bool] = []  # per source row: priced by the simulated feed (a list: data() reads it)
        self._stale: frozenset[str] = frozenset()  # symbols whose close is older than their market's last session
        self._tick_times: dict[str, datetime] = {}  # symbol -> time of the live or simulated price shown

    # -- content ----------------------------------------------------------------------------------
    def set_holdings(self, holdings: list[Valuation], names: dict[str, str],
                     themes: dict[str, str] | None = None) -> None:
        self.set_rows(HoldingsRows.build(holdings, names, themes or {}))

    def set_rows(self, rows: "HoldingsRows") -> None:
        """Rows formatted beforehand (in a worker, for big books): this only swaps them in."""
        self.beginResetModel()
        # live prices change the model's own copies: `rows` keeps the closes (what turning them off restores)
        self._rows = rows
        self._holdings, self._names, self._themes = list(rows.holdings), rows.names, rows.themes
        self._text, self._keys, self._search, self._rows_of = list(rows.text), rows.keys.copy(), rows.search, rows.rows_of
        n = len(self._holdings)
        self._flash_since, self._flash_up = np.full(n, np.nan), np.zeros(n, dtype=bool)
        self._simulated = [v.price_source == SIMULATED for v in self._holdings]
        self._values = [0 if v.market_value_base is None else v.market_value_base for v in self._holdings]
        self._gross = [abs(value) for value in self._values]
        self._pnls = [0 if v.unrealized_pnl_base is None else v.unrealized_pnl_base for v in self._holdings]
        self._shorts = sum(1 for value in self._values if value < 0)
        self._recompute_total()
        self._shown_tenths = self._weight_tenths()
        self._apply_filter()
        self._index_groups()
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
        self._apply_filter()
        self._arrange()
        self.endResetModel()

    def set_grouping(self, grouping: str) -> None:
        if grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping '{grouping}'")
        self._grouping = grouping
        self.beginResetModel()
        self._index_groups()
        self._arrange()
        self.endResetModel()

    def _apply_filter(self) -> None:
        """The source rows the filter keeps (a tick changes none of the texts it matches)."""
        n = len(self._holdings)
        if self._filter:
            self._visible = np.array([r for r in range(n) if self._filter in self._search[r]], dtype=np.int64)
        else:
            self._visible = np.arange(n, dtype=np.int64)

    def _index_groups(self) -> None:
        """Each source row's group, as the rank of its key (a tick changes no portfolio or account)."""
        if not self._grouping:
            self._group_keys, self._group_of = [], np.zeros(len(self._holdings), dtype=np.int64)
            return
        keys = [getattr(v, self._grouping) for v in self._holdings]
        self._group_keys = sorted(set(keys))
        rank = {key: i for i, key in enumerate(self._group_keys)}
        self._group_of = np.array([rank[key] for key in keys], dtype=np.int64)

    def _relayout(self) -> bool:
        """Same rows, maybe a new order: announced as a vertical sort (rows move, columns stay) only when
        the order moved, with the persistent indexes (the selection) moved along with their rows; a group
        header keeps its group (the groups are the same). Returns whether the order moved."""
        order, groups = self._arrangement()
        if np.array_equal(order, self._order):
            return False
        self.layoutAboutToBeChanged[_LAYOUT].emit([], _VERTICAL_SORT)
        before = self._order
        persistent = self.persistentIndexList()
        self._set_order(order, groups)
        if persistent:
            rows = np.fromiter((index.row() for index in persistent), dtype=np.int64, count=len(persistent))
            sources = before[rows]
            headers = np.flatnonzero(order < 0)
            header_row = np.empty(len(headers), dtype=np.int64)
            header_row[-order[headers] - 1] = headers
            moved = np.where(sources >= 0, self._display_of[np.maximum(sources, 0)],
                             header_row[np.maximum(-sources - 1, 0)] if len(headers) else -1)
            changed = np.flatnonzero(moved != rows).tolist()
            if changed:
                to = moved.tolist()  # createIndex: index() would ask rowCount and columnCount each time
                self.changePersistentIndexList(
                    [persistent[i] for i in changed],
                    [self.createIndex(to[i], persistent[i].column()) if to[i] >= 0 else QModelIndex()
                     for i in changed])
        self.layoutChanged[_LAYOUT].emit([], _VERTICAL_SORT)
        return True

    def _arrange(self) -> None:
        self._set_order(*self._arrangement())

    def _arrangement(self) -> tuple[np.ndarray, list[tuple[str, list[int]]]]:
        """Display rows (source rows, -(group + 1) for a group's header) and the groups: the filter's rows
        in the sort's order, by group (groups in the order of their keys) when grouped."""
        visible = self._visible
        visible = visible[self._sort_permutation(visible)]
        if not self._grouping or not len(visible):
            return visible.astype(np.int64), []
        group_of = self._group_of[visible]
        by_group = np.argsort(group_of, kind="stable")
        visible, group_of = visible[by_group], group_of[by_group]
        starts = np.flatnonzero(np.r_[True, group_of[1:] != group_of[:-1]])
        groups = [(self._group_keys[group_of[start]], rows.tolist())
                  for start, rows in zip(starts.tolist(), np.split(visible, starts[1:]))]
        order = np.insert(visible, starts, -np.arange(1, len(starts) + 1)).astype(np.int64)
        return order, groups

    def _set_order(self, order: np.ndarray, groups: list[tuple[str, list[int]]]) -> None:
        self._order, self._groups, self._subtotals = order, groups, {}
        self._order_list = order.tolist()
        self._display_of = np.full(len(self._holdings), -1, dtype=np.int64)
        sources = order >= 0
        self._display_of[order[sources]] = np.nonzero(sources)[0]

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
        """New prices for some symbols (valued as every view values them: app/prices.py); returns how many
        rows changed."""
        moves = []
        for symbol, tick in ticks.items():
            for row in self._rows_of.get(symbol, ()):
                moved = at_tick(self._holdings[row], tick)
                if moved is not None:
                    moves.append((row, moved))
                    self._tick_times[symbol] = tick.time
        return self._move(moves, flash=flash)

    def set_stale(self, symbols: Iterable[str]) -> None:
        """The symbols whose close is stale (checked after a load): their price cells say so (colour and
        tooltip) while they show that close."""
        stale = frozenset(symbols)
        if stale == self._stale:
            return
        self._stale = stale
        if self._order_list:
            self.dataChanged.emit(self.index(0, PRICE), self.index(len(self._order_list) - 1, PRICE),
                                  [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole])

    def restore_closes(self) -> int:
        """Every row back at the closes it was loaded with (live prices turned off), in place: the
        selection, sort and scroll position stay."""
        if self._rows is None:
            return 0
        self._flash_since[:] = np.nan
        self._tick_times = {}
        return self._move([(row, v) for row, v in enumerate(self._rows.holdings) if v is not self._holdings[row]],
                          flash=False, loaded=True)

    def _move(self, moves: list[tuple[int, Valuation]], *, flash: bool, loaded: bool = False) -> int:
        """`loaded`: the moves put rows back as loaded, whose cells are formatted already."""
        changed = []
        now = time.monotonic()
        for row, moved in moves:
            v = self._holdings[row]
            self._holdings[row] = moved
            if flash:
                self._flash_since[row] = now
                self._flash_up[row] = v.price is None or (moved.price is not None and moved.price > v.price)
            if loaded:
                assert self._rows is not None
                self._text[row], self._keys[row] = self._rows.text[row], self._rows.keys[row]
                self._take_figures(row)
            else:
                self._format(row)
            changed.append(row)
        self.last_changed = [self._holdings[row] for row in changed]
        if not changed:
            return 0
        self._recompute_total()
        if self._sort_column in LIVE:
            self._relayout()
        self._subtotals = {}
        shown = self._display_of[changed]
        displayed = np.unique(shown[shown >= 0])
        for first, last in row_ranges(displayed.tolist()):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PNL))
        tenths = self._weight_tenths()
        moved = self._display_of[np.flatnonzero(tenths != self._shown_tenths)]  # weights whose text moved
        self._shown_tenths = tenths
        for first, last in row_ranges(np.setdiff1d(moved[moved >= 0], displayed).tolist()):
            self.dataChanged.emit(self.index(first, WEIGHT), self.index(last, WEIGHT))
        for first, last in row_ranges(displayed.tolist()):
            self.dataChanged.emit(self.index(first, WEIGHT), self.index(last, WEIGHT))
        for row in np.flatnonzero(self._order < 0).tolist():  # subtotals
            self.dataChanged.emit(self.index(row, VALUE), self.index(row, WEIGHT))
        return len(changed)

    def expire_flashes(self) -> None:
        now = time.monotonic()
        done = np.flatnonzero(now - self._flash_since > FLASH_SECONDS)  # NaN (not flashing) compares False
        if not len(done):
            return
        self._flash_since[done] = np.nan
        displayed = self._display_of[done]
        for first, last in row_ranges(np.unique(displayed[displayed >= 0]).tolist()):
            self.dataChanged.emit(self.index(first, PRICE), self.index(last, PRICE),
                                  [Qt.ItemDataRole.BackgroundRole])

    # -- formatting -------------------------------------------------------------------------------
    def _recompute_total(self) -> None:
        """Sums of the kept lists (a 0 where a position has no value): the same exact Decimal sums as over
        the valued positions, without a Python loop over the rows."""
        valued = bool(len(self._keys)) and not np.isnan(self._keys[:, VALUE]).all()
        self.total_base = sum(self._values) if valued else None
        # weights are shares of the gross value: a short position weighs by its size (negative), and
        # longs and shorts together make 100 %
        self._gross_base = (sum(self._gross) if self._shorts else self.total_base) if valued else None
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
        v = self._holdings[row]
        self._text[row], self._keys[row] = format_row(v, self._names[row], self._themes[row])
        self._take_figures(row)

    def _take_figures(self, row: int) -> None:
        v = self._holdings[row]
        self._simulated[row] = v.price_source == SIMULATED
        value = 0 if v.market_value_base is None else v.market_value_base
        self._shorts += (value < 0) - (self._values[row] < 0)
        self._values[row], self._gross[row] = value, abs(value)
        self._pnls[row] = 0 if v.unrealized_pnl_base is None else v.unrealized_pnl_base

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
            text = self._subtotals.get((group, column))
            if text is None:
                terms = self._pnls if column == PNL else self._values
                total = sum(itemgetter(*rows)(terms) if len(rows) > 1 else [terms[rows[0]]], Decimal(0))
                if column == WEIGHT:
                    text = format_decimal(total / self._gross_base * 100, 1) + " %" if self._gross_base else "—"
                else:
                    text = format_decimal(total, 2)
                self._subtotals[(group, column)] = text
            return text
        return ""

    def _tooltip(self, row: int) -> str:
        v = self._holdings[row]
        translate = QCoreApplication.translate
        if unpriced(v):
            return translate("HoldingsModel", NO_PRICE_TIP)
        if v.price is None:  # quoted in a currency with no rate to the position's
            return translated(v.problem or "")
        if v.price_source == SIMULATED:
            return translate("HoldingsModel", "SIMULATED price: made up around the last close for a demo, not a "
                                              "quote (Quotes menu: Simulated Prices)")
        when = self._tick_times.get(v.symbol) if v.price_source == LIVE_SOURCE else None
        if when is not None:
            age = max(0.0, (datetime.now(timezone.utc) - when).total_seconds())
            text = translate("HoldingsModel", "live price at %1 (%2 s ago)").replace(
                "%1", f"{when.astimezone():%H:%M:%S}").replace("%2", f"{age:.0f}")
        else:
            text = translate("HoldingsModel", "%1 price of %2").replace("%1", v.price_source or "").replace(
                "%2", format_date(v.price_date))
            if self._stale_close(row):
                text += translate("HoldingsModel", "; stale: its market has traded since (Quotes ▸ Refresh Quotes)")
        if v.fx_via:
            text += translate("HoldingsModel", "; FX %1 %2 on %3").replace("%1", v.fx_via).replace(
                "%2", format_decimal(v.fx_rate, 6)).replace("%3", format_date(v.fx_date))
        return text

    def _value_tooltip(self, row: int) -> str | None:
        """Why a position has no value: no price yet (what to do about it), or the valuation's problem."""
        v = self._holdings[row]
        if v.market_value_base is not None:
            return None
        return QCoreApplication.translate("HoldingsModel", NO_PRICE_TIP) if unpriced(v) else translated(v.problem or "")

    def _stale_close(self, row: int) -> bool:
        """A close older than its market's last session (a security with no price at all has none to be stale)."""
        v = self._holdings[row]
        return v.symbol in self._stale and v.price is not None and v.price_source not in (LIVE_SOURCE, SIMULATED)

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
            if column == PRICE and self._stale:
                row = self._order_list[index.row()]
                return STALE if row >= 0 and self._stale_close(row) else None
            return None
        if role == BACKGROUND:
            if index.column() == PRICE:
                row = self._order_list[index.row()]
                if row < 0 or np.isnan(self._flash_since[row]):
                    return None
                return UP if self._flash_up[row] else DOWN
            return None
        if role == TOOLTIP:
            row, column = self._order_list[index.row()], index.column()
            if row < 0:
                return None
            return self._tooltip(row) if column == PRICE else self._value_tooltip(row) if column == VALUE else None
        if role == FONT:
            row = self._order_list[index.row()]
            if row < 0:
                return self._bold
            return self._italic if self._simulated[row] and index.column() in _LIVE_SET else None
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        base = self._holdings[0].base_currency if self._holdings else ""
        if role == Qt.ItemDataRole.DisplayRole:
            if section in (VALUE, PNL) and base:
                return QCoreApplication.translate("HoldingsModel", BASE_TITLES[section]).replace("%1", base)
            return QCoreApplication.translate("HoldingsModel", COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in (VALUE, PNL):
            return QCoreApplication.translate("HoldingsModel", BASE_TIPS[section]).replace("%1", base or "?")
        return None


def format_row(v: Valuation, name: str, themes: str, where: Marks | None = None,
               no_price: str | None = None) -> tuple[tuple[str, ...], list[float]]:
    """A position's cells (the weight column is formatted when shown) and its numeric sort keys. The cells
    are a tuple of strings, which the garbage collector stops tracking: a drain of ticks leaves fewer
    objects for a full collection to walk. `where` and `no_price`: the locale's marks and the translated
    "no price yet", read once by a caller formatting many rows (format.py says why)."""
    where = where or marks()
    change = v.day_change_pct
    text = (v.symbol, name, v.portfolio, v.account, format_quantity(v.quantity, where), _average_cost(v, where),
            (no_price or QCoreApplication.translate("HoldingsModel", NO_PRICE)) if unpriced(v)
            else format_price(v.price, v.currency, where),
            "—" if change is None else ("+" if change > 0 else "") + format_decimal(change, 2, where) + " %",
            format_decimal(v.market_value_base, 2, where), format_decimal(v.unrealized_pnl_base, 2, where), "",
            themes)
    keys = [np.nan] * len(COLUMNS)
    for column, value in ((QUANTITY, v.quantity), (AVERAGE_COST, v.average_cost), (PRICE, v.price),
                          (DAY, change), (VALUE, v.market_value_base), (PNL, v.unrealized_pnl_base)):
        keys[column] = np.nan if value is None else float(value)
    return text, keys


def unpriced(v: Valuation) -> bool:
    """A security without a single close yet (not one whose close lacks an exchange rate)."""
    return v.price is None and v.price_date is None


def _average_cost(v: Valuation, where: Marks) -> str:
    """Money, in the currency's minor unit (689.92 EUR, 78,225 KRW); below 1, at a price's precision (0.1234)."""
    cost = v.average_cost
    if cost is not None and abs(cost) < 1:
        return format_price(cost, v.currency, where)
    return format_money(cost, v.currency, minor_places(v.currency), where)


@dataclass
class HoldingsRows:
    """Formatted rows, built off the GUI thread (QLocale formatting is thread-safe)."""
    holdings: list[Valuation]
    names: list[str]
    themes: list[str]
    text: list[tuple[str, ...]]
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
        where, no_price = marks(), QCoreApplication.translate("HoldingsModel", NO_PRICE)
        for row, v in enumerate(holdings):
            was = known.get((v.account, v.symbol))
            if was is not None and previous is not None and previous.holdings[was] == v and \
                    previous.names[was] == row_names[row] and previous.themes[was] == row_themes[row]:
                cells, keys[row] = previous.text[was], previous.keys[was]
            else:
                cells, keys[row] = format_row(v, row_names[row], row_themes[row], where, no_price)
            text.append(cells)
            rows_of.setdefault(v.symbol, []).append(row)
        search = np.array([" ".join((v.symbol, row_names[r], v.portfolio, v.account, row_themes[r])).lower()
                           for r, v in enumerate(holdings)], dtype=object)
        return cls(holdings, row_names, row_themes, text, keys, search, rows_of)
