"""Exposure: the book by any dimension (each taxonomy, sector, industry, country, currency, asset class,
account, portfolio), with or without looking through funds. A donut and a treemap show the shares, bars
show them against their target ranges (breaches in red), a cross-tab heatmap crosses two dimensions, and
clicking any segment lists the positions — and fund holdings — that make it up."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ...core.exposure import Contribution, View
from ...core.themes import DEFAULT_TAXONOMY, UNASSIGNED
from ..charts.donut import DonutChart
from ..charts.palette import colour_for
from ..charts.treemap import Treemap
from ..format import format_date, format_decimal, format_money
from ...services.messages import taxonomy_label
from ..labels import dimension_label
from ...app.prices import PriceSource
from ...app.window_data import ExposureData

OTHER_DIMENSIONS = ("sector", "industry", "country", "currency", "asset-class", "account", "portfolio")
CROSS_DEFAULT = (f"theme|{DEFAULT_TAXONOMY}", "theme|Chip geography")  # combo data: "dimension|taxonomy"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
REDRAW_MS = 500


def pct(bp: int | None) -> str:
    return "—" if bp is None else format_decimal(Decimal(bp) / 100, 1) + " %"


class ExposureView(QWidget):
    view_changed = Signal()  # the dimension, look-through or cross-tab changed: reload
    contributors_requested = Signal(str)  # a segment was clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data: ExposureData | None = None
        self.selected: str | None = None
        self._stale = False  # live prices moved the figures since the charts were drawn
        self._price_note = ""  # under the donut's total while live or simulated prices run
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._redraw.timeout.connect(self._redraw_if_stale)
        self.dimension = QComboBox(self)
        self.cross_rows, self.cross_columns = QComboBox(self), QComboBox(self)
        self.look_through = QCheckBox(self.tr("Look through funds"), self)
        self.look_through.setChecked(True)
        self.coverage = QLabel(self)
        self.coverage.setObjectName("coverage_badge")
        self.concentration = QLabel(self)
        self.donut = DonutChart(self)
        self.treemap = Treemap(self)
        self.bars_box = QVBoxLayout()  # the bars (pyqtgraph, slow to import) are built when first drawn
        self.bars = None
        self.contributors = QTableWidget(0, 5, self)
        self.contributors.setHorizontalHeaderLabels([self.tr("Position"), self.tr("Account"), self.tr("Through"),
                                                     self.tr("Share of position"), self.tr("Value")])
        self.contributors_title = QLabel(self.tr("Click a segment to see what makes it up."), self)
        self.heatmap = QTableWidget(0, 0, self)
        for table in (self.contributors, self.heatmap):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(table is self.heatmap)
        self.contributors.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._layout()
        self._fill_dimensions([DEFAULT_TAXONOMY])
        self.dimension.currentIndexChanged.connect(self._view_changed)
        self.look_through.toggled.connect(self._view_changed)
        self.cross_rows.currentIndexChanged.connect(self._view_changed)
        self.cross_columns.currentIndexChanged.connect(self._view_changed)
        self.donut.segment_clicked.connect(self.contributors_requested)
        self.treemap.tile_clicked.connect(self.contributors_requested)
        self.contributors_requested.connect(self._select)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.dimension)
        bar.addWidget(self.look_through)
        bar.addWidget(self.coverage)
        bar.addStretch(1)
        bar.addWidget(self.concentration)
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        left = QSplitter(Qt.Orientation.Vertical, charts)
        left.addWidget(self.donut)
        left.addWidget(self.treemap)
        charts.addWidget(left)
        bars_holder = QWidget(self)
        bars_holder.setLayout(self.bars_box)
        self.bars_box.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(bars_holder)
        charts.setSizes([420, 580])
        contributors = QWidget(self)
        box = QVBoxLayout(contributors)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.contributors_title)
        box.addWidget(self.contributors)
        cross = QWidget(self)
        cross_box = QVBoxLayout(cross)
        cross_box.setContentsMargins(0, 4, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(self.cross_rows)
        pick.addWidget(QLabel("×", self))
        pick.addWidget(self.cross_columns)
        pick.addStretch(1)
        cross_box.addLayout(pick)
        cross_box.addWidget(self.heatmap)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(contributors, self.tr("Contributors"))
        self.tabs.addTab(cross, self.tr("Cross-tab"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(charts)
        split.addWidget(self.tabs)
        split.setSizes([440, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # -- choices ----------------------------------------------------------------------------------
    def _fill_dimensions(self, taxonomies: list[str]) -> None:
        choices = [(f"theme|{name}", taxonomy_label(name)) for name in taxonomies]
        choices += [(f"{dimension}|{DEFAULT_TAXONOMY}", dimension_label(dimension)) for dimension in OTHER_DIMENSIONS]
        for combo in (self.dimension, self.cross_rows, self.cross_columns):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for key, label in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        if self.cross_rows.currentIndex() == 0 and self.cross_columns.currentIndex() == 0:
            for combo, default in zip((self.cross_rows, self.cross_columns), CROSS_DEFAULT):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(default)))
                combo.blockSignals(False)

    def set_taxonomies(self, taxonomies: list[str]) -> None:
        if [self.dimension.itemData(i) for i in range(len(taxonomies))] != [f"theme|{t}" for t in taxonomies]:
            self._fill_dimensions(taxonomies)

    def _view_of(self, combo: QComboBox) -> View:
        dimension, taxonomy = (combo.currentData() or f"theme|{DEFAULT_TAXONOMY}").split("|", 1)
        return View(dimension, taxonomy, look_through=self.look_through.isChecked())

    def view(self) -> View:
        return self._view_of(self.dimension)

    def cross(self) -> tuple[View, View]:
        return self._view_of(self.cross_rows), self._view_of(self.cross_columns)

    def _view_changed(self) -> None:
        self.selected = None
        self.view_changed.emit()

    # -- showing ----------------------------------------------------------------------------------
    def show_exposure(self, data: ExposureData) -> None:
        self.data = data
        self._stale = False
        result = data.result
        if result.coverage_bp is None:
            self.coverage.setText("")
            self.coverage.setStyleSheet("")
        else:
            text = self.tr("look-through %1").replace("%1", format_decimal(Decimal(result.coverage_bp) / 100, 0) + " %")
            if result.as_of:
                text += " · " + self.tr("holdings as of %1").replace("%1", format_date(result.as_of))
            self.coverage.setText(text)
            self.coverage.setStyleSheet("QLabel#coverage_badge { border: 1px solid palette(mid); border-radius: 9px;"
                                        " padding: 2px 8px; }")
        conc = data.concentration
        self.concentration.setText(self.tr("HHI %1 · %2 effective bets").replace("%1", format_decimal(conc.hhi, 3))
                                   .replace("%2", format_decimal(conc.effective_bets, 1)))
        self._draw()
        self._show_cross()
        if self.selected and not any(row.key == self.selected for row in result.rows):
            self.selected = None
        self.donut.select(self.selected)

    def _draw(self) -> None:
        data = self.data
        result, base = data.result, data.result.base_currency
        rows = [row for row in result.rows if row.value_base > 0]  # shares: a negative cash row has none
        colours = {row.key: colour_for(row.key, data.colours) for row in result.rows}
        labels = {row.key: self._key_label(row.key) if data.view.dimension == "theme" or row.key == UNASSIGNED
                  else row.key for row in result.rows}
        self.donut.set_slices([(row.key, float(row.value_base), colours[row.key]) for row in rows],
                              format_money(result.total_base, base, 0) + self._price_note,
                              {row.key: (labels[row.key], pct(row.weight_bp)) for row in rows})
        self.treemap.set_tiles([(row.key, float(row.value_base), colours[row.key],
                                 f"{labels[row.key]}\n{pct(row.weight_bp)}") for row in rows])
        targets = {key: ((low or 0) / 100, (high if high is not None else 10_000) / 100)
                   for key, (low, high) in data.targets.items()}
        if self.bars is None:
            from ..charts.bars import ExposureBars
            self.bars = ExposureBars(self)
            self.bars.bar_clicked.connect(self.contributors_requested)
            self.bars_box.addWidget(self.bars)
        self.bars.set_bars([(row.key, row.weight_bp / 100, colours[row.key], row.key in data.breached)
                            for row in result.rows], targets, {k: labels.get(k, self._key_label(k)) for k in data.targets}
                           | labels, {row.key: pct(row.weight_bp) for row in result.rows})

    def _key_label(self, key: str) -> str:
        return self.tr("Unassigned") if key == UNASSIGNED else key.split("/")[-1]

    def set_price_source(self, source: PriceSource) -> None:
        """The total in the donut says which prices it is at while a feed runs."""
        self._price_note = {PriceSource.CLOSES: "", PriceSource.LIVE: "\n" + self.tr("live"),
                            PriceSource.SIMULATED: "\n" + self.tr("SIMULATED")}[source]
        if self.data is not None and self.isVisible():
            self._draw()
        elif self.data is not None:
            self._stale = True

    def apply_values(self, indices: list[int], values: list) -> bool:
        """Live prices moved some items: update the figures without reading the book. Charts are redrawn
        only when a weight moved, and only while the view is on screen (else when it is next shown).
        Returns whether a redraw happened."""
        if self.data is None or not indices:
            return False
        before = [(row.key, row.weight_bp) for row in self.data.result.rows]
        self.data.model.set_values(indices, values)
        self.data.result = self.data.model.result()
        if [(row.key, row.weight_bp) for row in self.data.result.rows] == before:
            return False
        self._stale = True
        if self.isVisible() and not self._redraw.isActive():
            self._redraw.start()  # charts redraw at most REDRAW_MS apart: calm to read, cheap to run
        return True

    def _redraw_if_stale(self) -> None:
        if self._stale and self.data is not None and self.isVisible():
            self._stale = False
            self._draw()

    def showEvent(self, event) -> None:
        self._redraw_if_stale()
        super().showEvent(event)

    def _select(self, key: str) -> None:
        self.selected = key
        self.donut.select(key)

    def show_contributors(self, key: str, parts: list[Contribution]) -> None:
        base = self.data.result.base_currency if self.data else ""
        row = next((r for r in self.data.result.rows if r.key == key), None) if self.data else None
        title = f"{self._key_label(key) if self.data and self.data.view.dimension == 'theme' else key}"
        if row is not None:
            title += f" — {format_money(row.value_base, base)} ({pct(row.weight_bp)})"
        self.contributors_title.setText(title)
        self.contributors.setRowCount(len(parts))
        for i, part in enumerate(parts):
            cells = (part.symbol or self.tr("Cash"), part.account, part.via or "",
                     format_decimal(Decimal(repr(part.share_of_position * 100)), 1) + " %",
                     format_money(part.value_base, base))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(_RIGHT)
                self.contributors.setItem(i, column, item)
        self.tabs.setCurrentIndex(0)

    def contributor_lines(self) -> list[str]:
        """What the contributors table says, one line per row ("VVSM.DE → NVDA 9,9 % → 2 087,17 EUR")."""
        lines = []
        for i in range(self.contributors.rowCount()):
            symbol, _account, via, share, value = (self.contributors.item(i, c).text() for c in range(5))
            lines.append(" → ".join(part for part in (symbol, f"{via} {share}" if via else share, value)))
        return lines

    def _show_cross(self) -> None:
        crossed = self.data.cross if self.data else None
        if not crossed:
            self.heatmap.setRowCount(0)
            self.heatmap.setColumnCount(0)
            return
        _first, _second, cells = crossed
        rows = sorted({c.key for c in cells}, key=lambda k: (k == UNASSIGNED, k))
        columns = sorted({c.key2 for c in cells}, key=lambda k: (k == UNASSIGNED, k))
        self.heatmap.setRowCount(len(rows))
        self.heatmap.setColumnCount(len(columns))
        self.heatmap.setVerticalHeaderLabels([self._key_label(k) for k in rows])
        self.heatmap.setHorizontalHeaderLabels([self._key_label(k) for k in columns])
        top = max((abs(c.weight_bp) for c in cells), default=1) or 1  # a short cell shades by its size
        hot = QColor(self.palette().highlight().color())
        weights = {(c.key, c.key2): c.weight_bp for c in cells}
        for r, key in enumerate(rows):
            for c, key2 in enumerate(columns):
                bp = weights.get((key, key2), 0)
                item = QTableWidgetItem(pct(bp) if bp else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if bp:
                    shade = QColor(hot)
                    shade.setAlpha(int(40 + 200 * abs(bp) / top))
                    item.setBackground(QBrush(shade))
                self.heatmap.setItem(r, c, item)
        self.heatmap.resizeColumnsToContents()
