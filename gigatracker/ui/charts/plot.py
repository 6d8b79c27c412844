"""What every pyqtgraph chart of the window shares: a still plot (no menu, no buttons, no mouse panning or
zooming: the charts show figures, they are not explorers) that follows the palette, light or dark."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class ThemedPlot(QWidget):
    """A widget around `self.plot`; subclasses extend `apply_palette` for their own items."""

    def __init__(self, parent=None, axis_items: dict | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(self, axisItems=axis_items or {})
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.getViewBox().setMouseEnabled(x=False, y=False)

    def apply_palette(self) -> None:
        background, text = self.palette().base().color(), self.palette().text().color()
        self.plot.setBackground(background)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen(text)
            self.plot.getAxis(axis).setPen(text)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched while open
            self.apply_palette()
        super().changeEvent(event)
