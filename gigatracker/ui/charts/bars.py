"""Horizontal bars of weights (pyqtgraph), with each key's target range drawn behind its bar and
breaches in red. Click a bar to pick its key."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout

from .palette import BREACH
from .plot import ThemedPlot

BAR_HEIGHT = 0.62


class ExposureBars(ThemedPlot):
    bar_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        item = self.plot.getPlotItem()
        item.setClipToView(True)
        item.setDownsampling(auto=True)
        item.invertY(True)
        item.setLabel("bottom", "%")
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._keys: list[str] = []
        self.targets_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        self.bars_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        self.breach_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        for item in (self.targets_item, self.bars_item, self.breach_item):
            self.plot.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.apply_palette()

    def set_bars(self, bars: list[tuple[str, float, QColor, bool]], targets: dict[str, tuple[float, float]],
                 labels: dict[str, str] | None = None) -> None:
        """(key, percent, colour, breached) top to bottom; targets: key -> (min %, max %)."""
        self._keys = [key for key, *_ in bars]
        positions = list(range(len(bars)))
        # A breach keeps its colour but gets a thick red outline, a red hatch and a warning sign by its name.
        brushes = [pg.mkBrush(colour) for _key, _pct, colour, _breached in bars]
        pens = [pg.mkPen(BREACH, width=3) if breached else pg.mkPen(None) for *_, breached in bars]
        if bars:  # pyqtgraph fails on empty per-bar pen lists
            self.bars_item.setOpts(x0=[0] * len(bars), y=positions, width=[pct for _k, pct, _c, _b in bars],
                                   height=BAR_HEIGHT, brushes=brushes, pens=pens)
        else:
            self.bars_item.setOpts(x0=[], y=[], width=[], height=BAR_HEIGHT, brushes=None, pens=None)
        ranged = [(i, targets[key]) for i, key in enumerate(self._keys) if key in targets]
        band = QColor(self.palette().text().color())
        band.setAlpha(45)
        self.targets_item.setOpts(x0=[low for _, (low, _high) in ranged], y=[i for i, _ in ranged],
                                  width=[high - low for _, (low, high) in ranged], height=0.95,
                                  brush=pg.mkBrush(band), pen=pg.mkPen(band.darker(150), style=pg.QtCore.Qt.PenStyle.DashLine))
        names = labels or {}
        self.plot.getAxis("left").setTicks([[(i, ("⚠ " if breached else "") + names.get(key, key))
                                             for i, (key, _p, _c, breached) in enumerate(bars)]])
        hatched = [(i, pct) for i, (_k, pct, _c, breached) in enumerate(bars) if breached]
        self.breach_item.setOpts(x0=[0] * len(hatched), y=[i for i, _ in hatched], width=[p for _, p in hatched],
                                 height=BAR_HEIGHT, brush=pg.mkBrush(BREACH, style=pg.QtCore.Qt.BrushStyle.BDiagPattern),
                                 pen=pg.mkPen(None))
        widest = max([pct for _k, pct, _c, _b in bars] + [high for _, (_low, high) in ranged] + [1])
        lowest = min([pct for _k, pct, _c, _b in bars] + [0])  # a net short exposure is a bar left of zero
        self.plot.setXRange(lowest * 1.08, widest * 1.08, padding=0)
        self.plot.setYRange(-0.6, max(len(bars), 1) - 0.4, padding=0)

    def keys(self) -> list[str]:
        return list(self._keys)

    def key_at_row(self, y: float) -> str | None:
        index = int(round(y))
        return self._keys[index] if 0 <= index < len(self._keys) and abs(y - index) <= BAR_HEIGHT / 2 + 0.1 else None

    def _clicked(self, event) -> None:
        point = self.plot.getPlotItem().getViewBox().mapSceneToView(event.scenePos())
        key = self.key_at_row(point.y())
        if key is not None:
            self.bar_clicked.emit(key)
