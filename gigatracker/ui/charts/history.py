"""Daily series over dates (pyqtgraph): value and invested capital, a return against its benchmark, the
underwater drawdown. Dates on the axis, a legend, values on the axis in the user's locale, and a crosshair
whose readout gives the day's figures. Follows the palette (light or dark)."""
from __future__ import annotations

from html import escape
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...core.quotes import from_day_number
from ..format import format_date, format_decimal_float
from .plot import ThemedPlot

SECONDS_PER_DAY = 86_400


def legend_html(entries: list[tuple[str, str, bool]]) -> str:
    """A legend above a chart: a coloured mark and the name of each series (dashed: a broken mark). Kept
    off the plot so that it never hides a line."""
    marks = []
    for name, colour, dashed in entries:
        mark = "╌╌" if dashed else "━━"
        marks.append(f'<span style="color:{colour}; font-weight:bold">{mark}</span>&nbsp;{escape(name)}')
    return "&nbsp;&nbsp;&nbsp;".join(marks)


class ValueAxis(pg.AxisItem):
    """Tick labels written by `formatter` (1 234 567 in French, +12 % for returns)."""

    def __init__(self, formatter: Callable[[float], str], **kwargs):
        super().__init__(**kwargs)
        self.formatter = formatter
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):
        return [self.formatter(value * scale) for value in values]


class LocaleDateAxis(pg.DateAxisItem):
    """Dates on the axis in the user's language (pyqtgraph's own are strftime's, in English): years, or
    months with the year at January, or days."""

    def tickStrings(self, values, scale, spacing):
        from datetime import datetime, timezone

        from PySide6.QtCore import QDate, QLocale
        locale = QLocale()
        found = []
        for value in values:
            try:
                day = datetime.fromtimestamp(value, tz=timezone.utc).date()
            except (OverflowError, OSError, ValueError):
                found.append("")
                continue
            qdate = QDate(day.year, day.month, day.day)
            if spacing >= 300 * SECONDS_PER_DAY or (spacing >= 25 * SECONDS_PER_DAY and day.month == 1):
                found.append(str(day.year))
            elif spacing >= 25 * SECONDS_PER_DAY:
                found.append(locale.toString(qdate, "MMM"))
            else:
                found.append(locale.toString(qdate, "d MMM"))
        return found


class HistoryChart(ThemedPlot):
    """Lines over days (day numbers); `formatter` writes a value for the axis and the readout."""

    def __init__(self, formatter: Callable[[float], str], parent=None, *, fill_below: bool = False):
        super().__init__(parent, {"bottom": LocaleDateAxis(orientation="bottom", utcOffset=0),
                                  "left": ValueAxis(formatter, orientation="left")})
        self.formatter = formatter
        self.fill_below = fill_below
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.readout = QLabel(" ", self)
        self.readout.setObjectName("chart_readout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        item = self.plot.getPlotItem()
        item.setClipToView(True)  # long series: draw only what is visible, downsampled
        item.setDownsampling(auto=True, mode="peak")
        item.showGrid(x=False, y=True, alpha=0.15)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.hide()
        self.plot.addItem(self.cursor, ignoreBounds=True)
        self.today = pg.ScatterPlotItem(size=10, symbol="o")
        self.plot.addItem(self.today)
        self.today_label = pg.TextItem(anchor=(1, 1))
        self.plot.addItem(self.today_label, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._moved)
        self._days = np.zeros(0)
        self._lines: list[tuple[str, np.ndarray]] = []
        self._curves = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.legend)
        head.addStretch(1)
        head.addWidget(self.readout)
        layout.addLayout(head)
        layout.addWidget(self.plot, 1)
        self.apply_palette()

    def apply_palette(self) -> None:
        super().apply_palette()
        text = self.palette().text().color()
        self.cursor.setPen(pg.mkPen(text, style=Qt.PenStyle.DotLine))
        self.today_label.setColor(text)

    def set_lines(self, days: np.ndarray, lines: list[tuple[str, np.ndarray, str, bool]]) -> None:
        """(name, values per day, colour, dashed) for each line; the first is filled below zero when the
        chart was made with `fill_below` (an underwater chart)."""
        for curve in self._curves:
            self.plot.removeItem(curve)
        self._curves = []
        self.legend.setText(legend_html([(name, colour, dashed) for name, _v, colour, dashed in lines]))
        self._days = np.asarray(days, dtype=np.float64)
        self._lines = [(name, np.asarray(values, dtype=np.float64)) for name, values, _c, _d in lines]
        x = self._days * SECONDS_PER_DAY
        for i, (_name, values, colour, dashed) in enumerate(lines):
            pen = pg.mkPen(QColor(colour), width=2, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            options = {}
            if self.fill_below and i == 0:
                brush = QColor(colour)
                brush.setAlpha(90)
                options = {"fillLevel": 0.0, "brush": brush}
            curve = self.plot.plot(x, np.asarray(values, dtype=np.float64), pen=pen, **options)
            self._curves.append(curve)
        self.set_today(None)
        self.plot.getPlotItem().enableAutoRange()
        self._show_day(len(self._days) - 1)

    def set_today(self, value: float | None, label: str = "") -> None:
        """A marked point for today's value from live or simulated prices (None: none)."""
        if value is None or not len(self._days):
            self.today.setData([], [])
            self.today_label.setText("")
            return
        x = self._days[-1] * SECONDS_PER_DAY
        colour = self.palette().highlight().color()
        self.today.setData([x], [value], brush=pg.mkBrush(colour), pen=pg.mkPen(colour))
        self.today_label.setText(label)
        self.today_label.setPos(x, value)

    def _moved(self, position) -> None:
        if not len(self._days) or not self.plot.sceneBoundingRect().contains(position):
            return
        point = self.plot.getPlotItem().getViewBox().mapSceneToView(position)
        day = point.x() / SECONDS_PER_DAY
        index = int(np.clip(np.searchsorted(self._days, day), 0, len(self._days) - 1))
        self.cursor.setPos(self._days[index] * SECONDS_PER_DAY)
        self.cursor.show()
        self._show_day(index)

    def _show_day(self, index: int) -> None:
        if not len(self._days) or index < 0:
            self.readout.setText(" ")
            return
        parts = [format_date(from_day_number(int(self._days[index])))]
        parts += [f"{name} {self.formatter(values[index])}" for name, values in self._lines if len(values) > index]
        self.readout.setText(" · ".join(parts))

    def readout_at(self, index: int) -> str:
        """The readout for a day of the series (what hovering it shows)."""
        self._show_day(index)
        return self.readout.text()


class ReturnBars(ThemedPlot):
    """Two bars per key, top to bottom: its return and its contribution (in %), with their values
    written at the ends and a legend."""

    def __init__(self, parent=None):
        super().__init__(parent, {"bottom": ValueAxis(lambda v: format_decimal_float(v, 0), orientation="bottom")})
        item = self.plot.getPlotItem()
        item.invertY(True)
        item.showGrid(x=True, y=False, alpha=0.15)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self._items = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot)
        self.apply_palette()

    def set_bars(self, rows: list[tuple[str, float, float]], names: tuple[str, str], colours: tuple[str, str],
                 formatter: Callable[[float], str]) -> None:
        """(label, return %, contribution %) per key; `names` and `colours` of the two series."""
        for item in self._items:
            self.plot.removeItem(item)
        self._items = []
        self.legend.setText(legend_html([(names[0], colours[0], False), (names[1], colours[1], False)]))
        y = np.arange(len(rows), dtype=np.float64)
        text = self.palette().text().color()
        for offset, series, colour in ((-0.2, 1, colours[0]), (0.2, 2, colours[1])):
            widths = [row[series] for row in rows]
            bars = pg.BarGraphItem(x0=[0] * len(rows), y=list(y + offset), width=widths, height=0.36,
                                   brush=pg.mkBrush(QColor(colour)), pen=pg.mkPen(None))
            self.plot.addItem(bars)
            self._items.append(bars)
            for position, width in zip(y + offset, widths):
                label = pg.TextItem(formatter(width), color=text, anchor=(0, 0.5) if width >= 0 else (1, 0.5))
                label.setPos(width, position)
                self.plot.addItem(label)
                self._items.append(label)
        self.plot.getAxis("left").setTicks([[(i, row[0]) for i, row in enumerate(rows)]])
        values = [row[1] for row in rows] + [row[2] for row in rows] + [0.0]
        low, high = min(values), max(values)
        span = max(high - low, 1.0)
        self.plot.setXRange(low - span * 0.25 if low < 0 else 0, high + span * 0.25, padding=0)
        self.plot.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
